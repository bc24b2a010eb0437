using Bpm.Persistence;
using Quartz;

namespace Bpm.Scheduling;

/// <summary>
/// Quartz's ADO job store per database: the SQL delegate and the ADO.NET driver, which Quartz
/// loads by name at run time from the host's own provider assembly (Microsoft.Data.Sqlite, Npgsql,
/// Microsoft.Data.SqlClient), so the scheduler needs no reference to the migrations assemblies.
/// </summary>
internal static class QuartzStoreDialect
{
    public static void Use(IPersistentStoreBuilder store, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                store.UseSqlite(connectionString);
                break;
            case DatabaseProvider.PostgreSql:
                store.UsePostgres(connectionString);
                break;
            case DatabaseProvider.SqlServer:
                store.UseSqlServer(connectionString);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, null);
        }
    }
}
