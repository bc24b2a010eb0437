using Microsoft.EntityFrameworkCore.Design;

namespace Bpm.Persistence.SqlServer;

/// <summary>Lets <c>dotnet ef migrations add NAME --project src/Bpm.Persistence.SqlServer</c> build the model; it needs no server.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<BpmDbContext>
{
    public BpmDbContext CreateDbContext(string[] args) => BpmSqlServer.CreateContext(args.FirstOrDefault() ?? "Server=localhost;Database=bpm;Trusted_Connection=True;TrustServerCertificate=True");
}
