
namespace Bpm.Dossiers.Tests.Codes;

public sealed class SqliteDossierCodeGeneratorTests(SqliteFixture database)
    : DossierCodeGeneratorTestBase<SqliteFixture>(database), IClassFixture<SqliteFixture>
{
    // Microsoft.Data.Sqlite begins transactions IMMEDIATE: a second writer waits at BEGIN, so they cannot all be open at once.
    protected override bool TransactionsOverlap => false;
}

public sealed class PostgreSqlDossierCodeGeneratorTests(PostgresFixture database)
    : DossierCodeGeneratorTestBase<PostgresFixture>(database), IClassFixture<PostgresFixture>;

public sealed class SqlServerDossierCodeGeneratorTests(SqlServerFixture database)
    : DossierCodeGeneratorTestBase<SqlServerFixture>(database), IClassFixture<SqlServerFixture>;
