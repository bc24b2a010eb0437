using Bpm.Server.Tests.Infrastructure;

namespace Bpm.Server.Tests.Features.Catalog;

[Collection(SqliteServerCollection.Name)]
public sealed class SqliteCatalogApiTests(SqliteServerFixture fixture) : CatalogApiTestBase<SqliteServerFixture>(fixture);

[Collection(PostgresServerCollection.Name)]
public sealed class PostgreSqlCatalogApiTests(PostgresServerFixture fixture) : CatalogApiTestBase<PostgresServerFixture>(fixture);
