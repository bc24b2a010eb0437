using Bpm.Persistence.Specification.Tests;

namespace Bpm.Persistence.Sqlite.Tests;

public sealed class SqliteDefinitionStoreTests(SqliteFixture fixture) : DefinitionStoreTestBase<SqliteFixture>(fixture), IClassFixture<SqliteFixture>;

public sealed class SqliteCommandExecutorTests(SqliteFixture fixture) : CommandExecutorTestBase<SqliteFixture>(fixture), IClassFixture<SqliteFixture>;

public sealed class SqliteInstanceCacheTests(SqliteFixture fixture) : InstanceCacheTestBase<SqliteFixture>(fixture), IClassFixture<SqliteFixture>;

public sealed class SqliteJournalChainTests(SqliteFixture fixture) : JournalChainTestBase<SqliteFixture>(fixture), IClassFixture<SqliteFixture>;

public sealed class SqliteInstanceMigrationTests(SqliteFixture fixture) : InstanceMigrationTestBase<SqliteFixture>(fixture), IClassFixture<SqliteFixture>;

public sealed class SqliteOutboxTests(SqliteFixture fixture) : OutboxTestBase<SqliteFixture>(fixture), IClassFixture<SqliteFixture>;

public sealed class SqliteSchemaTests(SqliteFixture fixture) : SchemaTestBase<SqliteFixture>(fixture), IClassFixture<SqliteFixture>;
