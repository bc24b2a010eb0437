using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Sqlite;

/// <summary>
/// SQLite: the embedded default. <c>Data Source=./data/bpm.db</c>, in write-ahead-log mode with full
/// syncs (<see cref="WriteAheadLog"/>). Migrations for this provider live in this assembly.
/// </summary>
public static class BpmSqlite
{
    private static readonly WriteAheadLog Log = new();

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, o => o.MigrationsAssembly(typeof(BpmSqlite).Assembly.GetName().Name)).AddInterceptors(Log).UseDefinitionBackfill();

    public static DbContextOptions<BpmDbContext> Options(string connectionString) =>
        ((DbContextOptionsBuilder<BpmDbContext>)Configure(new DbContextOptionsBuilder<BpmDbContext>(), connectionString)).Options;

    public static BpmDbContext CreateContext(string connectionString) => new(Options(connectionString));
}
