using Bpm.Persistence;
using Bpm.Server.Hosting;
using Bpm.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Features.Dossiers;

/// <summary>One dossier with its status, who holds it since when, and its events.</summary>
public static class GetDossier
{
    public static async Task<Results<Ok<DossierResponse>, ProblemHttpResult>> HandleAsync(string code, BpmDbContext db, CallerAccessor callers, CancellationToken cancellationToken)
    {
        var caller = await callers.GetAsync(cancellationToken);
        var dossier = await DossierResponse.LoadAsync(db, db.Dossiers.AsNoTracking().VisibleTo(db, caller).Where(d => d.Code == code), withEvents: true, cancellationToken);
        return dossier is null ? Problems.NotFound(DossierAccess.NotFound(code)) : TypedResults.Ok(dossier);
    }
}
