using System.Net;
using System.Net.Http.Json;
using Bpm.Server.Tests.Features.Dossiers;
using Bpm.Server.Tests.Infrastructure;
using Bpm.Testing;

namespace Bpm.Server.Tests.Hosting;

/// <summary>
/// The database round trips of the reads a million dossiers make frequent (docs/benchmarks.md): once
/// the caller's session is cached, the inbox's page and count, a dossier with its holder and events,
/// and the public look-up are one command each. A change that adds a query to any of them fails here.
/// </summary>
public abstract class RoundTripsTestBase<TFixture>(TFixture fixture) : ServerTestBase<TFixture>(fixture)
    where TFixture : class, IRoundTripServerFixture
{
    [SkippableFact]
    public async Task ListTasks_WarmSession_PageAndCountInOneRoundTrip()
    {
        SkipUnlessAvailable();
        var code = await ReceiveAndHandOverAsync(2);
        var specialist = await SignInWithTokenAsync("tuphap.phuonglam");
        await JsonAsync(await specialist.GetAsync("/api/v1/tasks?pageSize=20"), HttpStatusCode.OK);

        var (page, commands) = await CountedAsync(specialist, "/api/v1/tasks?pageSize=20");

        Assert.Equal(1, commands);
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, t => t.GetProperty("businessKey").GetString() == code);
        Assert.True(page.GetProperty("total").GetInt32() >= items.Count);
    }

    [SkippableFact]
    public async Task ListTasks_PagePastTheLast_StillCountsEveryTask()
    {
        SkipUnlessAvailable();
        var code = await ReceiveAndHandOverAsync(3);
        var specialist = await SignInWithTokenAsync("tuphap.phuonglam");

        var first = await JsonAsync(await specialist.GetAsync($"/api/v1/tasks?dossierCode={code}&pageSize=1&page=1"), HttpStatusCode.OK);
        var past = await JsonAsync(await specialist.GetAsync($"/api/v1/tasks?dossierCode={code}&pageSize=1&page=2"), HttpStatusCode.OK);
        var none = await JsonAsync(await specialist.GetAsync("/api/v1/tasks?dossierCode=KHONG-CO&pageSize=1&page=1"), HttpStatusCode.OK);

        Assert.Single(first.GetProperty("items").EnumerateArray());
        Assert.Equal(1, first.GetProperty("total").GetInt32());
        Assert.Empty(past.GetProperty("items").EnumerateArray());
        Assert.Equal(1, past.GetProperty("total").GetInt32());
        Assert.Equal(0, none.GetProperty("total").GetInt32());
    }

    [SkippableFact]
    public async Task GetDossier_WarmSession_DossierHolderAndEventsInOneRoundTrip()
    {
        SkipUnlessAvailable();
        var code = await ReceiveAndHandOverAsync(4);
        var reception = await SignInWithTokenAsync("motcua.phuonglam");
        await JsonAsync(await reception.GetAsync("/api/v1/me"), HttpStatusCode.OK);

        var (dossier, commands) = await CountedAsync(reception, $"/api/v1/dossiers/{code}");

        Assert.Equal(1, commands);
        Assert.Equal(code, dossier.GetProperty("code").GetString());
        Assert.Equal("XA-PHUONGLAM.TUPHAP", dossier.GetProperty("holder").GetProperty("unit").GetString());
        Assert.False(string.IsNullOrWhiteSpace(dossier.GetProperty("holder").GetProperty("step").GetString()));
        Assert.Equal(["received", "handed-over"], dossier.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()!).ToArray());
        Assert.Empty(dossier.GetProperty("handoffs").EnumerateArray());
    }

    [SkippableFact]
    public async Task GetDossier_OfficerOfAnotherUnitAfterBothSessionsCached_NotFound()
    {
        SkipUnlessAvailable();
        var code = await ReceiveAndHandOverAsync(5);
        var own = await SignInWithTokenAsync("tuphap.phuonglam");
        var other = await SignInWithTokenAsync("tuphap.hoabinh");
        await JsonAsync(await own.GetAsync($"/api/v1/dossiers/{code}"), HttpStatusCode.OK);
        await JsonAsync(await other.GetAsync("/api/v1/me"), HttpStatusCode.OK);

        await ProblemAsync(await other.GetAsync($"/api/v1/dossiers/{code}"), HttpStatusCode.NotFound);
        await JsonAsync(await own.GetAsync($"/api/v1/dossiers/{code}"), HttpStatusCode.OK);
        Assert.Empty((await JsonAsync(await other.GetAsync($"/api/v1/tasks?dossierCode={code}"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray());
    }

    [SkippableFact]
    public async Task PublicLookUp_OneRoundTripAndNoAccountRead()
    {
        SkipUnlessAvailable();
        var code = await ReceiveAndHandOverAsync(8);

        var (answer, commands) = await CountedAsync(Anonymous(), $"/api/v1/public/dossiers/{code}?identityLast4=2345");

        Assert.Equal(1, commands);
        Assert.Equal(code, answer.GetProperty("code").GetString());
    }

    private async Task<string> ReceiveAndHandOverAsync(int february)
    {
        Fixture.Clock.Now = new DateTimeOffset(2027, 3, february, 2, 0, 0, TimeSpan.Zero);
        var reception = await SignInAsync("motcua.phuonglam");
        var code = (await JsonAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", DossierBodies.BirthRegistration()), HttpStatusCode.Created)).GetProperty("code").GetString()!;
        await JsonAsync(await reception.PostAsJsonAsync($"/api/v1/dossiers/{code}/handover", new { }), HttpStatusCode.OK);
        return code;
    }

    private async Task<(System.Text.Json.JsonElement Body, int Commands)> CountedAsync(HttpClient client, string path)
    {
        var id = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(CommandCounter.Header, id);
        var body = await JsonAsync(await client.SendAsync(request), HttpStatusCode.OK);
        return (body, Fixture.Commands.Of(id));
    }
}

/// <summary>A dossier server whose database commands are counted per request.</summary>
public interface IRoundTripServerFixture : IDossierServerFixture
{
    CommandCounter Commands { get; }
}

/// <summary>On SQLite, with its own clock and the counter.</summary>
public sealed class SqliteRoundTripServerFixture : IRoundTripServerFixture, IAsyncLifetime
{
    public SqliteRoundTripServerFixture() => Factory = new BpmServerFactory("sqlite", null, configure: b =>
    {
        DossierClock.Install(Clock)(b);
        Commands.Install()(b);
    });

    public string? SkipReason => null;

    public DossierClock Clock { get; } = new();

    public CommandCounter Commands { get; } = new();

    public BpmServerFactory Factory { get; }

    public Task InitializeAsync()
    {
        _ = Factory.Server;
        DossierClock.PrepareSigning(Factory);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>On a real PostgreSQL, with its own clock and the counter; skipped with the reason when there is none.</summary>
public sealed class PostgresRoundTripServerFixture : IRoundTripServerFixture, IAsyncLifetime
{
    private readonly PostgresDatabase _database = new("PostgreSQL round-trip tests", "bpm_round_trips_test");
    private BpmServerFactory? _factory;

    public string? SkipReason => _database.SkipReason;

    public DossierClock Clock { get; } = new();

    public CommandCounter Commands { get; } = new();

    public BpmServerFactory Factory => _factory ?? throw new InvalidOperationException(SkipReason);

    public Task InitializeAsync()
    {
        if (_database.ConnectionString is not null)
        {
            _factory = new BpmServerFactory("postgresql", _database.ConnectionString, configure: b =>
            {
                DossierClock.Install(Clock)(b);
                Commands.Install()(b);
            });
            _ = _factory.Server;
            DossierClock.PrepareSigning(_factory);
        }

        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        _database.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class SqliteRoundTripCollection : ICollectionFixture<SqliteRoundTripServerFixture>
{
    public const string Name = "round-trips-sqlite";
}

[CollectionDefinition(Name)]
public sealed class PostgresRoundTripCollection : ICollectionFixture<PostgresRoundTripServerFixture>
{
    public const string Name = "round-trips-postgres";
}

[Collection(SqliteRoundTripCollection.Name)]
public sealed class SqliteRoundTripsTests(SqliteRoundTripServerFixture fixture) : RoundTripsTestBase<SqliteRoundTripServerFixture>(fixture);

[Collection(PostgresRoundTripCollection.Name)]
public sealed class PostgreSqlRoundTripsTests(PostgresRoundTripServerFixture fixture) : RoundTripsTestBase<PostgresRoundTripServerFixture>(fixture);
