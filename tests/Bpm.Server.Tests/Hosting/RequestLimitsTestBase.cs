using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bpm.Persistence;
using Bpm.Server.Hosting;
using Bpm.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Engine = Bpm.Engine;

namespace Bpm.Server.Tests.Hosting;

/// <summary>
/// Every request is bounded (Bpm:Limits): variables by count, depth and size, every text field by
/// length, pages by number. Over a limit is a 400 naming the field, and nothing is stored.
/// </summary>
public abstract class RequestLimitsTestBase<TFixture>(TFixture fixture) : ServerTestBase<TFixture>(fixture)
    where TFixture : class, IServerFixture
{
    private LimitsOptions Limits => Factory.Services.GetRequiredService<IOptions<LimitsOptions>>().Value;

    public static TheoryData<string> OversizedVariables => new() { "count", "size", "depth" };

    [SkippableTheory]
    [MemberData(nameof(OversizedVariables))]
    public async Task Start_VariablesOverTheLimit_BadRequestAndNoDossier(string which)
    {
        SkipUnlessAvailable();
        var reception = await SignInAsync("motcua.phuonglam");
        var code = NewDossierCode();
        var variables = which switch
        {
            "count" => Enumerable.Range(0, Limits.MaxVariables + 1).ToDictionary(i => $"v{i}", i => JsonSerializer.SerializeToElement(i)),
            "size" => new Dictionary<string, JsonElement> { ["note"] = JsonSerializer.SerializeToElement(new string('x', Limits.MaxVariablesBytes)) },
            _ => new Dictionary<string, JsonElement> { ["nested"] = Nested(61) },
        };

        var problem = await ProblemAsync(await reception.PostAsJsonAsync("/api/v1/instances", new { definitionId = BirthRegistration, businessKey = code, variables }), HttpStatusCode.BadRequest);

        var field = which == "depth" ? "variables.nested" : "variables";
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(0, await DossiersWithCodeAsync(code));
    }

    [SkippableFact]
    public async Task Start_VariablesWithinTheLimits_Accepted()
    {
        SkipUnlessAvailable();
        var reception = await SignInAsync("motcua.phuonglam");
        var variables = Enumerable.Range(0, Limits.MaxVariables - 1).ToDictionary(i => $"v{i}", i => JsonSerializer.SerializeToElement(i));
        variables["nested"] = Nested(Limits.MaxVariableDepth);

        await JsonAsync(await reception.PostAsJsonAsync("/api/v1/instances", new { definitionId = BirthRegistration, businessKey = NewDossierCode(), variables }), HttpStatusCode.Created);
    }

    [SkippableTheory]
    [InlineData("outcome")]
    [InlineData("comment")]
    public async Task Start_ReservedVariableName_BadRequestAndNoDossier(string name)
    {
        SkipUnlessAvailable();
        var reception = await SignInAsync("motcua.phuonglam");
        var code = NewDossierCode();

        var problem = await ProblemAsync(await reception.PostAsJsonAsync("/api/v1/instances", new
        {
            definitionId = BirthRegistration, businessKey = code, variables = new Dictionary<string, object> { [name] = "approve" },
        }), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("variables." + name, out _), problem.ToString());
        Assert.Equal(0, await DossiersWithCodeAsync(code));
    }

    [SkippableFact]
    public async Task TextFields_OverTheirLimits_BadRequestNamingTheFieldAndNothingChanged()
    {
        SkipUnlessAvailable();
        var reception = await SignInAsync("motcua.phuonglam");
        var leader = await SignInAsync("lanhdao.phuonglam");
        var designer = await SignInAsync("thietke");
        var (instanceId, receipt, _) = await StartBirthRegistrationAsync(reception);
        var megabyte = new string('x', 1_000_000);

        await AssertRefusedAsync(await reception.PostAsJsonAsync($"/api/v1/tasks/{receipt}/complete", new { outcome = megabyte }), "outcome");
        await AssertRefusedAsync(await reception.PostAsJsonAsync($"/api/v1/tasks/{receipt}/complete", new { comment = new string('y', 4001) }), "comment");
        await AssertRefusedAsync(await reception.PostAsJsonAsync($"/api/v1/tasks/{receipt}/return", new { comment = megabyte }), "comment");
        await AssertRefusedAsync(await reception.PostAsJsonAsync($"/api/v1/tasks/{receipt}/delegate", new { userName = megabyte }), "userName");
        await AssertRefusedAsync(await leader.PostAsJsonAsync($"/api/v1/instances/{instanceId}/cancel", new { reason = megabyte }), "reason");
        await AssertRefusedAsync(await designer.PostAsJsonAsync($"/api/v1/definitions/{BirthRegistration}/versions/1/publish", new { changeNote = new string('z', 2001) }), "changeNote");
        await AssertRefusedAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { userName = megabyte, password = "x" }), "userName");

        var instance = await JsonAsync(await reception.GetAsync($"/api/v1/instances/{instanceId}"), HttpStatusCode.OK);
        Assert.Equal("running", instance.GetProperty("status").GetString());
        Assert.Equal("Task_TiepNhan", Assert.Single(instance.GetProperty("openTasks").EnumerateArray()).GetProperty("elementId").GetString());
    }

    [SkippableTheory]
    [InlineData("/api/v1/tasks?page=2147483647")]
    [InlineData("/api/v1/definitions?page=2147483647")]
    [InlineData("/api/v1/tasks?page=1000001&pageSize=200")]
    [InlineData("/api/v1/dossiers?page=2147483647&pageSize=100")]
    public async Task Paging_PageBeyondTheLast_BadRequestNotTheFirstPage(string path)
    {
        SkipUnlessAvailable();
        var client = await SignInAsync("admin");

        var problem = await ProblemAsync(await client.GetAsync(path), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("page", out _));
    }

    [SkippableFact]
    public async Task Paging_JournalPageBeyondTheLast_BadRequestOrEmpty()
    {
        SkipUnlessAvailable();
        var (instanceId, _, _) = await StartBirthRegistrationAsync();
        var auditor = await SignInAsync("kiemtra");

        await ProblemAsync(await auditor.GetAsync($"/api/v1/instances/{instanceId}/journal?page=2147483647"), HttpStatusCode.BadRequest);
        var last = await JsonAsync(await auditor.GetAsync($"/api/v1/instances/{instanceId}/journal?page=1000000&pageSize=200"), HttpStatusCode.OK);
        Assert.Empty(last.GetProperty("items").EnumerateArray());
    }

    [SkippableFact]
    public async Task Address_OverTheLimit_UriTooLongProblem()
    {
        SkipUnlessAvailable();

        var problem = await ProblemAsync(await Anonymous().GetAsync("/api/v1/tasks?dossierCode=" + new string('a', Limits.MaxUrlLength)), HttpStatusCode.RequestUriTooLong);

        Assert.Contains(Limits.MaxUrlLength.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.GetProperty("detail").GetString());
    }

    [SkippableFact]
    public async Task Journal_OfDossierStoredWithDeepVariables_Readable()
    {
        SkipUnlessAvailable();

        // Stored the way dossiers were before the depth limit: through the executor, not the API.
        var instanceId = Guid.NewGuid().ToString("N");
        using (var scope = Factory.Services.CreateScope())
        {
            var executor = scope.ServiceProvider.GetRequiredService<CommandExecutor>();
            var start = new Engine.StartInstance(instanceId, NewDossierCode(), new Dictionary<string, JsonElement> { ["nested"] = Nested(61) }) { Actor = "motcua.phuonglam" };
            Assert.True((await executor.StartAsync(BirthRegistration, null, start)).Applied);
        }

        var auditor = await SignInAsync("kiemtra");
        var journal = await DeepJsonAsync(await auditor.GetAsync($"/api/v1/instances/{instanceId}/journal"));
        Assert.Contains(journal.GetProperty("items").EnumerateArray(), e => e.GetProperty("payload").GetRawText().Contains("\"nested\"", StringComparison.Ordinal));
        var instance = await DeepJsonAsync(await auditor.GetAsync($"/api/v1/instances/{instanceId}"));
        Assert.Equal(JsonValueKind.Object, instance.GetProperty("variables").GetProperty("nested").ValueKind);
    }

    private static async Task<JsonElement> DeepJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = RequestLimits.JsonDepth }).RootElement.Clone();
    }

    /// <summary>{"x":{"x":…{"x":1}}} with <paramref name="depth"/> levels of objects.</summary>
    private static JsonElement Nested(int depth) =>
        JsonDocument.Parse(string.Concat(Enumerable.Repeat("{\"x\":", depth)) + "1" + new string('}', depth), new JsonDocumentOptions { MaxDepth = depth + 1 }).RootElement.Clone();

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string field)
    {
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    private async Task<int> DossiersWithCodeAsync(string code)
    {
        using var scope = Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<BpmDbContext>().Instances.CountAsync(i => i.BusinessKey == code);
    }
}

[Collection(SqliteServerCollection.Name)]
public sealed class SqliteRequestLimitsTests(SqliteServerFixture fixture) : RequestLimitsTestBase<SqliteServerFixture>(fixture);

[Collection(PostgresServerCollection.Name)]
public sealed class PostgreSqlRequestLimitsTests(PostgresServerFixture fixture) : RequestLimitsTestBase<PostgresServerFixture>(fixture);
