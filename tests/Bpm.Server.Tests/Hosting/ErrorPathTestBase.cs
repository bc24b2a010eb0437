using System.Net;
using System.Net.Http.Json;
using System.Text;
using Bpm.Server.Tests.Infrastructure;

namespace Bpm.Server.Tests.Hosting;

/// <summary>Every error path answers with ProblemDetails that say what and where, and changes nothing.</summary>
public abstract class ErrorPathTestBase<TFixture>(TFixture fixture) : ServerTestBase<TFixture>(fixture)
    where TFixture : class, IServerFixture
{
    [SkippableFact]
    public async Task MalformedJson_BadRequestNamingTheField()
    {
        SkipUnlessAvailable();
        var client = await SignInAsync("thietke");

        var response = await client.PostAsync("/api/v1/definitions/validate", new StringContent("{ \"xml\": ", Encoding.UTF8, "application/json"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").EnumerateObject().Any());
    }

    [SkippableFact]
    public async Task WrongJsonType_BadRequestNamingTheField()
    {
        SkipUnlessAvailable();
        var client = await SignInAsync("thietke");

        var response = await client.PostAsync("/api/v1/definitions/validate", new StringContent("{ \"xml\": 42 }", Encoding.UTF8, "application/json"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("$.xml", out _), problem.ToString());
    }

    [SkippableFact]
    public async Task UnknownIds_NotFoundProblems()
    {
        SkipUnlessAvailable();
        var client = await SignInAsync("admin");

        await ProblemAsync(await client.GetAsync("/api/v1/definitions/khong-ton-tai"), HttpStatusCode.NotFound);
        await ProblemAsync(await client.GetAsync($"/api/v1/definitions/{BirthRegistration}/versions/999"), HttpStatusCode.NotFound);
        await ProblemAsync(await client.GetAsync($"/api/v1/definitions/{BirthRegistration}/diff?from=1&to=999"), HttpStatusCode.NotFound);
        await ProblemAsync(await client.PostAsJsonAsync($"/api/v1/definitions/{BirthRegistration}/versions/999/publish", new { }), HttpStatusCode.NotFound);
        await ProblemAsync(await client.GetAsync("/api/v1/instances/khong-ton-tai"), HttpStatusCode.NotFound);
        await ProblemAsync(await client.GetAsync("/api/v1/instances/khong-ton-tai/journal"), HttpStatusCode.NotFound);
        await ProblemAsync(await client.GetAsync("/api/v1/tasks/khong~ton-tai"), HttpStatusCode.NotFound);
        await ProblemAsync(await client.GetAsync("/api/v1/tasks/khong-dau-phan-cach"), HttpStatusCode.NotFound);
        await ProblemAsync(await client.PostAsJsonAsync("/api/v1/instances", new { definitionId = "khong-ton-tai", businessKey = NewDossierCode() }), HttpStatusCode.NotFound);
        await ProblemAsync(await client.GetAsync("/api/v1/khong-co-duong-dan"), HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task OversizedBpmn_PayloadTooLargeAndNothingSaved()
    {
        SkipUnlessAvailable();
        var client = await SignInAsync("thietke");
        var id = NewId("lon");
        var xml = SampleXml(BirthRegistration).Replace("</bpmn:definitions>", "<!--" + new string('x', 5_300_000) + "--></bpmn:definitions>", StringComparison.Ordinal);
        Assert.True(xml.Length > 5_300_000);

        var problem = await ProblemAsync(await client.PutAsJsonAsync($"/api/v1/definitions/{id}/draft", new { xml }), HttpStatusCode.RequestEntityTooLarge);

        Assert.True(problem.GetProperty("errors").TryGetProperty("xml", out _));
        await ProblemAsync(await client.GetAsync($"/api/v1/definitions/{id}"), HttpStatusCode.NotFound);
    }

    [SkippableTheory]
    [InlineData("<definitions")]
    [InlineData("<notBpmn xmlns=\"urn:x\"/>")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY e \"x\">]><definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"/>")]
    public async Task NotBpmn_BadRequestOnXmlAndNothingSaved(string xml)
    {
        SkipUnlessAvailable();
        var client = await SignInAsync("thietke");
        var id = NewId("hong");

        var problem = await ProblemAsync(await client.PutAsJsonAsync($"/api/v1/definitions/{id}/draft", new { xml }), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("xml", out _));
        await ProblemAsync(await client.GetAsync($"/api/v1/definitions/{id}"), HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task InvalidBpmn_SavedAsDraftButPublishRefusedWithDiagnostics()
    {
        SkipUnlessAvailable();
        var client = await SignInAsync("thietke");
        var id = NewId("loi");
        var xml = SampleXml(BirthRegistration).Replace("targetRef=\"Task_ThamDinh\"", "targetRef=\"Task_KhongCo\"", StringComparison.Ordinal);
        Assert.NotEqual(SampleXml(BirthRegistration), xml);

        var draft = await JsonAsync(await client.PutAsJsonAsync($"/api/v1/definitions/{id}/draft", new { xml }), HttpStatusCode.OK);
        Assert.False(draft.GetProperty("valid").GetBoolean());
        Assert.Contains(draft.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("severity").GetString() == "error");

        var problem = await ProblemAsync(await client.PostAsJsonAsync($"/api/v1/definitions/{id}/versions/1/publish", new { changeNote = "thử" }), HttpStatusCode.UnprocessableEntity);
        var errors = problem.GetProperty("diagnostics").EnumerateArray().Where(d => d.GetProperty("severity").GetString() == "error").ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, d => Assert.True(d.GetProperty("line").GetInt32() > 0));
        Assert.Contains(errors, d => d.GetProperty("message").GetString()!.Contains("Task_KhongCo", StringComparison.Ordinal));

        var definition = await JsonAsync(await client.GetAsync($"/api/v1/definitions/{id}"), HttpStatusCode.OK);
        Assert.Equal("draft", Assert.Single(definition.GetProperty("versions").EnumerateArray()).GetProperty("status").GetString());
    }

    [SkippableFact]
    public async Task StaleDraft_ConflictAndDraftKept()
    {
        SkipUnlessAvailable();
        var client = await SignInAsync("thietke");
        var id = NewId("cu");
        var original = SampleXml(BirthRegistration);
        var saved = await JsonAsync(await client.PutAsJsonAsync($"/api/v1/definitions/{id}/draft", new { xml = original }), HttpStatusCode.OK);
        var hash = saved.GetProperty("contentHash").GetString();
        var edited = original.Replace("Tiếp nhận hồ sơ", "Tiếp nhận hồ sơ (sửa)", StringComparison.Ordinal);
        await JsonAsync(await client.PutAsJsonAsync($"/api/v1/definitions/{id}/draft", new { xml = edited, expectedContentHash = hash }), HttpStatusCode.OK);

        var stale = await ProblemAsync(await client.PutAsJsonAsync($"/api/v1/definitions/{id}/draft", new { xml = original, expectedContentHash = hash }), HttpStatusCode.Conflict);

        Assert.NotEqual(hash, stale.GetProperty("currentContentHash").GetString());
        var version = await JsonAsync(await client.GetAsync($"/api/v1/definitions/{id}/versions/1"), HttpStatusCode.OK);
        Assert.Equal(edited, version.GetProperty("xml").GetString());
    }

    [SkippableFact]
    public async Task BadPagingAndFilters_FieldLevelErrors()
    {
        SkipUnlessAvailable();
        var client = await SignInAsync("motcua.phuonglam");

        var paging = await ProblemAsync(await client.GetAsync("/api/v1/tasks?page=0&pageSize=1000"), HttpStatusCode.BadRequest);
        Assert.True(paging.GetProperty("errors").TryGetProperty("page", out _));
        Assert.True(paging.GetProperty("errors").TryGetProperty("pageSize", out _));
        var status = await ProblemAsync(await client.GetAsync("/api/v1/definitions?status=lost"), HttpStatusCode.BadRequest);
        Assert.True(status.GetProperty("errors").TryGetProperty("status", out _));
        var start = await ProblemAsync(await client.PostAsJsonAsync("/api/v1/instances", new { }), HttpStatusCode.BadRequest);
        Assert.True(start.GetProperty("errors").TryGetProperty("definitionId", out _));
        Assert.True(start.GetProperty("errors").TryGetProperty("businessKey", out _));
    }

    [SkippableFact]
    public async Task BadDefinitionId_BadRequest()
    {
        SkipUnlessAvailable();
        var client = await SignInAsync("thietke");

        var problem = await ProblemAsync(await client.PutAsJsonAsync("/api/v1/definitions/c%C3%B3%20d%E1%BA%A5u/draft", new { xml = SampleXml(BirthRegistration) }), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("definitionId", out _));
    }
}
