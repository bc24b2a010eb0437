using Bpm.Persistence.Specification.Tests;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Bpm.Persistence.PostgreSql.Tests;

public sealed class BpmPostgreSqlConnectionTests
{
    [Fact]
    public void CreateContext_PlainConnectionString_PreparesStatementsAndSkipsTheSessionReset()
    {
        using var db = BpmPostgreSql.CreateContext("Host=127.0.0.1;Username=postgres;Database=bpm");

        var used = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());

        Assert.Equal((BpmPostgreSql.AutoPreparedStatements, true), (used.MaxAutoPrepare, used.NoResetOnClose));
    }

    [Fact]
    public void CreateContext_ConnectionStringSetsBoth_KeepsItsValues()
    {
        using var db = BpmPostgreSql.CreateContext("Host=127.0.0.1;Username=postgres;Database=bpm;Max Auto Prepare=0;No Reset On Close=false");

        var used = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());

        Assert.Equal((0, false), (used.MaxAutoPrepare, used.NoResetOnClose));
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlDefinitionStoreTests(PostgresFixture fixture) : DefinitionStoreTestBase<PostgresFixture>(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlCommandExecutorTests(PostgresFixture fixture) : CommandExecutorTestBase<PostgresFixture>(fixture)
{
    protected override bool CommitsInOneMessage => true;
}

[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlInstanceCacheTests(PostgresFixture fixture) : InstanceCacheTestBase<PostgresFixture>(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlJournalChainTests(PostgresFixture fixture) : JournalChainTestBase<PostgresFixture>(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlInstanceMigrationTests(PostgresFixture fixture) : InstanceMigrationTestBase<PostgresFixture>(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlOutboxTests(PostgresFixture fixture) : OutboxTestBase<PostgresFixture>(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlSchemaTests(PostgresFixture fixture) : SchemaTestBase<PostgresFixture>(fixture);

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
