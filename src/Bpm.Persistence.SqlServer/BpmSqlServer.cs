using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.SqlServer;

/// <summary>SQL Server through Microsoft.Data.SqlClient. Migrations for this provider live in this assembly.</summary>
public static class BpmSqlServer
{
    public static DbContextOptions<BpmDbContext> Options(string connectionString) =>
        new DbContextOptionsBuilder<BpmDbContext>().UseSqlServer(connectionString, o => o.MigrationsAssembly(typeof(BpmSqlServer).Assembly.GetName().Name)).Options;

    public static BpmDbContext CreateContext(string connectionString) => new(Options(connectionString));
}
