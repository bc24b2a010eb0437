using Bpm.Persistence.Specification.Tests;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Bpm.Persistence.PostgreSql.Tests;

/// <summary>
/// Two hosts' takes meet on the same first rows. On PostgreSQL the take locks the rows it chose in id
/// order whatever its plan reads first, so the later take waits at the first row they share instead of
/// holding a row the earlier one waits for (a deadlock, which PostgreSQL breaks after a second by
/// failing one of them).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class OutboxTakeOrderTests(PostgresFixture fixture) : PersistenceTestBase<PostgresFixture>(fixture)
{
    [SkippableFact]
    public async Task Take_RowsStoredOutOfIdOrderAndReadInStoredOrder_LocksTheEarlierIdFirst()
    {
        SkipUnlessAvailable();
        var (earlier, later) = await AddTwoRowsStoredLaterFirstAsync();

        // The pass reads the table in stored order (no index scans), as a plan on a grown table may.
        // Declared before the blocker, so that a failure releases the blocker's locks before the pass's context goes.
        await using var db = Context();
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("SET enable_indexscan = off; SET enable_bitmapscan = off; SET enable_indexonlyscan = off");
        await using var watcher = new NpgsqlConnection(ConnectionString());
        await watcher.OpenAsync();
        await using var blocker = new NpgsqlConnection(ConnectionString());
        await blocker.OpenAsync();
        await using var holding = await blocker.BeginTransactionAsync();
        await LockAsync(blocker, earlier, wait: true);

        var delivered = new List<long>();
        var pass = new OutboxDispatcher(db, Time).DispatchAsync((m, _) => { delivered.Add(m.Id); return Task.CompletedTask; });
        // Watched outside any transaction: inside one, PostgreSQL keeps the first pg_stat_activity it read.
        await WaitUntilATakeWaitsAsync(watcher);

        // The take waits at the earlier row and holds nothing else yet: the later row is free to lock.
        await LockAsync(blocker, later, wait: false);
        await holding.CommitAsync();
        await pass;

        Assert.Equal([earlier, later], delivered.Where(id => id == earlier || id == later));
        await using var check = Context();
        Assert.Equal(2, await check.Outbox.CountAsync(o => (o.Id == earlier || o.Id == later) && o.DispatchedAt != null && o.Attempts == 1));
    }

    /// <summary>
    /// Two pending rows of two new instances whose ids come before every other row's (negative: the
    /// identity never gives them), the later id stored first in the table.
    /// </summary>
    private async Task<(long Earlier, long Later)> AddTwoRowsStoredLaterFirstAsync()
    {
        var (_, instanceId) = await StartTwoStepsAsync();
        await using var db = Context();
        var model = await db.Outbox.AsNoTracking().Where(o => o.InstanceId == instanceId).OrderBy(o => o.Id).FirstAsync();
        var earlier = -Random.Shared.NextInt64(1_000_000, long.MaxValue / 2) * 2;
        var later = earlier + 1;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO outbox ("Id", "InstanceId", "Type", "Payload", "CreatedAt", "Attempts")
            VALUES ({later}, {NewId("l")}, {model.Type}, {model.Payload}, {model.CreatedAt}, 0),
                   ({earlier}, {NewId("e")}, {model.Type}, {model.Payload}, {model.CreatedAt}, 0)
            """);
        return (earlier, later);
    }

    private static async Task LockAsync(NpgsqlConnection connection, long id, bool wait)
    {
        await using var command = new NpgsqlCommand($"""SELECT 1 FROM outbox WHERE "Id" = $1 FOR UPDATE{(wait ? "" : " NOWAIT")}""", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await command.ExecuteScalarAsync();
    }

    private static async Task WaitUntilATakeWaitsAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            """SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%UPDATE outbox%LeasedBy%' AND pid <> pg_backend_pid()""", connection);
        for (var i = 0; i < 200; i++)
        {
            if ((long)(await command.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("no take waited for the locked row within 10 s");
    }

    private string ConnectionString()
    {
        using var db = Context();
        return db.Database.GetConnectionString()!;
    }
}
