using System.Text.Json;
using Bpm.Engine;
using Bpm.Persistence;
using Bpm.Persistence.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Bpm.Scheduling.Tests;

/// <summary>The pump on a SQLite file of its own: how one call of the scheduling worker's loop meets a backlog.</summary>
public sealed class OutboxPumpTests : IDisposable
{
    // What the store writes for an effect without enums: camelCase, with the engine's type discriminator.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"bpm-pump-{Guid.NewGuid():N}.db");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));

    public OutboxPumpTests()
    {
        using var db = Context();
        db.Database.Migrate();
    }

    [Fact]
    public async Task PumpAsync_BacklogOfSeveralBatches_DeliversAllOfItInOrderWithoutWaitingForTheNextRound()
    {
        // 250 rows, more than two passes' worth: the worker waits its interval only after a call returns.
        var rows = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        for (var i = 0; i < 5; i++)
        {
            rows[$"i{i}"] = [];
        }

        await using (var db = Context())
        {
            for (var n = 0; n < 50; n++)
            {
                foreach (var (instanceId, ids) in rows)
                {
                    SideEffect effect = new TimerArmed($"t{n}", "sla", _time.GetUtcNow().AddHours(n));
                    var row = new OutboxRecord { InstanceId = instanceId, Type = "timer-armed", Payload = JsonSerializer.Serialize(effect, Json), CreatedAt = _time.GetUtcNow() };
                    db.Outbox.Add(row);
                    await db.SaveChangesAsync();
                    ids.Add(row.Id);
                }
            }
        }

        var delivered = new List<OutboxMessage>();
        var report = await new OutboxPump(Context, _time, [(m, _) => { delivered.Add(m); return Task.CompletedTask; }]).PumpAsync();

        Assert.Equal((250, 0), (report.Delivered, report.Failed));
        foreach (var (instanceId, ids) in rows)
        {
            Assert.Equal(ids, delivered.Where(m => m.InstanceId == instanceId).Select(m => m.Id));
        }

        await using var check = Context();
        Assert.False(await check.Outbox.AnyAsync(o => o.DispatchedAt == null));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    private BpmDbContext Context() => BpmSqlite.CreateContext($"Data Source={_file}");
}
