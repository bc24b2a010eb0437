using Microsoft.EntityFrameworkCore.Design;

namespace Bpm.Persistence.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add NAME --project src/Bpm.Persistence.Sqlite</c> build the model; it needs no server.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<BpmDbContext>
{
    public BpmDbContext CreateDbContext(string[] args) => BpmSqlite.CreateContext(args.FirstOrDefault() ?? "Data Source=bpm-design.db");
}
