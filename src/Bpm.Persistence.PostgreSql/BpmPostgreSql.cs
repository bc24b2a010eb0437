using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.PostgreSql;

/// <summary>PostgreSQL through Npgsql. Migrations for this provider live in this assembly.</summary>
public static class BpmPostgreSql
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, o => o.MigrationsAssembly(typeof(BpmPostgreSql).Assembly.GetName().Name));

    public static DbContextOptions<BpmDbContext> Options(string connectionString) =>
        ((DbContextOptionsBuilder<BpmDbContext>)Configure(new DbContextOptionsBuilder<BpmDbContext>(), connectionString)).Options;

    public static BpmDbContext CreateContext(string connectionString) => new(Options(connectionString));
}
