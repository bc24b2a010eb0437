using Bpm.Persistence;
using Bpm.Persistence.Providers;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Hosting;

/// <summary>
/// Which database the server uses: <c>Database:Provider</c> (sqlite | postgresql | sqlserver) and
/// <c>Database:ConnectionString</c> (or <c>ConnectionStrings:Bpm</c>). SQLite's default file is
/// <c>bpm.db</c> in the data folder.
/// </summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString)
{
    public const string ProviderSetting = "Database:Provider";

    public static DatabaseOptions Resolve(IConfiguration configuration, BpmPaths paths)
    {
        var provider = DatabaseProviders.Parse(configuration[ProviderSetting] ?? DatabaseProvider.Sqlite.Name(), ProviderSetting);
        var connection = configuration["Database:ConnectionString"] ?? configuration.GetConnectionString("Bpm");
        if (string.IsNullOrWhiteSpace(connection))
        {
            if (provider != DatabaseProvider.Sqlite)
            {
                throw new InvalidOperationException(
                    $"{ProviderSetting} is '{provider.Name()}' but no connection string is set (Database:ConnectionString or ConnectionStrings:Bpm).");
            }

            Directory.CreateDirectory(paths.DataPath);
            connection = $"Data Source={Path.Combine(paths.DataPath, "bpm.db")}";
        }

        return new DatabaseOptions(provider, connection);
    }

    /// <summary>The workflow context's options, built by the provider assembly that owns its migrations.</summary>
    public DbContextOptions<BpmDbContext> WorkflowOptions() => BpmDatabase.Options(Provider, ConnectionString);

    public void ConfigureOrganisation(DbContextOptionsBuilder options) => options.UseBpmOrganisation(Provider, ConnectionString);
}
