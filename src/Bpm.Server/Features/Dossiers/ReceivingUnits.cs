using Bpm.Dossiers.Codes;

namespace Bpm.Server.Features.Dossiers;

/// <summary>
/// The national identifier (Circular 10/2016/TT-BTTTT) of each receiving unit, which opens its
/// dossier codes, from configuration <c>Bpm:Dossiers:UnitIdentifiers:UNIT-CODE</c>. The
/// organisation tree does not carry it yet; when it does, this reads it from there instead.
/// </summary>
public sealed class ReceivingUnits(IConfiguration configuration)
{
    public UnitIdentifier? IdentifierOf(string unitCode) =>
        UnitIdentifier.TryParse(configuration[$"Bpm:Dossiers:UnitIdentifiers:{unitCode}"], out var identifier) ? identifier : null;
}
