using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Sqlite;

/// <summary>SQLite: the embedded default. <c>Data Source=./data/bpm.db</c>. Migrations for this provider live in this assembly.</summary>
public static class BpmSqlite
{
    public static DbContextOptions<BpmDbContext> Options(string connectionString) =>
        new DbContextOptionsBuilder<BpmDbContext>().UseSqlite(connectionString, o => o.MigrationsAssembly(typeof(BpmSqlite).Assembly.GetName().Name)).Options;

    public static BpmDbContext CreateContext(string connectionString) => new(Options(connectionString));
}
