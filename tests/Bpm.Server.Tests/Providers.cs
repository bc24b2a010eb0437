using Bpm.Server.Tests.Features.Definitions;
using Bpm.Server.Tests.Features.Tasks;
using Bpm.Server.Tests.Hosting;
using Bpm.Server.Tests.Infrastructure;
using Bpm.Server.Tests.Security;

namespace Bpm.Server.Tests;

[Collection(SqliteServerCollection.Name)]
public sealed class SqliteProcedureLifeTests(SqliteServerFixture fixture) : ProcedureLifeTestBase<SqliteServerFixture>(fixture);

[Collection(SqliteServerCollection.Name)]
public sealed class SqliteAuthorisationTests(SqliteServerFixture fixture) : AuthorisationTestBase<SqliteServerFixture>(fixture);

[Collection(SqliteServerCollection.Name)]
public sealed class SqliteErrorPathTests(SqliteServerFixture fixture) : ErrorPathTestBase<SqliteServerFixture>(fixture);

[Collection(SqliteServerCollection.Name)]
public sealed class SqliteDefinitionLifeTests(SqliteServerFixture fixture) : DefinitionLifeTestBase<SqliteServerFixture>(fixture);

[Collection(SqliteServerCollection.Name)]
public sealed class SqliteHomeAndHealthTests(SqliteServerFixture fixture) : HomeAndHealthTestBase<SqliteServerFixture>(fixture);

[Collection(PostgresServerCollection.Name)]
public sealed class PostgreSqlProcedureLifeTests(PostgresServerFixture fixture) : ProcedureLifeTestBase<PostgresServerFixture>(fixture);

[Collection(PostgresServerCollection.Name)]
public sealed class PostgreSqlAuthorisationTests(PostgresServerFixture fixture) : AuthorisationTestBase<PostgresServerFixture>(fixture);

[Collection(PostgresServerCollection.Name)]
public sealed class PostgreSqlErrorPathTests(PostgresServerFixture fixture) : ErrorPathTestBase<PostgresServerFixture>(fixture);

[Collection(PostgresServerCollection.Name)]
public sealed class PostgreSqlDefinitionLifeTests(PostgresServerFixture fixture) : DefinitionLifeTestBase<PostgresServerFixture>(fixture);

[Collection(PostgresServerCollection.Name)]
public sealed class PostgreSqlHomeAndHealthTests(PostgresServerFixture fixture) : HomeAndHealthTestBase<PostgresServerFixture>(fixture);

[Collection(SqliteServerCollection.Name)]
public sealed class SqliteShellTests(SqliteServerFixture fixture) : Bpm.Server.Tests.Components.ShellTestBase<SqliteServerFixture>(fixture);

[Collection(PostgresServerCollection.Name)]
public sealed class PostgreSqlShellTests(PostgresServerFixture fixture) : Bpm.Server.Tests.Components.ShellTestBase<PostgresServerFixture>(fixture);

[Collection(SqliteServerCollection.Name)]
public sealed class SqliteWorkspacePagesTests(SqliteServerFixture fixture) : Bpm.Server.Tests.Features.Desk.WorkspacePagesTestBase<SqliteServerFixture>(fixture);

[Collection(PostgresServerCollection.Name)]
public sealed class PostgreSqlWorkspacePagesTests(PostgresServerFixture fixture) : Bpm.Server.Tests.Features.Desk.WorkspacePagesTestBase<PostgresServerFixture>(fixture);

[Collection(SqliteServerCollection.Name)]
public sealed class SqliteDashboardPagesTests(SqliteServerFixture fixture) : Bpm.Server.Tests.Features.Reports.DashboardPagesTestBase<SqliteServerFixture>(fixture);

[Collection(PostgresServerCollection.Name)]
public sealed class PostgreSqlDashboardPagesTests(PostgresServerFixture fixture) : Bpm.Server.Tests.Features.Reports.DashboardPagesTestBase<PostgresServerFixture>(fixture);

[Collection(SqliteServerCollection.Name)]
public sealed class SqliteWhatIfTests(SqliteServerFixture fixture) : WhatIfTestBase<SqliteServerFixture>(fixture);

[Collection(PostgresServerCollection.Name)]
public sealed class PostgreSqlWhatIfTests(PostgresServerFixture fixture) : WhatIfTestBase<PostgresServerFixture>(fixture);

[Collection(SqliteServerCollection.Name)]
public sealed class SqliteDelegateTaskTests(SqliteServerFixture fixture) : DelegateTaskTestBase<SqliteServerFixture>(fixture);

[Collection(PostgresServerCollection.Name)]
public sealed class PostgreSqlDelegateTaskTests(PostgresServerFixture fixture) : DelegateTaskTestBase<PostgresServerFixture>(fixture);

[Collection(SqliteServerCollection.Name)]
public sealed class SqliteIntegrationTests(SqliteServerFixture fixture) : Bpm.Server.Tests.Features.Integration.IntegrationTestBase<SqliteServerFixture>(fixture);

[Collection(PostgresServerCollection.Name)]
public sealed class PostgreSqlIntegrationTests(PostgresServerFixture fixture) : Bpm.Server.Tests.Features.Integration.IntegrationTestBase<PostgresServerFixture>(fixture);
