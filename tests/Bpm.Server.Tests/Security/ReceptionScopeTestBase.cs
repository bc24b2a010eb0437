using System.Net;
using System.Net.Http.Json;
using Bpm.Persistence;
using Bpm.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Server.Tests.Security;

/// <summary>A reception desk starts only the procedures its unit receives (the unit of the procedure's first step).</summary>
public abstract class ReceptionScopeTestBase<TFixture>(TFixture fixture) : ServerTestBase<TFixture>(fixture)
    where TFixture : class, IServerFixture
{
    public const string BusinessRegistration = "business-registration";

    [SkippableTheory]
    [InlineData("quay.stc", BirthRegistration)]
    [InlineData("motcua.phuonglam", BusinessRegistration)]
    public async Task Start_ProcedureOfAnotherUnit_ForbiddenAndNothingCreated(string userName, string definitionId)
    {
        SkipUnlessAvailable();
        var reception = await SignInAsync(userName);
        var code = NewDossierCode();

        var problem = await ProblemAsync(await reception.PostAsJsonAsync("/api/v1/instances", new { definitionId, businessKey = code }), HttpStatusCode.Forbidden);

        Assert.Contains("không tiếp nhận", problem.GetProperty("detail").GetString());
        using var scope = Factory.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<BpmDbContext>().Instances.AnyAsync(i => i.BusinessKey == code));
    }

    [SkippableFact]
    public async Task Start_ProcedureOfOwnUnit_CreatedAndVisibleToTheStarter()
    {
        SkipUnlessAvailable();
        var reception = await SignInAsync("quay.stc");

        var started = await JsonAsync(await reception.PostAsJsonAsync("/api/v1/instances", new { definitionId = BusinessRegistration, businessKey = NewDossierCode() }), HttpStatusCode.Created);

        var instanceId = started.GetProperty("instanceId").GetString();
        await JsonAsync(await reception.GetAsync($"/api/v1/instances/{instanceId}"), HttpStatusCode.OK);
    }
}

[Collection(SqliteServerCollection.Name)]
public sealed class SqliteReceptionScopeTests(SqliteServerFixture fixture) : ReceptionScopeTestBase<SqliteServerFixture>(fixture);

[Collection(PostgresServerCollection.Name)]
public sealed class PostgreSqlReceptionScopeTests(PostgresServerFixture fixture) : ReceptionScopeTestBase<PostgresServerFixture>(fixture);
