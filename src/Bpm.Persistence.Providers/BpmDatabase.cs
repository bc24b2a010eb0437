using Bpm.Organisation;
using Bpm.Persistence.PostgreSql;
using Bpm.Persistence.Sqlite;
using Bpm.Persistence.SqlServer;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Providers;

/// <summary>
/// Bpm's two contexts on the chosen provider, each with the migrations of that provider's assembly.
/// Every host selects the provider here, so that a fourth database is added in one place.
/// </summary>
public static class BpmDatabase
{
    /// <summary>Configures the workflow context (<see cref="BpmDbContext"/>).</summary>
    public static DbContextOptionsBuilder UseBpmDatabase(this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString) => provider switch
    {
        DatabaseProvider.Sqlite => BpmSqlite.Configure(options, connectionString),
        DatabaseProvider.PostgreSql => BpmPostgreSql.Configure(options, connectionString),
        DatabaseProvider.SqlServer => BpmSqlServer.Configure(options, connectionString),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    /// <summary>Configures the organisation context (<see cref="OrganisationDbContext"/>).</summary>
    public static DbContextOptionsBuilder UseBpmOrganisation(this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString) => provider switch
    {
        DatabaseProvider.Sqlite => OrganisationSqlite.Configure(options, connectionString),
        DatabaseProvider.PostgreSql => OrganisationPostgreSql.Configure(options, connectionString),
        DatabaseProvider.SqlServer => OrganisationSqlServer.Configure(options, connectionString),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    /// <summary>The workflow context's options.</summary>
    public static DbContextOptions<BpmDbContext> Options(DatabaseProvider provider, string connectionString) =>
        ((DbContextOptionsBuilder<BpmDbContext>)new DbContextOptionsBuilder<BpmDbContext>().UseBpmDatabase(provider, connectionString)).Options;

    /// <summary>A workflow context, for hosts without dependency injection (the command line, the benchmarks).</summary>
    public static BpmDbContext CreateContext(DatabaseProvider provider, string connectionString) => new(Options(provider, connectionString));
}
