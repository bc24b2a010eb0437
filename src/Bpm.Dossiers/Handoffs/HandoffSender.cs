using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Bpm.Papers;
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
/// the sending unit completes its task by hand (<see cref="HandoffRecord.Undelivered"/>). A file of
/// a handoff's papers is read from <paramref name="papers"/> when it is sent; a file the partner
/// refuses (or that is no longer here) leaves the handoff undelivered and withdraws it there.
/// </summary>
public sealed class HandoffSender(BpmDbContext db, HandoffPartners partners, HttpClient http, TimeProvider time, IPaperStore papers)
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

            var (status, answer, refusedHere) = await PostAsync(row, cancellationToken);
            var at = time.GetUtcNow();
            var ok = status is >= 200 and < 300;
            var permanent = refusedHere || (!ok && status is { } s && s is >= 400 and < 500 and not 408 and not 429);
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

    private async Task<(int? Status, string Answer, bool RefusedHere)> PostAsync(HandoffMessageRecord row, CancellationToken cancellationToken)
    {
        if (partners.Find(row.Partner) is not { } partner)
        {
            // The partner was removed from the configuration since the row was written: kept, and tried again once it is back.
            return (null, $"partner '{row.Partner}' is not configured ({HandoffOptions.Section}:Partners)", false);
        }

        var now = time.GetUtcNow();
        if (partner.SigningKey(now) is not { } key)
        {
            // Every key for this partner expired (or none is valid yet): kept, and tried again once the configuration has a valid one.
            return (null, $"no key for partner '{row.Partner}' is valid at {now:O} ({HandoffOptions.Section})", false);
        }

        var url = new Uri(row.Url);
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        byte[] body;
        if (row.Kind == HandoffMessageRecord.PaperKind)
        {
            var file = JsonSerializer.Deserialize<HandoffPaperFile>(row.Body, JsonSerializerOptions.Web)!;
            if (await ReadFileAsync(file, cancellationToken) is not { } bytes)
            {
                return (null, $"file '{file.FileId}' of paper '{file.PaperId}' is not in this installation's paper store", true);
            }

            body = bytes;
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(file.ContentType ?? "application/octet-stream");
            request.Headers.Add(HandoffPaperFile.HandoffKeyHeader, file.HandoffKey);
            request.Headers.Add(HandoffPaperFile.FileIdHeader, file.FileId);
        }
        else
        {
            body = Encoding.UTF8.GetBytes(row.Body);
            request.Content = new StringContent(row.Body, Encoding.UTF8, "application/json");
        }

        var timestamp = now.ToUnixTimeSeconds();
        request.Headers.Add(HandoffSignature.PartnerHeader, partners.InstallationId);
        request.Headers.Add(HandoffSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(HandoffSignature.SignatureHeader, key.Signature.Sign(HandoffSignature.Canonical("POST", url.AbsolutePath, timestamp, HandoffSignature.Sha256(body))));
        if (key.Id is { } keyId)
        {
            request.Headers.Add(HandoffSignature.KeyIdHeader, keyId);
        }

        request.Headers.Add(HandoffSignature.IdempotencyHeader, row.Key);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(partners.Options.Timeout);
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            return ((int)response.StatusCode, $"{(int)response.StatusCode} {text}", false);
        }
        catch (HttpRequestException e)
        {
            return (null, $"no answer: {e.Message}", false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ((int)HttpStatusCode.RequestTimeout, $"no answer within {partners.Options.Timeout.TotalSeconds} s", false);
        }
    }

    /// <summary>The file's bytes as stored here (at most the paper store's largest file); null when the store has no such file.</summary>
    private async Task<byte[]?> ReadFileAsync(HandoffPaperFile file, CancellationToken cancellationToken)
    {
        if (!PaperId.TryParse(file.FileId, out var id) || await papers.OpenAsync(id, cancellationToken) is not { } content)
        {
            return null;
        }

        await using (content)
        {
            using var buffer = new MemoryStream();
            await content.Content.CopyToAsync(buffer, cancellationToken);
            return buffer.ToArray();
        }
    }

    /// <summary>A handoff the partner refused for good no longer waits for it: its task is the sending unit's to complete by hand.</summary>
    /// <remarks>
    /// A refused file undelivers its handoff too, and the partner, which started its child on the
    /// handoff itself, gets a signed cancel behind it: the dossier cannot be worked there without its papers.
    /// </remarks>
    private async Task UndeliveredAsync(HandoffMessageRecord row, DateTimeOffset at, string answer, CancellationToken cancellationToken)
    {
        var file = row.Kind == HandoffMessageRecord.PaperKind ? JsonSerializer.Deserialize<HandoffPaperFile>(row.Body, JsonSerializerOptions.Web) : null;
        var handoffKey = row.Kind == HandoffMessageRecord.HandoffKind ? row.Key : file?.HandoffKey;
        if (handoffKey is null
            || await db.Handoffs.FirstOrDefaultAsync(h => h.Partner == row.Partner && h.RemoteKey == handoffKey, cancellationToken) is not { Status: HandoffRecord.Running } handoff)
        {
            return;
        }

        handoff.Status = HandoffRecord.Undelivered;
        handoff.EndedAt = at;
        if (file is not null)
        {
            var url = partners.Find(row.Partner)?.Endpoint("inbound/cancel").AbsoluteUri ?? $"partner:{row.Partner}/api/v1/handoffs/inbound/cancel";
            var cancelKey = handoffKey + ":undelivered";
            HandoffOutbox.Add(db, cancelKey, row.Partner, HandoffMessageRecord.CancelKind, url, row.DossierCode,
                new HandoffCancel(cancelKey, handoffKey, $"file '{file.FileId}' of paper '{file.PaperId}' could not be delivered: {answer}"), at);
        }

        if (await db.Dossiers.FirstOrDefaultAsync(d => d.Code == handoff.DossierCode, cancellationToken) is { } dossier)
        {
            await Dossiers.DossierEvents.AppendAsync(db, dossier, Dossiers.DossierEventType.HandoffUndelivered, HandoffCoordinator.ActorPrefix + handoff.TargetAgency, at,
                new { agency = handoff.TargetAgency, partner = row.Partner, key = handoffKey, paper = file?.PaperId, fileId = file?.FileId, fileName = file?.FileName, answer }, cancellationToken);
        }
    }
}
