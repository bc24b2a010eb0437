using Bpm.Persistence.Specification.Tests;

namespace Bpm.Persistence.PostgreSql.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlDefinitionStoreTests(PostgresFixture fixture) : DefinitionStoreTestBase<PostgresFixture>(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlCommandExecutorTests(PostgresFixture fixture) : CommandExecutorTestBase<PostgresFixture>(fixture)
{
    protected override bool CommitsInOneMessage => true;
}

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
