using System.Net;
using System.Net.Http.Json;
using Bpm.Server.Tests.Infrastructure;

namespace Bpm.Server.Tests.Features.Definitions;

/// <summary><c>POST /api/v1/definitions/{id}/whatif</c>: a candidate beside the published version, and every bad input named.</summary>
public abstract class WhatIfTestBase<TFixture>(TFixture fixture) : ServerTestBase<TFixture>(fixture)
    where TFixture : class, IServerFixture
{
    [SkippableFact]
    public async Task WhatIf_PublishedDefinitionAndRate_BothVersionsFigures()
    {
        SkipUnlessAvailable();
        var designer = await SignInAsync("thietke");
        var id = await PublishedAsync(designer);
        var candidate = SampleXml(BirthRegistration).Replace("bpm:allowance=\"PT3H\"", "bpm:allowance=\"PT1H\"", StringComparison.Ordinal);

        var report = await JsonAsync(
            await designer.PostAsJsonAsync($"/api/v1/definitions/{id}/whatif", new { xml = candidate, months = 1, arrivalsPerDay = 4, seed = 5 }), HttpStatusCode.OK);

        Assert.Equal("rate", report.GetProperty("arrivalSource").GetString());
        var current = report.GetProperty("current");
        Assert.Equal(1, current.GetProperty("version").GetInt32());
        Assert.True(current.GetProperty("dossiers").GetInt32() > 20);
        Assert.Equal(current.GetProperty("dossiers").GetInt32(), report.GetProperty("candidate").GetProperty("dossiers").GetInt32());
        Assert.Contains(current.GetProperty("steps").EnumerateArray(), s => s.GetProperty("elementId").GetString() == "Task_ThamDinh");
        Assert.Equal(System.Text.Json.JsonValueKind.Number, report.GetProperty("difference").GetProperty("onTimeShare").ValueKind);
    }

    [SkippableFact]
    public async Task WhatIf_BadInput_ProblemNamesTheField()
    {
        SkipUnlessAvailable();
        var designer = await SignInAsync("thietke");
        var id = await PublishedAsync(designer);
        var xml = SampleXml(BirthRegistration);

        var malformed = await ProblemAsync(await designer.PostAsJsonAsync($"/api/v1/definitions/{id}/whatif", new { xml = "<definitions" }), HttpStatusCode.BadRequest);
        var unknown = await ProblemAsync(await designer.PostAsJsonAsync($"/api/v1/definitions/{NewId("khong-co")}/whatif", new { xml }), HttpStatusCode.BadRequest);
        var noArrivals = await ProblemAsync(await designer.PostAsJsonAsync($"/api/v1/definitions/{id}/whatif", new { xml }), HttpStatusCode.BadRequest);

        Assert.True(malformed.GetProperty("errors").TryGetProperty("xml", out _), malformed.ToString());
        Assert.True(unknown.GetProperty("errors").TryGetProperty("definitionId", out _), unknown.ToString());
        Assert.Contains("số hồ sơ mỗi ngày", noArrivals.GetProperty("errors").GetProperty("arrivalsPerDay")[0].GetString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task WhatIf_NotADesigner_Forbidden()
    {
        SkipUnlessAvailable();
        var reception = await SignInAsync("motcua.phuonglam");

        var response = await reception.PostAsJsonAsync($"/api/v1/definitions/{BirthRegistration}/whatif", new { xml = SampleXml(BirthRegistration), arrivalsPerDay = 1 });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    /// <summary>A new definition with the birth-registration sample published as version 1 and no dossier yet.</summary>
    private static async Task<string> PublishedAsync(HttpClient designer)
    {
        var id = NewId("whatif");
        await JsonAsync(await designer.PutAsJsonAsync($"/api/v1/definitions/{id}/draft", new { xml = SampleXml(BirthRegistration) }), HttpStatusCode.OK);
        await JsonAsync(await designer.PostAsJsonAsync($"/api/v1/definitions/{id}/versions/1/publish", new { changeNote = "Ban hành để mô phỏng" }), HttpStatusCode.OK);
        return id;
    }
}
