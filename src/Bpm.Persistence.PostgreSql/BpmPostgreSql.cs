using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Bpm.Persistence.PostgreSql;

/// <summary>PostgreSQL through Npgsql. Migrations for this provider live in this assembly.</summary>
public static class BpmPostgreSql
{
    /// <summary>Statements Npgsql prepares on each connection unless the connection string says otherwise.</summary>
    public const int AutoPreparedStatements = 64;

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(WithAutoPrepare(connectionString), o => o.MigrationsAssembly(typeof(BpmPostgreSql).Assembly.GetName().Name));

    /// <summary>
    /// Every command runs the same few statements; prepared once per connection, the server stops
    /// parsing and planning them on every call. A connection string that sets <c>Max Auto Prepare</c>
    /// (0 turns it off, e.g. behind a pooler that cannot keep prepared statements) is left as it is.
    /// </summary>
    internal static string WithAutoPrepare(string connectionString)
    {
        // NpgsqlConnectionStringBuilder.ContainsKey answers for every keyword it knows; the plain builder tells what was written.
        var written = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (written.Keys.Cast<string>().Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = AutoPreparedStatements }.ConnectionString;
    }

    public static DbContextOptions<BpmDbContext> Options(string connectionString) =>
        ((DbContextOptionsBuilder<BpmDbContext>)Configure(new DbContextOptionsBuilder<BpmDbContext>(), connectionString)).Options;

    public static BpmDbContext CreateContext(string connectionString) => new(Options(connectionString));
}
