using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence;

/// <summary>
/// On PostgreSQL a command's writes go to the server as one batch with no <c>BEGIN</c> and no
/// <c>COMMIT</c>: the statements of a batch that Npgsql ends with a single Sync run in one implicit
/// transaction, committed when the last succeeds and rolled back whole when any fails. That saves the
/// <c>COMMIT</c> round trip (the WAL flush is the same), so a completion is two round trips: the read
/// and this batch.
/// </summary>
/// <remarks>
/// What the explicit transaction gave, and how it still holds:
/// <list type="bullet">
/// <item>All or nothing — one implicit transaction, as long as the writes are one batch. EF's Npgsql
/// provider sends up to 1,000 row commands per batch; a save of more than <see cref="MaxEntries"/>
/// rows (a multi-instance step creating many tasks) takes the explicit transaction instead.</item>
/// <item>The revision check — a stale instance <c>UPDATE … WHERE Revision = @old</c> matches no row,
/// which is not an error the server sees, so the statements after it would still commit. The guard
/// is the journal's key (instance, seq): two writers that loaded the same revision append the same
/// sequence numbers, so the later one's insert fails on the key, waiting for the first to commit,
/// and its whole batch rolls back. That holds only when the command appends at least one journal
/// row; a command without events takes the explicit transaction.</item>
/// </list>
/// </remarks>
internal static class OneMessageCommit
{

    /// <summary>Far below EF's 1,000 commands per batch for Npgsql: one save, one batch.</summary>
    internal const int MaxEntries = 200;

    public static bool Applies(BpmDbContext db, int events) =>
        events > 0
        && db.Database.ProviderName == ProviderNames.Npgsql
        && db.Database.CurrentTransaction is null
        && TrackedRows(db) <= MaxEntries;

    /// <summary>Counted without the change detection <c>Entries()</c> would run: SaveChanges runs it anyway.</summary>
    private static int TrackedRows(BpmDbContext db)
    {
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return db.ChangeTracker.Entries().Count();
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    public static async Task SaveAsync(BpmDbContext db, CancellationToken cancellationToken)
    {
        var behaviour = db.Database.AutoTransactionBehavior;
        db.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.Database.AutoTransactionBehavior = behaviour;
        }
    }
}
