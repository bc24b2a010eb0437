using System.Text.Json;
using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Dossiers.Dossiers;

/// <summary>
/// Appends a dossier event, moves the dossier's status to the event's and updates the report's day
/// counts, in the caller's unit of work. An event that changes the status (the first one included)
/// also writes the national portal's sync row, so the portal is told exactly the statuses that committed.
/// </summary>
public static class DossierEvents
{
    /// <returns>The event's number within the dossier.</returns>
    public static async Task<int> AppendAsync(BpmDbContext db, DossierRecord dossier, string type, string actor, DateTimeOffset at, object? payload, CancellationToken cancellationToken, string? status = null)
    {
        var previous = await db.DossierEvents.Where(e => e.DossierCode == dossier.Code).OrderByDescending(e => e.Seq)
            .Select(e => new { e.Seq, e.Status }).FirstOrDefaultAsync(cancellationToken);
        var last = previous?.Seq ?? 0;
        var journalSeq = await db.Journal.Where(j => j.InstanceId == dossier.InstanceId).MaxAsync(j => (long?)j.Seq, cancellationToken);
        if (status is not null)
        {
            dossier.Status = status;
        }

        db.DossierEvents.Add(new DossierEventRecord
        {
            DossierCode = dossier.Code,
            Seq = last + 1,
            Type = type,
            Status = dossier.Status,
            At = at,
            Actor = actor,
            JournalSeq = journalSeq,
            Payload = payload is null ? null : JsonSerializer.Serialize(payload, JsonSerializerOptions.Web),
        });
        if (previous?.Status != dossier.Status)
        {
            db.PortalSyncs.Add(new PortalSyncRecord { DossierCode = dossier.Code, EventSeq = last + 1, Status = dossier.Status, At = at, NextAttemptAt = at });
        }

        await DossierDayCounts.CountAsync(db, dossier, type, at, cancellationToken);
        return last + 1;
    }
}
