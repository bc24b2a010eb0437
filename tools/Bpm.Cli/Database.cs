using Bpm.Persistence;
using Bpm.Persistence.Providers;

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
        var (provider, connectionString) = Resolve(args);
        return BpmDatabase.CreateContext(provider, connectionString);
    }

    /// <summary>The users and organisation tree, on the same database as <see cref="Open"/>'s.</summary>
    public static Organisation.OrganisationDbContext OpenOrganisation(Arguments args)
    {
        var (provider, connectionString) = Resolve(args);
        var options = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<Organisation.OrganisationDbContext>();
        options.UseBpmOrganisation(provider, connectionString);
        return new Organisation.OrganisationDbContext(options.Options);
    }

    private static (DatabaseProvider Provider, string ConnectionString) Resolve(Arguments args)
    {
        var (name, setting) = args["--provider"] is { } given ? (given, "--provider")
            : Environment.GetEnvironmentVariable("Database__Provider") is { } configured ? (configured, "Database__Provider")
            : (DatabaseProvider.Sqlite.Name(), "--provider");
        var provider = DatabaseProviders.Parse(name, setting);
        var database = args["--database"] ?? Environment.GetEnvironmentVariable("ConnectionStrings__Bpm");
        var connectionString = provider == DatabaseProvider.Sqlite
            ? SqliteConnectionString(database)
            : database ?? throw new UsageException($"provider {provider.Name()} needs a connection string (--database or ConnectionStrings__Bpm)");
        return (provider, connectionString);
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
