using Bpm.Persistence.Specification.Tests;

namespace Bpm.Persistence.SqlServer.Tests;

[Collection(SqlServerCollection.Name)]
public sealed class SqlServerDefinitionStoreTests(SqlServerFixture fixture) : DefinitionStoreTestBase<SqlServerFixture>(fixture);

[Collection(SqlServerCollection.Name)]
public sealed class SqlServerInstanceCacheTests(SqlServerFixture fixture) : InstanceCacheTestBase<SqlServerFixture>(fixture);

[Collection(SqlServerCollection.Name)]
public sealed class SqlServerCommandExecutorTests(SqlServerFixture fixture) : CommandExecutorTestBase<SqlServerFixture>(fixture);

[Collection(SqlServerCollection.Name)]
public sealed class SqlServerJournalChainTests(SqlServerFixture fixture) : JournalChainTestBase<SqlServerFixture>(fixture);

[Collection(SqlServerCollection.Name)]
public sealed class SqlServerInstanceMigrationTests(SqlServerFixture fixture) : InstanceMigrationTestBase<SqlServerFixture>(fixture);

[Collection(SqlServerCollection.Name)]
public sealed class SqlServerOutboxTests(SqlServerFixture fixture) : OutboxTestBase<SqlServerFixture>(fixture);

[Collection(SqlServerCollection.Name)]
public sealed class SqlServerSchemaTests(SqlServerFixture fixture) : SchemaTestBase<SqlServerFixture>(fixture);

[CollectionDefinition(Name)]
public sealed class SqlServerCollection : ICollectionFixture<SqlServerFixture>
{
    public const string Name = "sqlserver";
}
