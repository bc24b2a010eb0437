using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.SqlServer.Tests;

/// <summary>Needs no server, so it runs everywhere: SQL Server's migrations match the model.</summary>
public sealed class SqlServerModelTests
{
    [Fact]
    public void Model_ComparedWithMigrations_HasNoPendingChangesWithoutAServer()
    {
        using var db = BpmSqlServer.CreateContext("Server=unused;Database=unused;TrustServerCertificate=True");

        Assert.False(db.Database.HasPendingModelChanges());
        Assert.NotEmpty(db.Database.GetMigrations());
    }
}
