using System.Collections.Concurrent;
using System.Text.Json;
using Bpm.Dossiers.Dossiers;
using Bpm.Integration.NationalPortal;
using Bpm.Persistence;
using Bpm.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Bpm.Integration.Tests;

/// <summary>The portal's outbox on a real database: a row per committed status, told in order per dossier, tried again after a failure, against a stub portal on loopback.</summary>
public abstract class PortalSyncTestBase<TDatabase>(TDatabase database) : IAsyncLifetime
    where TDatabase : IDatabaseFixture
{
    private static readonly PortalMapping Mapping = PortalMapping.Load(Path.Combine(RepositoryRoot.Find(), "workflows", "integration", "national-portal.json"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 2, 30, 0, TimeSpan.Zero));
    private readonly HttpClient _http = new();
    private readonly ConcurrentQueue<(string Code, string Status)> _portalGot = new();
    // Answers planned per dossier code: the database is shared by the tests of a class.
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _plan = new();
    private LoopbackHttpStub? _portal;

    public async Task InitializeAsync() =>
        _portal = await LoopbackHttpStub.StartAsync(app => app.MapPost("/dossiers/status", async (HttpRequest request) =>
        {
            using var update = await JsonDocument.ParseAsync(request.Body);
            var code = update.RootElement.GetProperty("dossierCode").GetString()!;
            var status = update.RootElement.GetProperty("status").GetProperty("code").GetString()!;
            var planned = _plan.TryGetValue(code, out var plan) && plan.TryDequeue(out var answer) ? answer : 200;
            if (planned == 200)
            {
                _portalGot.Enqueue((code, status));
            }

            return Results.StatusCode(planned);
        }));

    public async Task DisposeAsync()
    {
        await _portal!.DisposeAsync();
        _http.Dispose();
    }

    private static string NewCode() => $"000.00.12.H08-261201-{Guid.NewGuid():N}"[..40];

    private PortalSync Sync(BpmDbContext db) => new(db, new HttpNationalPortal(_http, _portal!.BaseAddress, "token-thu"), Mapping, _time);

    /// <summary>A received dossier, then each later status, each through <see cref="DossierEvents.AppendAsync"/> as the server writes them.</summary>
    private async Task ReceiveAsync(string code, params string[] laterStatuses)
    {
        await using var db = database.CreateContext();
        var dossier = new DossierRecord
        {
            Code = code, ProcedureCode = "1.001193", ReceivingUnit = "UBND.PHUONGLAM", InstanceId = "inst-" + code[^8..],
            Status = DossierStatus.Received, ApplicantKind = "person", ApplicantName = "Nguyễn Văn An", IdentityNumber = "052090001234",
            Papers = "[]", Channel = "desk", ResultDelivery = "desk", ReceivedBy = "quay.pl", ReceivedAt = _time.GetUtcNow(),
        };
        db.Dossiers.Add(dossier);
        await DossierEvents.AppendAsync(db, dossier, DossierEventType.Received, "quay.pl", _time.GetUtcNow(), null, CancellationToken.None);
        await db.SaveChangesAsync();
        foreach (var status in laterStatuses)
        {
            var type = status == DossierStatus.Processing ? DossierEventType.HandedOver : DossierEventType.ResultReady;
            await DossierEvents.AppendAsync(db, dossier, type, "cb.pl", _time.GetUtcNow(), null, CancellationToken.None, status);
            await db.SaveChangesAsync();
        }
    }

    private async Task<List<PortalSyncRecord>> RowsAsync(string code)
    {
        await using var db = database.CreateContext();
        return await db.PortalSyncs.AsNoTracking().Where(s => s.DossierCode == code).OrderBy(s => s.EventSeq).ToListAsync();
    }

    private async Task<PortalSyncPass> PassAsync()
    {
        await using var db = database.CreateContext();
        return await Sync(db).SyncAsync();
    }

    [SkippableFact]
    public async Task AppendAsync_StatusChangesOnly_OneSyncRowEach()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var code = NewCode();
        await ReceiveAsync(code, DossierStatus.Processing);
        await using (var db = database.CreateContext())
        {
            // An event that leaves the status as it is (a delegated task) tells the portal nothing.
            var dossier = await db.Dossiers.SingleAsync(d => d.Code == code);
            await DossierEvents.AppendAsync(db, dossier, DossierEventType.TaskDelegated, "cb.pl", _time.GetUtcNow(), null, CancellationToken.None);
            await db.SaveChangesAsync();
        }

        var rows = await RowsAsync(code);

        Assert.Equal([(1, DossierStatus.Received), (2, DossierStatus.Processing)], rows.Select(r => (r.EventSeq, r.Status)));
    }

    [SkippableFact]
    public async Task SyncAsync_PortalTakesIt_EachStatusInOrderWithTheMappedCode()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var code = NewCode();
        await ReceiveAsync(code, DossierStatus.Processing, DossierStatus.ResultReady);

        await PassAsync();

        Assert.Equal(["2", "4", "9"], _portalGot.Where(g => g.Code == code).Select(g => g.Status));
        var rows = await RowsAsync(code);
        Assert.All(rows, r => Assert.NotNull(r.SyncedAt));
        Assert.StartsWith("http: 200", rows[0].LastAnswer);
    }

    [SkippableFact]
    public async Task SyncAsync_PortalBusyThenUp_LaterStatusWaitsAndBothGoAfterTheBackoff()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var code = NewCode();
        _plan[code] = new ConcurrentQueue<int>([503]);
        await ReceiveAsync(code, DossierStatus.Processing);

        await PassAsync();
        var afterFailure = await RowsAsync(code);
        _time.Advance(PortalSync.Backoff[0] - TimeSpan.FromSeconds(1));
        await PassAsync();
        var beforeBackoff = _portalGot.Count(g => g.Code == code);
        _time.Advance(TimeSpan.FromSeconds(1));
        await PassAsync();

        Assert.Equal(1, afterFailure[0].Attempts);
        Assert.Null(afterFailure[0].SyncedAt);
        Assert.StartsWith("http: 503", afterFailure[0].LastAnswer);
        // The processing status was not sent ahead of the received one the portal had not taken.
        Assert.Equal(0, afterFailure[1].Attempts);
        Assert.Equal(0, beforeBackoff);
        Assert.Equal(["2", "4"], _portalGot.Where(g => g.Code == code).Select(g => g.Status));
        Assert.All(await RowsAsync(code), r => Assert.NotNull(r.SyncedAt));
    }

    [SkippableFact]
    public async Task SyncAsync_PortalRefusesForGood_GivenUpAndTheNextStatusGoes()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var code = NewCode();
        _plan[code] = new ConcurrentQueue<int>([400]);
        await ReceiveAsync(code, DossierStatus.Processing);

        await PassAsync();
        await PassAsync();

        var rows = await RowsAsync(code);
        Assert.NotNull(rows[0].GaveUpAt);
        Assert.Null(rows[0].SyncedAt);
        Assert.NotNull(rows[1].SyncedAt);
        Assert.Equal(["4"], _portalGot.Where(g => g.Code == code).Select(g => g.Status));
    }

    [SkippableFact]
    public async Task SyncAsync_TwoHostsAtOnce_EachStatusTakenOnce()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var codes = Enumerable.Range(0, 10).Select(_ => NewCode()).ToList();
        foreach (var code in codes)
        {
            await ReceiveAsync(code);
        }

        var passes = await Task.WhenAll(PassAsync(), PassAsync());

        Assert.Equal(codes.Order(), _portalGot.Where(g => codes.Contains(g.Code)).Select(g => g.Code).Order());
        Assert.True(passes.Sum(p => p.Synced) >= codes.Count);
    }
}

public sealed class SqlitePortalSyncTests(SqliteFixture database)
    : PortalSyncTestBase<SqliteFixture>(database), IClassFixture<SqliteFixture>;

public sealed class PostgreSqlPortalSyncTests(PostgresFixture database)
    : PortalSyncTestBase<PostgresFixture>(database), IClassFixture<PostgresFixture>;
