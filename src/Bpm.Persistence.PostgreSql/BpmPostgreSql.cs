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
        options.UseNpgsql(WithBpmDefaults(connectionString), o => o.MigrationsAssembly(typeof(BpmPostgreSql).Assembly.GetName().Name)).UseDefinitionBackfill();

    /// <summary>
    /// Two settings for a write path of a few statements per command, each kept when the connection
    /// string sets it itself:
    /// <list type="bullet">
    /// <item><c>Max Auto Prepare</c> = <see cref="AutoPreparedStatements"/>: every command runs the same few
    /// statements; prepared once per connection, the server stops parsing and planning them on every
    /// call (0 turns it off, e.g. behind a pooler that cannot keep prepared statements).</item>
    /// <item><c>No Reset On Close</c> = true: a command opens and closes its connection, and Npgsql
    /// otherwise resets the session on the next use (seven statements: <c>RESET ALL</c>,
    /// <c>UNLISTEN *</c>, advisory locks…) — server work on every command. Bpm leaves no session state
    /// behind (no <c>SET</c>, <c>LISTEN</c>, advisory lock or temporary table on these connections).</item>
    /// </list>
    /// </summary>
    internal static string WithBpmDefaults(string connectionString)
    {
        // NpgsqlConnectionStringBuilder.ContainsKey answers for every keyword it knows; the plain builder tells what was written.
        var written = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!written.Contains("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = AutoPreparedStatements;
        }

        if (!written.Contains("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    public static DbContextOptions<BpmDbContext> Options(string connectionString) =>
        ((DbContextOptionsBuilder<BpmDbContext>)Configure(new DbContextOptionsBuilder<BpmDbContext>(), connectionString)).Options;

    public static BpmDbContext CreateContext(string connectionString) => new(Options(connectionString));
}
