using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence;

/// <summary>
/// SQLite admits one writer per file. Writers that meet its lock are retried by Microsoft.Data.Sqlite
/// with fixed sleeps, which under 16 callers gave seconds of latency; queueing this process's writers
/// for the same database in front of the lock hands it over in arrival order instead. Other processes
/// (and contexts opened with another connection string) still meet the lock and its retries.
/// </summary>
internal static class SqliteWriterQueue
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Queues = new(StringComparer.Ordinal);

    /// <summary>The queue of the context's database, or null on a server database, which queues writers itself.</summary>
    public static SemaphoreSlim? For(BpmDbContext db) =>
        db.Database.ProviderName == BpmDbContext.SqliteProvider
            ? Queues.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1))
            : null;
}
