using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Sqlite;

/// <summary>SQLite: the embedded default. <c>Data Source=./data/bpm.db</c>. Migrations for this provider live in this assembly.</summary>
public static class BpmSqlite
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, o => o.MigrationsAssembly(typeof(BpmSqlite).Assembly.GetName().Name));

    public static DbContextOptions<BpmDbContext> Options(string connectionString) =>
        ((DbContextOptionsBuilder<BpmDbContext>)Configure(new DbContextOptionsBuilder<BpmDbContext>(), connectionString)).Options;

    public static BpmDbContext CreateContext(string connectionString) => new(Options(connectionString));
}
