using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Notifications;

/// <summary>
/// Writes composed messages as <c>notifications</c> rows in the caller's unit of work, so a notice
/// exists exactly when the dossier step that causes it was committed; <see cref="NotificationDispatcher"/>
/// sends them afterwards. A message whose id is already there is not written again.
/// </summary>
public static class NotificationOutbox
{
    /// <summary>Adds the messages to <paramref name="db"/>; the caller's <c>SaveChanges</c> (and transaction) writes them.</summary>
    /// <returns>How many rows were added (messages already there are skipped).</returns>
    public static async Task<int> EnqueueAsync(BpmDbContext db, IEnumerable<OutgoingMessage> messages, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        var ids = list.Select(m => m.Id).ToList();
        var existing = (await db.Notifications.Where(n => ids.Contains(n.MessageId)).Select(n => n.MessageId).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        existing.UnionWith(db.ChangeTracker.Entries<NotificationRecord>().Select(e => e.Entity.MessageId));
        var added = 0;
        foreach (var message in list.Where(m => existing.Add(m.Id)))
        {
            db.Notifications.Add(new NotificationRecord
            {
                MessageId = message.Id,
                DossierCode = message.DossierCode,
                Notice = message.Notice.ToString(),
                Channel = message.Channel.ToString(),
                Address = message.Address,
                Subject = message.Subject,
                Body = message.Body,
                CreatedAt = now,
                NextAttemptAt = now,
            });
            added++;
        }

        return added;
    }
}
