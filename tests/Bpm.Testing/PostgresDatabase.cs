using Npgsql;

namespace Bpm.Testing;

/// <summary>
/// A database of a suite's own on a real PostgreSQL server (<see cref="PostgresServer.ForSuite"/>),
/// so that a shared server given by <c>BPM_POSTGRES</c> is left as it was found: created empty by
/// whoever connects first (migrations, the server's start-up), dropped on dispose together with a
/// throwaway server. Without a server, <see cref="ConnectionString"/> is null and
/// <see cref="SkipReason"/> says why.
/// </summary>
public sealed class PostgresDatabase : IDisposable
{
    private readonly PostgresServer? _server;

    public PostgresDatabase(string suite, string namePrefix)
    {
        (_server, var server, SkipReason) = PostgresServer.ForSuite(suite);
        if (server is not null)
        {
            ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = $"{namePrefix}_{Guid.NewGuid():N}" }.ConnectionString;
        }
    }

    /// <summary>The suite's database, or null when the suite is skipped.</summary>
    public string? ConnectionString { get; }

    public string? SkipReason { get; }

    public void Dispose()
    {
        if (ConnectionString is not null)
        {
            NpgsqlConnection.ClearAllPools();
            var admin = new NpgsqlConnectionStringBuilder(ConnectionString);
            var database = admin.Database;
            admin.Database = "postgres";
            using var connection = new NpgsqlConnection(admin.ConnectionString);
            connection.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
            drop.ExecuteNonQuery();
        }

        _server?.Dispose();
    }
}
