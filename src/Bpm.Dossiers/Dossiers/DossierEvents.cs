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
        var journalSeq = await db.Journal.Where(j => j.InstanceId == dossier.InstanceId).MaxAsync(j => (long?)j.Seq, cancellationToken);
        return await AppendAsync(db, dossier, new DossierEventPosition(previous?.Seq ?? 0, previous?.Status, journalSeq, null), type, actor, at, payload, cancellationToken, status);
    }

    /// <summary>
    /// The same, where the caller already knows what the other overload reads (the province simulator,
    /// which wrote every earlier event and ran the command itself): no read before the write.
    /// </summary>
    /// <returns>The event's number within the dossier.</returns>
    public static async Task<int> AppendAsync(BpmDbContext db, DossierRecord dossier, DossierEventPosition position, string type, string actor, DateTimeOffset at, object? payload, CancellationToken cancellationToken, string? status = null)
    {
        var last = position.LastSeq;
        var journalSeq = position.JournalSeq;
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
        if (position.LastStatus != dossier.Status)
        {
            db.PortalSyncs.Add(new PortalSyncRecord { DossierCode = dossier.Code, EventSeq = last + 1, Status = dossier.Status, At = at, NextAttemptAt = at });
        }

        await DossierDayCounts.CountAsync(db, dossier, type, at, cancellationToken, position.LateWithoutApology);
        return last + 1;
    }
}

/// <summary>
/// Where a dossier's events stand before a new one: the last event's number (0 for none) and status,
/// the instance's last journal number, and, when known, whether the instance went late without an
/// apology letter (the day counts of a return need it; null reads it from the instance row).
/// </summary>
public readonly record struct DossierEventPosition(int LastSeq, string? LastStatus, long? JournalSeq, bool? LateWithoutApology);
