using Bpm.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Bpm.Persistence.Sqlite;

/// <summary>
/// The organisation context (Identity, units, memberships, API keys) on this provider. Its
/// migrations live in this assembly under Migrations/Organisation, with their own history table.
/// </summary>
public static class OrganisationSqlite
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, o => o
            .MigrationsAssembly(typeof(OrganisationSqlite).Assembly.GetName().Name)
            .MigrationsHistoryTable(OrganisationDbContext.MigrationsHistoryTable));

    public static OrganisationDbContext CreateContext(string connectionString) =>
        new((DbContextOptions<OrganisationDbContext>)Configure(new DbContextOptionsBuilder<OrganisationDbContext>(), connectionString).Options);
}

/// <summary>Lets <c>dotnet ef migrations add NAME --context OrganisationDbContext --project src/Bpm.Persistence.Sqlite</c> build the model.</summary>
internal sealed class OrganisationDesignTimeFactory : IDesignTimeDbContextFactory<OrganisationDbContext>
{
    public OrganisationDbContext CreateDbContext(string[] args) => OrganisationSqlite.CreateContext(args.FirstOrDefault() ?? "Data Source=bpm-design.db");
}
