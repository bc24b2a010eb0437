using Microsoft.EntityFrameworkCore.Design;

namespace Bpm.Persistence.PostgreSql;

/// <summary>Lets <c>dotnet ef migrations add NAME --project src/Bpm.Persistence.PostgreSql</c> build the model; it needs no server.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<BpmDbContext>
{
    public BpmDbContext CreateDbContext(string[] args) => BpmPostgreSql.CreateContext(args.FirstOrDefault() ?? "Host=localhost;Database=bpm;Username=postgres");
}
