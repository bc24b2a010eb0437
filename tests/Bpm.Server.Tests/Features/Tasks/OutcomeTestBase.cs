using System.Net;
using System.Net.Http.Json;
using Bpm.Server.Tests.Infrastructure;

namespace Bpm.Server.Tests.Features.Tasks;

/// <summary>
/// A step that offers decisions (<c>bpm:outcomes</c>) is completed with one of them, and only
/// through the <c>outcome</c> field: a missing, blank or unknown one is a 400 naming the choices,
/// and the dossier stays where it was instead of faulting.
/// </summary>
public abstract class OutcomeTestBase<TFixture>(TFixture fixture) : ServerTestBase<TFixture>(fixture)
    where TFixture : class, IServerFixture
{
    public static TheoryData<string> WithoutAValidOutcome => new()
    {
        "{}",
        """{"outcome":""}""",
        """{"outcome":"   "}""",
        """{"outcome":"bogus"}""",
        """{"variables":{"outcome":"bogus"}}""",
        """{"outcome":"approve","variables":{"outcome":"reject"}}""",
    };

    [SkippableTheory]
    [MemberData(nameof(WithoutAValidOutcome))]
    public async Task Complete_StepWithOutcomes_WithoutAValidOutcome_BadRequestAndTaskStaysOpen(string body)
    {
        SkipUnlessAvailable();
        var reception = await SignInAsync("motcua.phuonglam");
        var specialist = await SignInAsync("tuphap.phuonglam");
        var (instanceId, receipt, code) = await StartBirthRegistrationAsync(reception);
        await CompleteAsync(reception, receipt);
        var review = await SingleTaskAsync(specialist, code, "Task_ThamDinh");

        var response = await specialist.PostAsync($"/api/v1/tasks/{review}/complete", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        var field = errors.TryGetProperty("outcome", out var o) ? o : errors.GetProperty("variables.outcome");
        Assert.True(field.ValueKind == System.Text.Json.JsonValueKind.Array, problem.ToString());
        if (errors.TryGetProperty("outcome", out _))
        {
            Assert.Contains("approve, supplement, reject", field[0].GetString());
        }

        Assert.Equal(review, await SingleTaskAsync(specialist, code, "Task_ThamDinh"));
        var instance = await JsonAsync(await specialist.GetAsync($"/api/v1/instances/{instanceId}"), HttpStatusCode.OK);
        Assert.Equal("running", instance.GetProperty("status").GetString());
        Assert.False(instance.GetProperty("variables").TryGetProperty("outcome", out _));
    }

    [SkippableFact]
    public async Task Complete_StepWithoutOutcomes_NeedsNone()
    {
        SkipUnlessAvailable();
        var reception = await SignInAsync("motcua.phuonglam");
        var (_, receipt, _) = await StartBirthRegistrationAsync(reception);

        var done = await JsonAsync(await reception.PostAsJsonAsync($"/api/v1/tasks/{receipt}/complete", new { }), HttpStatusCode.OK);

        Assert.Equal("completed", done.GetProperty("task").GetProperty("status").GetString());
    }
}

[Collection(SqliteServerCollection.Name)]
public sealed class SqliteOutcomeTests(SqliteServerFixture fixture) : OutcomeTestBase<SqliteServerFixture>(fixture);

[Collection(PostgresServerCollection.Name)]
public sealed class PostgreSqlOutcomeTests(PostgresServerFixture fixture) : OutcomeTestBase<PostgresServerFixture>(fixture);
