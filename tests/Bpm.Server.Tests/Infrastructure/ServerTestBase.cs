using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bpm.Server.Tests.Infrastructure;

/// <summary>
/// Helpers shared by the server's specification tests. Tests share one server per provider; each
/// uses fresh definition ids and dossier codes, so they do not see each other's data except
/// through the inbox, which the tests always filter by dossier code.
/// </summary>
public abstract class ServerTestBase<TFixture>(TFixture fixture)
    where TFixture : class, IServerFixture
{
    public const string Password = "BpmDemo2026";
    public const string BirthRegistration = "civil-status-birth-registration";

    protected TFixture Fixture { get; } = fixture;

    protected BpmServerFactory Factory => Fixture.Factory;

    protected void SkipUnlessAvailable() => Skip.If(Fixture.SkipReason is not null, Fixture.SkipReason);

    protected static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..10];

    protected static string NewDossierCode() => "000.27.22.H10-261201-" + Guid.NewGuid().ToString("N")[..8];

    protected HttpClient Anonymous() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    protected async Task<HttpClient> SignInAsync(string userName)
    {
        var client = Anonymous();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password = Password });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"sign-in of {userName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    /// <summary>A client that calls with a bearer token of <paramref name="userName"/> and no cookie, as a machine client does.</summary>
    protected async Task<HttpClient> SignInWithTokenAsync(string userName)
    {
        var token = await JsonAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { userName, password = Password }), HttpStatusCode.OK);
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }

    protected static string SampleXml(string name) => File.ReadAllText(Path.Combine(RepositoryRoot(), "workflows", "samples", name + ".bpmn"));

    protected static string RepositoryRoot() => Bpm.Testing.RepositoryRoot.Find();

    protected static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts an RFC 9457 problem with the status, a title, and no stack trace.</summary>
    protected static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        return problem;
    }

    /// <summary>The reception officer of Phương Lâm starts a birth registration; returns (instanceId, first task id).</summary>
    protected async Task<(string InstanceId, string TaskId, string DossierCode)> StartBirthRegistrationAsync(HttpClient? reception = null)
    {
        reception ??= await SignInAsync("motcua.phuonglam");
        var code = NewDossierCode();
        var started = await JsonAsync(await reception.PostAsJsonAsync("/api/v1/instances", new
        {
            definitionId = BirthRegistration,
            businessKey = code,
            variables = new { dossierCode = code, applicantName = "Nguyễn Văn An", childName = "Nguyễn Minh Khôi" },
        }), HttpStatusCode.Created);
        var task = Assert.Single(started.GetProperty("openTasks").EnumerateArray());
        Assert.Equal("Task_TiepNhan", task.GetProperty("elementId").GetString());
        return (started.GetProperty("instanceId").GetString()!, task.GetProperty("id").GetString()!, code);
    }

    /// <summary>The caller's open tasks for one dossier.</summary>
    protected static async Task<List<JsonElement>> OpenTasksAsync(HttpClient client, string dossierCode)
    {
        var list = await JsonAsync(await client.GetAsync($"/api/v1/tasks?dossierCode={Uri.EscapeDataString(dossierCode)}"), HttpStatusCode.OK);
        return [.. list.GetProperty("items").EnumerateArray()];
    }

    protected static async Task<JsonElement> CompleteAsync(HttpClient client, string taskId, string? outcome = null)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/tasks/{taskId}/complete", new { outcome, comment = "Đã kiểm tra." });
        return await JsonAsync(response, HttpStatusCode.OK);
    }

    protected static async Task<string> SingleTaskAsync(HttpClient client, string dossierCode, string elementId)
    {
        var tasks = await OpenTasksAsync(client, dossierCode);
        var task = Assert.Single(tasks);
        Assert.Equal(elementId, task.GetProperty("elementId").GetString());
        return task.GetProperty("id").GetString()!;
    }
}
