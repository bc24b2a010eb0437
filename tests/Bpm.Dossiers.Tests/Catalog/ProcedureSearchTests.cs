using Bpm.Dossiers.Catalog;

namespace Bpm.Dossiers.Tests.Catalog;

public sealed class ProcedureSearchTests
{
    private static readonly IReadOnlyList<Procedure> Catalogue = JsonCatalogReader.Read(File.ReadAllText(RepositoryFiles.Catalog)).Procedures;

    private static List<string> Find(string? q) => Catalogue.Where(ProcedureSearch.For(q).Matches).Select(p => p.Code).ToList();

    [Theory]
    [InlineData("dang ky khai sinh")]
    [InlineData("ĐĂNG KÝ KHAI SINH")]
    [InlineData("Đăng ký khai sinh")]
    [InlineData("đăng ky KHAI sinh")]
    [InlineData("khai sinh dang ky")]
    public void Matches_BirthRegistrationWithOrWithoutMarksInAnyCase_FindsIt(string q) =>
        Assert.Contains("1.001193", Find(q));

    [Fact]
    public void Matches_UnaccentedQuery_FindsTheSameAsAccented() =>
        Assert.Equal(Find("thường trú"), Find("thuong tru"));

    [Fact]
    public void Matches_WordNotInAnyName_FindsNothing() =>
        Assert.Empty(Find("khai sinh xyzzy"));

    [Fact]
    public void Matches_Code_FindsTheProcedure() =>
        Assert.Equal(["1.001193"], Find("1.001193"));

    [Fact]
    public void Matches_EmptyQuery_FindsEverything() =>
        Assert.Equal(Catalogue.Count, Find("  ").Count);

    [Fact]
    public void Matches_DWithoutStrokeAndNoTone_MatchesDWithStrokeAndTone() =>
        Assert.Equal(["1.003197", "1.010028"], Find("xoa dang ky"));
}
