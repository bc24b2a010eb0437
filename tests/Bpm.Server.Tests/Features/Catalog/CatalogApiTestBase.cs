using System.Net;
using System.Text.Json;
using Bpm.Dossiers.Catalog;
using Bpm.Server.Tests.Infrastructure;

namespace Bpm.Server.Tests.Features.Catalog;

/// <summary>The public catalogue: the server's first start imported workflows/catalog/procedures.json; no sign-in anywhere.</summary>
public abstract class CatalogApiTestBase<TFixture>(TFixture fixture) : ServerTestBase<TFixture>(fixture)
    where TFixture : class, IServerFixture
{
    private static readonly IReadOnlyList<Procedure> Repository =
        JsonCatalogReader.Read(File.ReadAllText(Path.Combine(RepositoryRoot(), "workflows", "catalog", "procedures.json"))).Procedures;

    [SkippableTheory]
    [InlineData("dang ky khai sinh")]
    [InlineData("ĐĂNG KÝ KHAI SINH")]
    [InlineData("Đăng ký khai sinh")]
    public async Task List_WithOrWithoutDiacriticsInAnyCase_FindsBirthRegistrationWithoutSignIn(string q)
    {
        SkipUnlessAvailable();

        var list = await JsonAsync(await Anonymous().GetAsync($"/api/v1/procedures?q={Uri.EscapeDataString(q)}"), HttpStatusCode.OK);

        var expected = Repository.Where(ProcedureSearch.For(q).Matches).Select(p => p.Code).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Count, list.GetProperty("total").GetInt32());
        Assert.Equal(expected, list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()));
        var birth = list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "1.001193");
        Assert.Equal("Thủ tục đăng ký khai sinh", birth.GetProperty("name").GetString());
        Assert.Equal("Hộ tịch", birth.GetProperty("sector").GetString());
        Assert.Contains(birth.GetProperty("levels").EnumerateArray(), l => l.GetProperty("level").GetString() == "commune");
        Assert.Equal("workingDays", birth.GetProperty("timeLimit").GetProperty("unit").GetString());
        Assert.Equal("1", birth.GetProperty("timeLimit").GetProperty("value").GetRawText());
        Assert.Equal(JsonValueKind.String, birth.GetProperty("onlineLevel").ValueKind);
    }

    [SkippableFact]
    public async Task List_Paged_ReturnsThePageAndTheTotalOfTheWholeCatalogue()
    {
        SkipUnlessAvailable();

        var list = await JsonAsync(await Anonymous().GetAsync("/api/v1/procedures?page=2&pageSize=5"), HttpStatusCode.OK);

        Assert.Equal(Repository.Count, list.GetProperty("total").GetInt32());
        Assert.Equal(
            Repository.Select(p => p.Code).Order(StringComparer.Ordinal).Skip(5).Take(5),
            list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()));
    }

    [SkippableFact]
    public async Task List_BadPageSize_IsA400NamingTheField()
    {
        SkipUnlessAvailable();

        var problem = await ProblemAsync(await Anonymous().GetAsync("/api/v1/procedures?pageSize=0"), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("pageSize", out _));
    }

    [SkippableFact]
    public async Task Get_BirthRegistration_ReturnsTheWholeProcedureWithItsPapers()
    {
        SkipUnlessAvailable();

        var procedure = await JsonAsync(await Anonymous().GetAsync("/api/v1/procedures/1.001193"), HttpStatusCode.OK);

        var expected = Repository.Single(p => p.Code == "1.001193");
        Assert.Equal("Thủ tục đăng ký khai sinh", procedure.GetProperty("name").GetString());
        Assert.Equal(expected.Papers.Select(p => (p.Id, p.Name)), procedure.GetProperty("papers").EnumerateArray()
            .Select(p => (p.GetProperty("id").GetString()!, p.GetProperty("name").GetString()!)));
        Assert.Equal(expected.Papers.Select(p => CatalogNames.Name(p.Form)), procedure.GetProperty("papers").EnumerateArray().Select(p => p.GetProperty("form").GetString()));
        var level = procedure.GetProperty("levels").EnumerateArray().Single(l => l.GetProperty("level").GetString() == "commune");
        Assert.Contains("XA-PHUONGLAM.MOTCUA", level.GetProperty("receivingUnits").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal(expected.LegalBasis.Count, procedure.GetProperty("legalBasis").GetArrayLength());
        Assert.Equal(expected.Sources[0].Url, procedure.GetProperty("sources")[0].GetProperty("url").GetString());
    }

    [SkippableFact]
    public async Task Get_UnknownCode_IsA404ProblemNamingTheCode()
    {
        SkipUnlessAvailable();

        var problem = await ProblemAsync(await Anonymous().GetAsync("/api/v1/procedures/9.999999"), HttpStatusCode.NotFound);

        Assert.Contains("'9.999999'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
