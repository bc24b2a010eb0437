using Bpm.Dossiers.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Bpm.Dossiers.Tests.Catalog;

/// <summary>The catalogue store on SQLite; the server's catalogue tests run the same queries on PostgreSQL.</summary>
public sealed class ProcedureCatalogTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    private static readonly IReadOnlyList<Procedure> Repository = JsonCatalogReader.Read(File.ReadAllText(RepositoryFiles.Catalog)).Procedures;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task ImportAsync_RepositoryCatalogue_RoundTripsEveryProcedure()
    {
        await using var db = fixture.CreateContext();
        var catalog = new ProcedureCatalog(db, _time);
        await catalog.ImportAsync(Repository);

        foreach (var expected in Repository)
        {
            var actual = await catalog.FindAsync(expected.Code);
            Assert.NotNull(actual);
            ProcedureAssert.Equal(expected, actual);
        }
    }

    [Fact]
    public async Task ImportAsync_SameCodeAgain_ReplacesTheProcedureAndItsPapers()
    {
        var first = Sample("9.000001", "Thủ tục thử nghiệm", ["giay-a", "giay-b"]);
        var second = Sample("9.000001", "Thủ tục thử nghiệm đã sửa", ["giay-c"]);
        await using var db = fixture.CreateContext();
        var catalog = new ProcedureCatalog(db, _time);

        Assert.Equal(new CatalogImport(1, 0), await catalog.ImportAsync([first]));
        Assert.Equal(new CatalogImport(0, 1), await catalog.ImportAsync([second]));

        var stored = await catalog.FindAsync("9.000001");
        Assert.Equal("Thủ tục thử nghiệm đã sửa", stored!.Name);
        Assert.Equal(["giay-c"], stored.Papers.Select(p => p.Id));
    }

    [Fact]
    public async Task ImportAsync_WritesTheFoldedName()
    {
        await using var db = fixture.CreateContext();
        await new ProcedureCatalog(db, _time).ImportAsync([Sample("9.000002", "Đăng Ký Ưu Đãi Ở Phường", ["giay-a"])]);

        Assert.Equal("dang ky uu dai o phuong", await db.Procedures.Where(p => p.Code == "9.000002").Select(p => p.FoldedName).SingleAsync());
    }

    [Theory]
    [InlineData("dang ky khai sinh")]
    [InlineData("ĐĂNG KÝ KHAI SINH")]
    [InlineData("Đăng ký khai sinh")]
    public async Task SearchAsync_WithOrWithoutMarksInAnyCase_FindsBirthRegistration(string q)
    {
        await using var db = fixture.CreateContext();
        var catalog = new ProcedureCatalog(db, _time);
        await catalog.ImportAsync(Repository);

        var page = await catalog.SearchAsync(q, 0, 50);

        Assert.Contains(page.Items, p => p.Code == "1.001193" && p.Name == "Thủ tục đăng ký khai sinh");
        Assert.Equal(Repository.Where(ProcedureSearch.For(q).Matches).Select(p => p.Code), page.Items.Select(p => p.Code));
    }

    [Fact]
    public async Task SearchAsync_Paged_CountsEveryMatchAndReturnsOnePage()
    {
        await using var db = fixture.CreateContext();
        var catalog = new ProcedureCatalog(db, _time);
        await catalog.ImportAsync(Repository);

        var page = await catalog.SearchAsync("giay phep", 2, 3);

        var expected = Repository.Where(ProcedureSearch.For("giay phep").Matches).OrderBy(p => p.Code, StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Count, page.Total);
        Assert.Equal(expected.Skip(2).Take(3).Select(p => p.Code), page.Items.Select(p => p.Code));
    }

    [Fact]
    public async Task FindAsync_UnknownCode_IsNull()
    {
        await using var db = fixture.CreateContext();
        Assert.Null(await new ProcedureCatalog(db, _time).FindAsync("0.000000"));
    }

    private static Procedure Sample(string code, string name, string[] paperIds) => new()
    {
        Code = code,
        Name = name,
        Sector = "Thử nghiệm",
        Levels = [new ProcedureLevel { Level = AdministrativeLevel.Commune, Agency = "Ủy ban nhân dân cấp xã" }],
        Papers = [.. paperIds.Select(id => new Paper { Id = id, Name = id, Form = PaperForm.Copy, Count = 1, DigitisedResultReplaces = false, Required = true })],
        LegalBasis = ["Luật thử nghiệm"],
        Sources = [new Source("Nguồn thử", "https://example.org/", null, null)],
    };
}
