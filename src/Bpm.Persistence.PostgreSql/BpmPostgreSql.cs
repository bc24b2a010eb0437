using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.PostgreSql;

/// <summary>PostgreSQL through Npgsql. Migrations for this provider live in this assembly.</summary>
public static class BpmPostgreSql
{
    public static DbContextOptions<BpmDbContext> Options(string connectionString) =>
        new DbContextOptionsBuilder<BpmDbContext>().UseNpgsql(connectionString, o => o.MigrationsAssembly(typeof(BpmPostgreSql).Assembly.GetName().Name)).Options;

    public static BpmDbContext CreateContext(string connectionString) => new(Options(connectionString));
}
