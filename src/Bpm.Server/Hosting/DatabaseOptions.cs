using Bpm.Persistence;
using Bpm.Persistence.PostgreSql;
using Bpm.Persistence.Sqlite;
using Bpm.Persistence.SqlServer;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Hosting;

/// <summary>
/// Which database the server uses: <c>Database:Provider</c> (sqlite | postgresql | sqlserver) and
/// <c>Database:ConnectionString</c> (or <c>ConnectionStrings:Bpm</c>). SQLite's default file is
/// <c>bpm.db</c> in the data folder.
/// </summary>
public sealed record DatabaseOptions(string Provider, string ConnectionString)
{
    public const string Sqlite = "sqlite";
    public const string PostgreSql = "postgresql";
    public const string SqlServer = "sqlserver";

    public static DatabaseOptions Resolve(IConfiguration configuration, BpmPaths paths)
    {
        var provider = (configuration["Database:Provider"] ?? Sqlite).Trim().ToLowerInvariant();
        var connection = configuration["Database:ConnectionString"] ?? configuration.GetConnectionString("Bpm");
        switch (provider)
        {
            case Sqlite:
                if (string.IsNullOrWhiteSpace(connection))
                {
                    Directory.CreateDirectory(paths.DataPath);
                    connection = $"Data Source={Path.Combine(paths.DataPath, "bpm.db")}";
                }

                return new DatabaseOptions(Sqlite, connection);
            case PostgreSql or "postgres" or "npgsql":
                return new DatabaseOptions(PostgreSql, connection ?? throw Missing(provider));
            case SqlServer or "mssql":
                return new DatabaseOptions(SqlServer, connection ?? throw Missing(provider));
            default:
                throw new InvalidOperationException(
                    $"Database:Provider '{provider}' is not supported; use sqlite, postgresql or sqlserver.");
        }
    }

    /// <summary>The workflow context's options, built by the provider assembly that owns its migrations.</summary>
    public DbContextOptions<BpmDbContext> WorkflowOptions() => Provider switch
    {
        PostgreSql => BpmPostgreSql.Options(ConnectionString),
        SqlServer => BpmSqlServer.Options(ConnectionString),
        _ => BpmSqlite.Options(ConnectionString),
    };

    public void ConfigureOrganisation(DbContextOptionsBuilder options)
    {
        _ = Provider switch
        {
            PostgreSql => OrganisationPostgreSql.Configure(options, ConnectionString),
            SqlServer => OrganisationSqlServer.Configure(options, ConnectionString),
            _ => OrganisationSqlite.Configure(options, ConnectionString),
        };
    }

    private static InvalidOperationException Missing(string provider) =>
        new($"Database:Provider is '{provider}' but no connection string is set (Database:ConnectionString or ConnectionStrings:Bpm).");
}
