using Bpm.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Bpm.Persistence.PostgreSql;

/// <summary>
/// The organisation context (Identity, units, memberships, API keys) on this provider. Its
/// migrations live in this assembly under Migrations/Organisation, with their own history table.
/// </summary>
public static class OrganisationPostgreSql
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, o => o
            .MigrationsAssembly(typeof(OrganisationPostgreSql).Assembly.GetName().Name)
            .MigrationsHistoryTable(OrganisationDbContext.MigrationsHistoryTable));

    public static OrganisationDbContext CreateContext(string connectionString) =>
        new((DbContextOptions<OrganisationDbContext>)Configure(new DbContextOptionsBuilder<OrganisationDbContext>(), connectionString).Options);
}

/// <summary>Lets <c>dotnet ef migrations add NAME --context OrganisationDbContext --project src/Bpm.Persistence.PostgreSql</c> build the model.</summary>
internal sealed class OrganisationDesignTimeFactory : IDesignTimeDbContextFactory<OrganisationDbContext>
{
    public OrganisationDbContext CreateDbContext(string[] args) => OrganisationPostgreSql.CreateContext(args.FirstOrDefault() ?? "Host=localhost;Database=bpm;Username=postgres");
}
