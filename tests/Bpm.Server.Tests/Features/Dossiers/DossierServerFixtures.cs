using Bpm.Server.Tests.Infrastructure;
using Bpm.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bpm.Server.Tests.Features.Dossiers;

/// <summary>
/// A clock the dossier tests set: each test receives on a day of its own, so its dossier codes
/// start at 0001 whatever the other tests received, and the working calendar decides its due dates.
/// </summary>
public sealed class DossierClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;

    /// <summary>
    /// Makes the desk's development signing certificate at the clock's first time, before any test
    /// moves it: the tests set the clock back and forth, and a certificate made at a later test's
    /// time would not yet be valid at an earlier one's.
    /// </summary>
    public static void PrepareSigning(BpmServerFactory factory) =>
        _ = factory.Services.GetRequiredService<Bpm.Documents.Signing.UnitCertificates>().For("XA-PHUONGLAM.MOTCUA", "Bộ phận Một cửa xã Phương Lâm");

    public static Action<Microsoft.AspNetCore.Hosting.IWebHostBuilder> Install(DossierClock clock) =>
        b => b.ConfigureTestServices(s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(clock);
        });
}

/// <summary>The dossier suite's server on SQLite, with its own clock.</summary>
public sealed class SqliteDossierServerFixture : IDossierServerFixture, IAsyncLifetime
{
    public SqliteDossierServerFixture() => Factory = new BpmServerFactory("sqlite", null, configure: DossierClock.Install(Clock));

    public string? SkipReason => null;

    public DossierClock Clock { get; } = new();

    public BpmServerFactory Factory { get; }

    public Task InitializeAsync()
    {
        _ = Factory.Server;
        DossierClock.PrepareSigning(Factory);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>The dossier suite's server on a real PostgreSQL, with its own clock; skipped with the reason when there is none.</summary>
public sealed class PostgresDossierServerFixture : IDossierServerFixture, IAsyncLifetime
{
    private readonly PostgresDatabase _database = new("PostgreSQL dossier tests", "bpm_dossier_test");
    private BpmServerFactory? _factory;

    public string? SkipReason => _database.SkipReason;

    public DossierClock Clock { get; } = new();

    public BpmServerFactory Factory => _factory ?? throw new InvalidOperationException(SkipReason);

    public Task InitializeAsync()
    {
        if (_database.ConnectionString is not null)
        {
            _factory = new BpmServerFactory("postgresql", _database.ConnectionString, configure: DossierClock.Install(Clock));
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

public interface IDossierServerFixture : IServerFixture
{
    DossierClock Clock { get; }
}

[CollectionDefinition(Name)]
public sealed class SqliteDossierCollection : ICollectionFixture<SqliteDossierServerFixture>
{
    public const string Name = "dossiers-sqlite";
}

[CollectionDefinition(Name)]
public sealed class PostgresDossierCollection : ICollectionFixture<PostgresDossierServerFixture>
{
    public const string Name = "dossiers-postgres";
}

[Collection(SqliteDossierCollection.Name)]
public sealed class SqliteDossierApiTests(SqliteDossierServerFixture fixture) : DossierApiTestBase<SqliteDossierServerFixture>(fixture);

[Collection(PostgresDossierCollection.Name)]
public sealed class PostgreSqlDossierApiTests(PostgresDossierServerFixture fixture) : DossierApiTestBase<PostgresDossierServerFixture>(fixture);

[Collection(SqliteDossierCollection.Name)]
public sealed class SqliteDossierNoticesTests(SqliteDossierServerFixture fixture) : DossierNoticesTestBase<SqliteDossierServerFixture>(fixture);

[Collection(PostgresDossierCollection.Name)]
public sealed class PostgreSqlDossierNoticesTests(PostgresDossierServerFixture fixture) : DossierNoticesTestBase<PostgresDossierServerFixture>(fixture);

[Collection(SqliteDossierCollection.Name)]
public sealed class SqlitePublicLookupTests(SqliteDossierServerFixture fixture) : Bpm.Server.Tests.Features.Public.PublicLookupTestBase<SqliteDossierServerFixture>(fixture);

[Collection(PostgresDossierCollection.Name)]
public sealed class PostgreSqlPublicLookupTests(PostgresDossierServerFixture fixture) : Bpm.Server.Tests.Features.Public.PublicLookupTestBase<PostgresDossierServerFixture>(fixture);
