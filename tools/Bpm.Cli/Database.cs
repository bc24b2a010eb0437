using Bpm.Persistence;
using Bpm.Persistence.PostgreSql;
using Bpm.Persistence.Sqlite;
using Bpm.Persistence.SqlServer;

namespace Bpm.Cli;

/// <summary>
/// Which database the commands use: <c>--provider</c> / <c>--database</c>, else the environment
/// variables <c>Database__Provider</c> and <c>ConnectionStrings__Bpm</c> (the names a .NET host reads
/// as <c>Database:Provider</c> and <c>ConnectionStrings:Bpm</c>), else SQLite in <c>./data/bpm.db</c>.
/// </summary>
internal static class Database
{
    public const string DefaultSqliteFile = "data/bpm.db";

    public static BpmDbContext Open(Arguments args)
    {
        var provider = (args["--provider"] ?? Environment.GetEnvironmentVariable("Database__Provider") ?? "sqlite").ToLowerInvariant();
        var database = args["--database"] ?? Environment.GetEnvironmentVariable("ConnectionStrings__Bpm");
        return provider switch
        {
            "sqlite" => BpmSqlite.CreateContext(SqliteConnectionString(database)),
            "postgresql" => BpmPostgreSql.CreateContext(database ?? throw new UsageException("provider postgresql needs a connection string (--database or ConnectionStrings__Bpm)")),
            "sqlserver" => BpmSqlServer.CreateContext(database ?? throw new UsageException("provider sqlserver needs a connection string (--database or ConnectionStrings__Bpm)")),
            _ => throw new UsageException($"unknown provider '{provider}': use sqlite, postgresql or sqlserver"),
        };
    }

    /// <summary>A bare path is a file; anything with '=' is already a connection string.</summary>
    private static string SqliteConnectionString(string? database)
    {
        if (database?.Contains('=', StringComparison.Ordinal) == true)
        {
            return database;
        }

        var path = Path.GetFullPath(database ?? DefaultSqliteFile);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return $"Data Source={path}";
    }
}
