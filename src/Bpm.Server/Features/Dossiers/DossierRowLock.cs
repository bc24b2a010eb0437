using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Features.Dossiers;

/// <summary>
/// Writes to one dossier queue: a no-op update of its row, first in the writer's transaction, holds
/// the row (on SQLite the database) until the commit, so the next writer reads what the first wrote.
/// </summary>
internal static class DossierRowLock
{
    public static Task HoldAsync(BpmDbContext db, string code, CancellationToken cancellationToken) =>
        db.Dossiers.Where(d => d.Code == code).ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, d => d.Status), cancellationToken);
}
