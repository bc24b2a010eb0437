using Bpm.Dossiers.Codes;
using Bpm.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Features.Dossiers;

/// <summary>
/// The national identifier (Circular 10/2016/TT-BTTTT) of each receiving unit, which opens its
/// dossier codes, from the organisation tree (<see cref="OrganisationUnit.Identifier"/>).
/// </summary>
public sealed class ReceivingUnits(OrganisationDbContext organisation)
{
    public async Task<UnitIdentifier?> IdentifierOfAsync(string unitCode, CancellationToken cancellationToken)
    {
        var text = await organisation.Units.AsNoTracking().Where(u => u.Code == unitCode).Select(u => u.Identifier).FirstOrDefaultAsync(cancellationToken);
        return UnitIdentifier.TryParse(text, out var identifier) ? identifier : null;
    }
}
