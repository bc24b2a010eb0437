using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.SqlServer;

/// <summary>SQL Server through Microsoft.Data.SqlClient. Migrations for this provider live in this assembly.</summary>
public static class BpmSqlServer
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlServer(connectionString, o => o.MigrationsAssembly(typeof(BpmSqlServer).Assembly.GetName().Name)).UseDefinitionBackfill();

    public static DbContextOptions<BpmDbContext> Options(string connectionString) =>
        ((DbContextOptionsBuilder<BpmDbContext>)Configure(new DbContextOptionsBuilder<BpmDbContext>(), connectionString)).Options;

    public static BpmDbContext CreateContext(string connectionString) => new(Options(connectionString));
}
