using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Notifications;

/// <summary>What one dispatch pass did.</summary>
public sealed record NotificationPass(int Sent, int Retrying, int GaveUp, int TakenByAnother);

/// <summary>
/// Sends due <c>notifications</c> rows, at least once: a row is marked sent only after its channel
/// accepted it, so a crash in between leads to a second attempt with the same message id, never to
/// a loss. Each attempt is recorded with the channel's answer. Before sending, a host takes the row
/// by moving its next attempt forward with a compare on the attempt count, so two hosts do not send
/// the same message at the same time. A failure is tried again after a growing pause; a permanent
/// refusal, or <see cref="MaxAttempts"/> failures, ends it (<c>GaveUpAt</c>).
/// </summary>
public sealed class NotificationDispatcher(BpmDbContext db, NotificationChannels channels, TimeProvider time)
{
    /// <summary>Pauses before the 2nd, 3rd… attempt; the last one repeats (<see cref="RetrySchedule"/>).</summary>
    public static IReadOnlyList<TimeSpan> Backoff => RetrySchedule.Backoff;

    /// <summary>How long a taken row is left to its host before another may try it (<see cref="RetrySchedule"/>).</summary>
    public static TimeSpan Lease => RetrySchedule.Lease;

    public int MaxAttempts { get; init; } = 10;

    public async Task<NotificationPass> DispatchAsync(int batchSize = 50, CancellationToken cancellationToken = default)
    {
        db.ChangeTracker.Clear();
        var now = time.GetUtcNow();
        var due = await db.Notifications
            .Where(n => n.SentAt == null && n.GaveUpAt == null && n.NextAttemptAt <= now)
            .OrderBy(n => n.NextAttemptAt).ThenBy(n => n.Id)
            .Take(batchSize)
            .ToListAsync(cancellationToken);
        int sent = 0, retrying = 0, gaveUp = 0, taken = 0;
        foreach (var row in due)
        {
            var attempt = row.Attempts + 1;
            var leaseUntil = now + Lease;
            var took = await db.Notifications
                .Where(n => n.Id == row.Id && n.Attempts == row.Attempts && n.SentAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(n => n.Attempts, attempt).SetProperty(n => n.NextAttemptAt, leaseUntil), cancellationToken);
            if (took == 0)
            {
                taken++;
                continue;
            }

            var channel = channels.For(Enum.Parse<ChannelKind>(row.Channel));
            var answer = await channel.SendAsync(
                new OutgoingMessage(row.MessageId, row.DossierCode, Enum.Parse<NoticeKind>(row.Notice), Enum.Parse<ChannelKind>(row.Channel), row.Address, row.Subject, row.Body),
                cancellationToken);
            var at = time.GetUtcNow();
            var detail = answer.Detail.Length > 1000 ? answer.Detail[..1000] : answer.Detail;
            db.NotificationAttempts.Add(new NotificationAttemptRecord
            {
                NotificationId = row.Id, Attempt = attempt, At = at, ChannelName = channel.Name,
                Accepted = answer.Accepted, Permanent = answer.Permanent, Answer = detail,
            });
            row.Attempts = attempt;
            row.LastAnswer = detail;
            if (answer.Accepted)
            {
                row.SentAt = at;
                sent++;
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
            }

            db.Entry(row).State = EntityState.Modified;
            await db.SaveChangesAsync(cancellationToken);
        }

        return new NotificationPass(sent, retrying, gaveUp, taken);
    }
}
