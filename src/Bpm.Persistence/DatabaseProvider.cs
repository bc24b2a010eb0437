namespace Bpm.Persistence;

/// <summary>The databases Bpm runs on. Every host names them the same way (<see cref="DatabaseProviders"/>).</summary>
public enum DatabaseProvider
{
    /// <summary>The embedded default, one host.</summary>
    Sqlite,

    /// <summary>PostgreSQL through Npgsql.</summary>
    PostgreSql,

    /// <summary>SQL Server through Microsoft.Data.SqlClient.</summary>
    SqlServer,
}

/// <summary>
/// The one reading of a provider setting (<c>Database:Provider</c>, <c>bpm --provider</c>, the
/// benchmarks' <c>--provider</c>): <c>sqlite</c>, <c>postgresql</c> or <c>sqlserver</c>, in any case.
/// </summary>
public static class DatabaseProviders
{
    /// <summary>The names a setting may use, in the order the documentation lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["sqlite", "postgresql", "sqlserver"];

    /// <summary>The provider a setting names; <c>postgres</c>, <c>npgsql</c> and <c>mssql</c> are accepted for older settings.</summary>
    public static bool TryParse(string? name, out DatabaseProvider provider)
    {
        provider = default;
        switch (name?.Trim().ToLowerInvariant())
        {
            case "sqlite":
                provider = DatabaseProvider.Sqlite;
                return true;
            case "postgresql" or "postgres" or "npgsql":
                provider = DatabaseProvider.PostgreSql;
                return true;
            case "sqlserver" or "mssql":
                provider = DatabaseProvider.SqlServer;
                return true;
            default:
                return false;
        }
    }

    /// <summary>The provider <paramref name="setting"/> names.</summary>
    /// <exception cref="UnknownDatabaseProviderException">No provider has that name.</exception>
    public static DatabaseProvider Parse(string name, string setting) =>
        TryParse(name, out var provider) ? provider : throw new UnknownDatabaseProviderException(name, setting);

    /// <summary>The name documentation and logs use, e.g. <c>postgresql</c>.</summary>
    public static string Name(this DatabaseProvider provider) => Names[(int)provider];
}

/// <summary>A provider setting names no database Bpm runs on; the message lists the ones it does.</summary>
public sealed class UnknownDatabaseProviderException(string name, string setting)
    : Exception($"{setting} '{name}' is not a database provider; use {string.Join(", ", DatabaseProviders.Names.SkipLast(1))} or {DatabaseProviders.Names[^1]}")
{
    public string ProviderName { get; } = name;
}
