using Bpm.Dossiers.Catalog;

namespace Bpm.Dossiers.Tests.Catalog;

public sealed class CsvCatalogReaderTests
{
    [Fact]
    public void Read_ValidFile_ReadsTheSameProcedureAsJson()
    {
        var csv = CatalogSamples.CsvFile(CatalogSamples.CsvProcedure());

        var result = CsvCatalogReader.Read(csv);

        Assert.Empty(result.Errors);
        var fromCsv = Assert.Single(result.Procedures);
        var fromJson = Assert.Single(JsonCatalogReader.Read(CatalogSamples.JsonFile(CatalogSamples.JsonProcedure())).Procedures);
        ProcedureAssert.Equal(fromJson, fromCsv);
    }

    [Fact]
    public void Read_RepositoryCatalogueWrittenAsCsv_ReadsTheSameProcedures()
    {
        var procedures = JsonCatalogReader.Read(File.ReadAllText(RepositoryFiles.Catalog)).Procedures;

        var result = CsvCatalogReader.Read(CatalogSamples.ToCsv(procedures));

        Assert.Empty(result.Errors);
        Assert.Equal(procedures.Count, result.Procedures.Count);
        for (var i = 0; i < procedures.Count; i++)
        {
            ProcedureAssert.Equal(procedures[i], result.Procedures[i]);
        }
    }

    [Fact]
    public void Read_MissingField_ReportsRowAndLine()
    {
        var csv = CatalogSamples.CsvFile(CatalogSamples.CsvProcedure(), CatalogSamples.CsvProcedure(code: "1.004222", name: ""));

        var result = CsvCatalogReader.Read(csv);

        Assert.Empty(result.Procedures);
        var error = Assert.Single(result.Errors);
        // Line 1 is the header; each record spans two lines.
        Assert.Equal((2, 4, "name", "is required"), (error.Row, error.Line, error.Field, error.Message));
    }

    [Fact]
    public void Read_BadEnum_NamesFieldAndAllowedValues()
    {
        var result = CsvCatalogReader.Read(CatalogSamples.CsvFile(CatalogSamples.CsvProcedure(paperForm: "photocopy")));

        var error = Assert.Single(result.Errors);
        Assert.Equal((1, 2, "papers[0].form"), (error.Row, error.Line, error.Field));
        Assert.Equal("'photocopy' is not one of original, copy, certifiedCopy, originalOrCopy", error.Message);
    }

    [Fact]
    public void Read_DuplicateCode_ReportsTheLaterRow()
    {
        var csv = CatalogSamples.CsvFile(CatalogSamples.CsvProcedure(), CatalogSamples.CsvProcedure(code: "1.004222"), CatalogSamples.CsvProcedure());

        var error = Assert.Single(CsvCatalogReader.Read(csv).Errors);

        Assert.Equal((3, 6, "code", "'1.001193' is already the code of row 1"), (error.Row, error.Line, error.Field, error.Message));
    }

    [Fact]
    public void Read_DuplicatePaperId_ReportsTheSecondPaper()
    {
        var error = Assert.Single(CsvCatalogReader.Read(CatalogSamples.CsvFile(CatalogSamples.CsvProcedure(secondPaperId: "giay-chung-sinh"))).Errors);

        Assert.Equal((1, 2, "papers[1].id"), (error.Row, error.Line, error.Field));
    }

    [Fact]
    public void Read_RecordWithTooFewFields_ReportsItsRowAndLineAndImportsNothing()
    {
        var csv = CatalogSamples.CsvFile(CatalogSamples.CsvProcedure(), "1.004222,Đăng ký thường trú,Cư trú", CatalogSamples.CsvProcedure(code: "1.004194"));

        var result = CsvCatalogReader.Read(csv);

        Assert.Empty(result.Procedures);
        var error = Assert.Single(result.Errors);
        Assert.Equal((2, 4, "(record)"), (error.Row, error.Line, error.Field));
        Assert.Equal("has a different number of fields than the header's 13", error.Message);
    }

    [Fact]
    public void Read_ErrorAfterAMalformedRecord_CountsTheMalformedOneInTheRow()
    {
        var csv = CatalogSamples.CsvFile(CatalogSamples.CsvProcedure(), "1.004222,too,few", CatalogSamples.CsvProcedure(code: "1.004194", paperForm: "photocopy"));

        var errors = CsvCatalogReader.Read(csv).Errors;

        Assert.Equal([(2, 4, "(record)"), (3, 5, "papers[0].form")], errors.Select(e => (e.Row, e.Line, e.Field)));
    }

    [Fact]
    public void Read_StrayQuote_ReportsTheRecord()
    {
        var csv = CatalogSamples.CsvFile(CatalogSamples.CsvProcedure(name: "Thủ tục \"đăng ký\" khai sinh"));

        var error = Assert.Single(CsvCatalogReader.Read(csv).Errors);

        Assert.Equal((1, 2, "(record)"), (error.Row, error.Line, error.Field));
    }

    [Fact]
    public void Read_UnknownColumn_IsReportedOnTheHeader()
    {
        var csv = CatalogSamples.CsvFile(CatalogSamples.CsvProcedure()).Replace(",notes", ",remarks", StringComparison.Ordinal);

        var error = Assert.Single(CsvCatalogReader.Read(csv).Errors);

        Assert.Equal((0, 1, "remarks"), (error.Row, error.Line, error.Field));
    }

    [Fact]
    public void Read_BadTimeLimit_SaysTheExpectedShape()
    {
        var csv = CatalogSamples.CsvFile(CatalogSamples.CsvProcedure().Replace("1 workingDays sameDay", "một ngày", StringComparison.Ordinal));

        var error = Assert.Single(CsvCatalogReader.Read(csv).Errors);

        Assert.Equal(("timeLimit", "'một ngày' is not VALUE UNIT [sameDay], e.g. 3 workingDays"), (error.Field, error.Message));
    }
}
