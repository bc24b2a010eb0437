using Bpm.Testing;
using Npgsql;

namespace Bpm.Server.Tests.Features.Handoffs;

/// <summary>Where each pair of <see cref="PartnerInstallations"/> keeps its two databases: one per host, never shared.</summary>
public interface IPartnerDatabases
{
    string Provider { get; }

    string? SkipReason { get; }

    /// <returns>A new, empty database's connection string; null for SQLite, where each server makes its own file.</returns>
    string? NewDatabase(string name);
}

public sealed class SqlitePartnerDatabases : IPartnerDatabases
{
    public string Provider => "sqlite";

    public string? SkipReason => null;

    public string? NewDatabase(string name) => null;
}

/// <summary>
/// One PostgreSQL server for the suite (a throwaway one, or <c>BPM_POSTGRES</c>), with two databases
/// of their own for each pair of hosts, created empty by the server's start-up (its migrations) and
/// dropped at the end, so that a shared server is left as it was found.
/// </summary>
public sealed class PostgresPartnerDatabases : IPartnerDatabases, IDisposable
{
    private readonly PostgresServer? _owned;
    private readonly string? _server;
    private readonly List<string> _created = [];

    public PostgresPartnerDatabases() => (_owned, _server, SkipReason) = PostgresServer.ForSuite("PostgreSQL partner handoff tests");

    public string Provider => "postgresql";

    public string? SkipReason { get; }

    public string? NewDatabase(string name)
    {
        var database = $"bpm_partner_{name}_{Guid.NewGuid():N}";
        lock (_created)
        {
            _created.Add(database);
        }

        return new NpgsqlConnectionStringBuilder(_server) { Database = database }.ConnectionString;
    }

    public void Dispose()
    {
        if (_server is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server) { Database = "postgres" }.ConnectionString);
            connection.Open();
            foreach (var database in _created)
            {
                using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
                drop.ExecuteNonQuery();
            }
        }

        _owned?.Dispose();
    }
}
