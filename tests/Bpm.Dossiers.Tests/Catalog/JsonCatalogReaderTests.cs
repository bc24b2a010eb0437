using Bpm.Dossiers.Catalog;

namespace Bpm.Dossiers.Tests.Catalog;

public sealed class JsonCatalogReaderTests
{
    [Fact]
    public void Read_RepositoryCatalogue_LoadsEveryProcedureWithoutErrors()
    {
        var result = JsonCatalogReader.Read(File.ReadAllText(RepositoryFiles.Catalog));

        Assert.Empty(result.Errors);
        Assert.True(result.Procedures.Count >= 40);
        var birth = result.Procedures.Single(p => p.Code == "1.001193");
        Assert.Equal("Thủ tục đăng ký khai sinh", birth.Name);
        Assert.Contains(birth.Levels, l => l.Level == AdministrativeLevel.Commune && l.ReceivingUnits.Contains("XA-PHUONGLAM.MOTCUA"));
        Assert.Equal(7, birth.Papers.Count);
    }

    [Fact]
    public void Read_ValidProcedure_MapsEveryField()
    {
        var result = JsonCatalogReader.Read(CatalogSamples.JsonFile(CatalogSamples.JsonProcedure()));

        var p = Assert.Single(result.Procedures);
        Assert.Equal("1.001193", p.Code);
        Assert.Equal("Hộ tịch", p.Sector);
        var level = Assert.Single(p.Levels);
        Assert.Equal(new DateOnly(2025, 7, 1), level.ValidFrom);
        Assert.Null(level.ValidTo);
        Assert.Equal(new TimeLimit(1, TimeLimitUnit.WorkingDays, SameDay: true), p.TimeLimit);
        Assert.Equal(new Fee(FeeKind.Charge, "Lệ phí đăng ký khai sinh", 0, null, null), Assert.Single(p.Fees));
        Assert.Equal(["giay-chung-sinh", "to-khai"], p.Papers.Select(x => x.Id));
        Assert.True(p.Papers[0].DigitisedResultReplaces);
        Assert.Equal(OnlineLevel.Full, p.OnlineLevel);
        Assert.Equal(new Source("Cổng Dịch vụ công quốc gia", "https://dichvucong.gov.vn/", null, new DateOnly(2026, 4, 16)), Assert.Single(p.Sources));
    }

    [Fact]
    public void Read_MissingField_ReportsRowLineAndFieldAndImportsNothing()
    {
        var second = CatalogSamples.JsonProcedure(code: "1.004222").Replace("\"sector\": \"Hộ tịch\",", "", StringComparison.Ordinal);
        var json = CatalogSamples.JsonFile(CatalogSamples.JsonProcedure(), second);

        var result = JsonCatalogReader.Read(json);

        Assert.Empty(result.Procedures);
        var error = Assert.Single(result.Errors);
        Assert.Equal((2, LineOf(json, "\"1.004222\"") - 1, "sector"), (error.Row, error.Line, error.Field));
        Assert.Equal("is required", error.Message);
    }

    [Fact]
    public void Read_BadEnum_NamesTheValueAndTheAllowedOnes()
    {
        var result = JsonCatalogReader.Read(CatalogSamples.JsonFile(CatalogSamples.JsonProcedure(level: "huyện")));

        var error = Assert.Single(result.Errors);
        Assert.Equal((1, 4, "levels[0].level"), (error.Row, error.Line, error.Field));
        Assert.Equal("'huyện' is not one of province, commune, district", error.Message);
    }

    [Fact]
    public void Read_DuplicateCode_ReportsTheLaterRowAndNamesTheFirst()
    {
        var json = CatalogSamples.JsonFile(CatalogSamples.JsonProcedure(), CatalogSamples.JsonProcedure(code: "1.004222"), CatalogSamples.JsonProcedure());

        var result = JsonCatalogReader.Read(json);

        Assert.Empty(result.Procedures);
        var error = Assert.Single(result.Errors);
        Assert.Equal((3, "code", "'1.001193' is already the code of row 1"), (error.Row, error.Field, error.Message));
        // The three procedures open on lines 4, 20 and 36.
        Assert.Equal(36, error.Line);
    }

    [Fact]
    public void Read_DuplicatePaperId_ReportsTheSecondPaper()
    {
        var result = JsonCatalogReader.Read(CatalogSamples.JsonFile(CatalogSamples.JsonProcedure(secondPaperId: "giay-chung-sinh")));

        var error = Assert.Single(result.Errors);
        Assert.Equal((1, "papers[1].id", "'giay-chung-sinh' is already the id of papers[0]"), (error.Row, error.Field, error.Message));
    }

    [Fact]
    public void Read_SeveralErrorsInOneRow_ReportsEveryOne()
    {
        var broken = CatalogSamples.JsonProcedure(code: "1001193", level: "xã", secondPaperId: "Tờ khai")
            .Replace("\"count\": 1, \"digitisedResultReplaces\": true", "\"count\": 0, \"digitisedResultReplaces\": \"yes\"", StringComparison.Ordinal);

        var result = JsonCatalogReader.Read(CatalogSamples.JsonFile(broken));

        Assert.Equal(["code", "levels[0].level", "papers[0].digitisedResultReplaces", "papers[1].id", "papers[0].count"], result.Errors.Select(e => e.Field));
        Assert.All(result.Errors, e => Assert.Equal(1, e.Row));
    }

    [Fact]
    public void Read_TimeLimitWithoutValue_ReportsOnlyTheMissingValue()
    {
        var json = CatalogSamples.JsonFile(CatalogSamples.JsonProcedure().Replace("\"value\": 1, ", "", StringComparison.Ordinal));

        var error = Assert.Single(JsonCatalogReader.Read(json).Errors);

        Assert.Equal(("timeLimit.value", "is required"), (error.Field, error.Message));
    }

    [Fact]
    public void Read_UnknownField_IsReported()
    {
        var result = JsonCatalogReader.Read(CatalogSamples.JsonFile(CatalogSamples.JsonProcedure().Replace("\"sector\"", "\"sectr\": \"x\", \"sector\"", StringComparison.Ordinal)));

        Assert.Equal("sectr", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void Read_MalformedJson_ReportsTheLine()
    {
        var json = CatalogSamples.JsonFile(CatalogSamples.JsonProcedure()).Replace("\"sector\": \"Hộ tịch\",", "\"sector\": \"Hộ tịch\"", StringComparison.Ordinal);

        var result = JsonCatalogReader.Read(json);

        var error = Assert.Single(result.Errors);
        Assert.Equal((0, LineOf(json, "\"levels\""), "(file)"), (error.Row, error.Line, error.Field));
        Assert.StartsWith("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("1.5")]
    [InlineData("\"1\"")]
    public void Read_UnsupportedVersion_IsAFileError(string version)
    {
        var error = Assert.Single(JsonCatalogReader.Read($"{{ \"version\": {version}, \"procedures\": [] }}").Errors);

        Assert.Equal((0, "version"), (error.Row, error.Field));
    }

    [Fact]
    public void Read_NoProceduresArray_IsAnError() =>
        Assert.Equal("procedures", Assert.Single(JsonCatalogReader.Read("{ \"version\": 1 }").Errors).Field);

    private static int LineOf(string text, string needle) =>
        text.Split('\n').Select((l, i) => (l, i + 1)).First(x => x.l.Contains(needle, StringComparison.Ordinal)).Item2;
}
