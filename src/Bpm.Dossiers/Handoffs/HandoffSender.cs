using System.Globalization;
using System.Net;
using System.Text;
using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Dossiers.Handoffs;

/// <summary>What one send pass did.</summary>
public sealed record HandoffSendPass(int Acknowledged, int Retrying, int GaveUp, int Waiting);

/// <summary>
/// Sends due <c>handoff_messages</c> rows to their partners, signed, at least once: a row is marked
/// acknowledged only after the partner answered 2xx, so a crash in between means one more attempt
/// with the same idempotency key, which the partner takes as the same message. Each attempt is
/// recorded with the partner's answer. A dossier's messages to a partner go in order (a cancel never
/// overtakes its handoff). 408, 429, 5xx and no answer are tried again after a growing pause, for as
/// long as it takes; any other answer is a refusal for good: the row is given up and, for a handoff,
/// the sending unit completes its task by hand (<see cref="HandoffRecord.Undelivered"/>).
/// </summary>
public sealed class HandoffSender(BpmDbContext db, HandoffPartners partners, HttpClient http, TimeProvider time)
{
    /// <summary>Pauses before the 2nd, 3rd… attempt; the last one repeats (<see cref="RetrySchedule"/>).</summary>
    public static IReadOnlyList<TimeSpan> Backoff => RetrySchedule.Backoff;

    /// <summary>How long a taken row is left to its host before another may try it (<see cref="RetrySchedule"/>).</summary>
    public static TimeSpan Lease => RetrySchedule.Lease;

    public async Task<HandoffSendPass> SendAsync(int batchSize = 50, CancellationToken cancellationToken = default)
    {
        db.ChangeTracker.Clear();
        var now = time.GetUtcNow();
        var due = await db.HandoffMessages
            .Where(m => m.AcknowledgedAt == null && m.GaveUpAt == null && m.NextAttemptAt <= now)
            .OrderBy(m => m.Id)
            .Take(batchSize)
            .ToListAsync(cancellationToken);
        int acknowledged = 0, retrying = 0, gaveUp = 0, waiting = 0;
        foreach (var row in due)
        {
            var earlier = await db.HandoffMessages.AnyAsync(
                m => m.DossierCode == row.DossierCode && m.Partner == row.Partner && m.Id < row.Id && m.AcknowledgedAt == null && m.GaveUpAt == null, cancellationToken);
            var attempt = row.Attempts + 1;
            var leaseUntil = now + Lease;
            if (earlier || await db.HandoffMessages
                .Where(m => m.Id == row.Id && m.Attempts == row.Attempts && m.AcknowledgedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.Attempts, attempt).SetProperty(m => m.NextAttemptAt, leaseUntil), cancellationToken) == 0)
            {
                waiting++;
                continue;
            }

            var (status, answer) = await PostAsync(row, cancellationToken);
            var at = time.GetUtcNow();
            var ok = status is >= 200 and < 300;
            var permanent = !ok && status is { } s && s is >= 400 and < 500 and not 408 and not 429;
            var detail = answer.Length > 1000 ? answer[..1000] : answer;
            db.HandoffMessageAttempts.Add(new HandoffMessageAttemptRecord { MessageId = row.Id, Attempt = attempt, At = at, Status = status, Acknowledged = ok, Answer = detail });
            row.Attempts = attempt;
            row.LastAnswer = detail;
            if (ok)
            {
                row.AcknowledgedAt = at;
                acknowledged++;
            }
            else if (permanent)
            {
                row.GaveUpAt = at;
                await UndeliveredAsync(row, at, detail, cancellationToken);
                gaveUp++;
            }
            else
            {
                row.NextAttemptAt = at + RetrySchedule.After(attempt);
                retrying++;
            }

            db.Entry(row).State = EntityState.Modified;
            await db.SaveChangesAsync(cancellationToken);
        }

        return new HandoffSendPass(acknowledged, retrying, gaveUp, waiting);
    }

    private async Task<(int? Status, string Answer)> PostAsync(HandoffMessageRecord row, CancellationToken cancellationToken)
    {
        if (partners.Find(row.Partner) is not { } partner)
        {
            // The partner was removed from the configuration since the row was written: kept, and tried again once it is back.
            return (null, $"partner '{row.Partner}' is not configured ({HandoffOptions.Section}:Partners)");
        }

        var url = new Uri(row.Url);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(row.Body, Encoding.UTF8, "application/json") };
        request.Headers.Add(HandoffSignature.PartnerHeader, partners.InstallationId);
        request.Headers.Add(HandoffSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(HandoffSignature.SignatureHeader, partner.Signature.Sign(HandoffSignature.Canonical("POST", url.AbsolutePath, timestamp, HandoffSignature.Sha256(row.Body))));
        request.Headers.Add(HandoffSignature.IdempotencyHeader, row.Key);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(partners.Options.Timeout);
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            return ((int)response.StatusCode, $"{(int)response.StatusCode} {text}");
        }
        catch (HttpRequestException e)
        {
            return (null, $"no answer: {e.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ((int)HttpStatusCode.RequestTimeout, $"no answer within {partners.Options.Timeout.TotalSeconds} s");
        }
    }

    /// <summary>A handoff the partner refused for good no longer waits for it: its task is the sending unit's to complete by hand.</summary>
    private async Task UndeliveredAsync(HandoffMessageRecord row, DateTimeOffset at, string answer, CancellationToken cancellationToken)
    {
        if (row.Kind != HandoffMessageRecord.HandoffKind
            || await db.Handoffs.FirstOrDefaultAsync(h => h.Partner == row.Partner && h.RemoteKey == row.Key, cancellationToken) is not { Status: HandoffRecord.Running } handoff)
        {
            return;
        }

        handoff.Status = HandoffRecord.Undelivered;
        handoff.EndedAt = at;
        if (await db.Dossiers.FirstOrDefaultAsync(d => d.Code == handoff.DossierCode, cancellationToken) is { } dossier)
        {
            await Dossiers.DossierEvents.AppendAsync(db, dossier, Dossiers.DossierEventType.HandoffUndelivered, HandoffCoordinator.ActorPrefix + handoff.TargetAgency, at,
                new { agency = handoff.TargetAgency, partner = row.Partner, key = row.Key, answer }, cancellationToken);
        }
    }
}
