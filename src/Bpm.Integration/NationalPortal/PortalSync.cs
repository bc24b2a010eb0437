using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Integration.NationalPortal;

/// <summary>What one sync pass did.</summary>
public sealed record PortalSyncPass(int Synced, int Retrying, int GaveUp, int TakenByAnother);

/// <summary>
/// Tells the national portal each dossier status that committed (<c>portal_syncs</c>, written by
/// <c>DossierEvents.AppendAsync</c> with the event), at least once and in order per dossier: a
/// dossier's later status waits until its earlier one is taken or given up, so the portal never
/// ends on an older status. A row is taken with a compare on its attempt count (two hosts never
/// send it at the same time), marked synced only after the portal accepted it, and tried again
/// after a growing pause; a permanent refusal or <see cref="MaxAttempts"/> failures end it.
/// </summary>
public sealed class PortalSync(BpmDbContext db, INationalPortal portal, PortalMapping mapping, TimeProvider time)
{
    /// <summary>Pauses before the 2nd, 3rd… attempt; the last one repeats (<see cref="RetrySchedule"/>).</summary>
    public static IReadOnlyList<TimeSpan> Backoff => RetrySchedule.Backoff;

    /// <summary>How long a taken row is left to its host before another may try it (<see cref="RetrySchedule"/>).</summary>
    public static TimeSpan Lease => RetrySchedule.Lease;

    public int MaxAttempts { get; init; } = 20;

    public async Task<PortalSyncPass> SyncAsync(int batchSize = 50, CancellationToken cancellationToken = default)
    {
        db.ChangeTracker.Clear();
        var now = time.GetUtcNow();
        var due = await db.PortalSyncs
            .Where(s => s.SyncedAt == null && s.GaveUpAt == null && s.NextAttemptAt <= now)
            // An earlier status that is not due (backing off, or taken by another host) holds the later ones back; one that is due comes first in this batch.
            .Where(s => !db.PortalSyncs.Any(e => e.DossierCode == s.DossierCode && e.Id < s.Id && e.SyncedAt == null && e.GaveUpAt == null && e.NextAttemptAt > now))
            .OrderBy(s => s.Id)
            .Take(batchSize)
            .ToListAsync(cancellationToken);
        int synced = 0, retrying = 0, gaveUp = 0, taken = 0;
        var heldBack = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in due)
        {
            if (heldBack.Contains(row.DossierCode))
            {
                continue;
            }

            var attempt = row.Attempts + 1;
            var leaseUntil = now + Lease;
            var took = await db.PortalSyncs
                .Where(s => s.Id == row.Id && s.Attempts == row.Attempts && s.SyncedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Attempts, attempt).SetProperty(s => s.NextAttemptAt, leaseUntil), cancellationToken);
            if (took == 0)
            {
                taken++;
                heldBack.Add(row.DossierCode);
                continue;
            }

            var answer = await SendAsync(row, cancellationToken);
            var at = time.GetUtcNow();
            var detail = $"{portal.Name}: {answer.Detail}";
            row.Attempts = attempt;
            row.LastAnswer = detail.Length > 1000 ? detail[..1000] : detail;
            if (answer.Accepted)
            {
                row.SyncedAt = at;
                synced++;
            }
            else if (answer.Permanent || attempt >= MaxAttempts)
            {
                row.GaveUpAt = at;
                gaveUp++;
            }
            else
            {
                row.NextAttemptAt = at + RetrySchedule.After(attempt);
                retrying++;
                heldBack.Add(row.DossierCode);
            }

            db.Entry(row).State = EntityState.Modified;
            await db.SaveChangesAsync(cancellationToken);
        }

        return new PortalSyncPass(synced, retrying, gaveUp, taken);
    }

    private async Task<PortalAnswer> SendAsync(PortalSyncRecord row, CancellationToken cancellationToken)
    {
        var dossier = await db.Dossiers.AsNoTracking().FirstOrDefaultAsync(d => d.Code == row.DossierCode, cancellationToken);
        if (dossier is null)
        {
            return new PortalAnswer(false, true, $"không có hồ sơ {row.DossierCode}");
        }

        var note = await db.DossierEvents.AsNoTracking().Where(e => e.DossierCode == row.DossierCode && e.Seq == row.EventSeq)
            .Select(e => e.Type).FirstOrDefaultAsync(cancellationToken);
        var update = new PortalStatusUpdate(
            dossier.Code,
            mapping.ProcedureCodeOf(dossier.ProcedureCode),
            // The receiving unit's code: it is what the portal's agency list is keyed by.
            dossier.ReceivingUnit,
            mapping.StatusOf(row.Status),
            row.At,
            dossier.DueAt,
            note);
        return await portal.SyncStatusAsync(update, cancellationToken);
    }
}
