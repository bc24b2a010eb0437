using System.Text.Json;
using ClosedXML.Excel;

namespace Bpm.Cli.Tests;

/// <summary><c>bpm report onestop</c>, <c>bpm dossiers export</c> and <c>bpm simulate province</c>'s options on a migrated, empty SQLite file.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"bpm-cli-report-{Guid.NewGuid():N}.db");
    private readonly string _workbook = Path.Combine(Path.GetTempPath(), $"bpm-cli-report-{Guid.NewGuid():N}.xlsx");

    public ReportCommandTests() => Assert.Equal(0, Bpm("db", "migrate").Code);

    [Fact]
    public void ReportOnestop_Json_NamesEveryLevelWithItsFigures()
    {
        var (code, output, _) = Bpm("report", "onestop", "--from", "01/04/2019", "--to", "2021-12-15");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("2019-04-01", json.RootElement.GetProperty("from").GetString());
        foreach (var level in new[] { "province", "district", "commune" })
        {
            var figures = json.RootElement.GetProperty("levels").GetProperty(level);
            Assert.Equal(0, figures.GetProperty("resolved").GetInt32());
            Assert.Equal(JsonValueKind.Null, figures.GetProperty("onlineShare").ValueKind);
            foreach (var name in new[] { "onTimeOrEarly", "late", "inProgress", "online" })
            {
                Assert.Equal(0, figures.GetProperty(name).GetInt32());
            }
        }
    }

    [Fact]
    public void ReportOnestop_PeriodOfTwoLevels_NamesNoDistrict()
    {
        var (code, output, _) = Bpm("report", "onestop", "--from", "01/07/2025", "--to", "30/06/2026");
        var (_, straddling, _) = Bpm("report", "onestop", "--from", "30/06/2025", "--to", "30/06/2026");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(["province", "commune"], json.RootElement.GetProperty("levels").EnumerateObject().Select(l => l.Name));
        // A period that starts on the districts' last day still saw them.
        using var before = JsonDocument.Parse(straddling);
        Assert.Equal(["province", "district", "commune"], before.RootElement.GetProperty("levels").EnumerateObject().Select(l => l.Name));
    }

    [Fact]
    public void SimulateProvince_UnknownStructure_IsAUsageErrorNamingTheChoices()
    {
        var (code, _, error) = Bpm("simulate", "province", "--scale", "0.001", "--seed", "1", "--structure", "ba-cap");

        Assert.Equal(2, code);
        Assert.Equal("bpm: --structure 'ba-cap' is unknown: use three-level (2019–2021, with districts) or two-level (from 1 July 2025)", error.Split('\n')[0].TrimEnd());
    }

    [Fact]
    public void ReportApologies_EmptyDatabase_PrintsTheCountsAndNoUntoldDossier()
    {
        var (code, output, _) = Bpm("report", "apologies", "--from", "2021-01-01", "--to", "2021-12-31");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal([0, 0, 0, 0], new[] { "late", "sent", "notSent", "noNotice" }.Select(n => json.RootElement.GetProperty(n).GetInt32()));
        Assert.Equal(0, json.RootElement.GetProperty("untold").GetArrayLength());
    }

    [Fact]
    public void ReportApologies_WithoutFrom_IsAUsageErrorNamingTheReport()
    {
        var (code, _, error) = Bpm("report", "apologies", "--to", "2021-12-31");

        Assert.Equal(2, code);
        Assert.Equal("bpm: report apologies needs --from", error.Split('\n')[0].TrimEnd());
    }

    [Fact]
    public void ReportOnestop_CsvAndXlsx_WriteTheTableWithItsHeader()
    {
        var csv = Bpm("report", "onestop", "--from", "2021-01-01", "--to", "2021-12-31", "--format", "csv", "--by", "month");
        var xlsx = Bpm("report", "onestop", "--from", "2021-01-01", "--to", "2021-12-31", "--format", "xlsx", "--output", _workbook);

        Assert.Equal(0, csv.Code);
        var lines = csv.Out.TrimEnd().Split('\n');
        Assert.StartsWith("month,received,resolved,onTimeOrEarly,", lines[0], StringComparison.Ordinal);
        Assert.Equal(13, lines.Length);
        Assert.StartsWith("2021-12,0,0,", lines[^1], StringComparison.Ordinal);
        Assert.Equal(0, xlsx.Code);
        using var workbook = new XLWorkbook(_workbook);
        Assert.Equal("Tiếp nhận", workbook.Worksheet(1).Cell(2, 2).GetString());
        Assert.Equal("received", workbook.Worksheet(1).Cell(3, 2).GetString());
    }

    [Fact]
    public void ReportRecount_EmptyDatabase_RebuildsNoDayCount()
    {
        var (code, output, _) = Bpm("report", "recount");

        Assert.Equal(0, code);
        Assert.Equal("recounted: 0 day counts (day × receiving unit × procedure)", output.Trim());
    }

    [Theory]
    [InlineData("--from 2021-13-01 --to 2021-12-31", "--from '2021-13-01' is not a date (yyyy-MM-dd or dd/MM/yyyy)")]
    [InlineData("--from 2021-12-31 --to 2021-01-01", "--from 31/12/2021 is after --to 01/01/2021")]
    [InlineData("--from 2021-01-01 --to 2021-12-31 --by week", "--by 'week': use level, agency, unit, sector, procedure, day, month, quarter or year")]
    [InlineData("--from 2021-01-01 --to 2021-12-31 --format xlsx", "--format xlsx needs --output FILE (a workbook is not text)")]
    [InlineData("--to 2021-12-31", "report onestop needs --from")]
    public void ReportOnestop_BadOption_IsAUsageErrorNamingIt(string options, string message)
    {
        var (code, _, error) = Bpm(["report", "onestop", .. options.Split(' ')]);

        Assert.Equal(2, code);
        Assert.Equal($"bpm: {message}", error.Split('\n')[0].TrimEnd());
    }

    [Theory]
    [InlineData("0", "--steps-per-transaction '0' must be at least 1 (1 commits every step on its own)")]
    [InlineData("many", "--steps-per-transaction 'many' is not a whole number")]
    public void SimulateProvince_BadStepsPerTransaction_IsAUsageErrorNamingIt(string steps, string message)
    {
        var (code, _, error) = Bpm("simulate", "province", "--scale", "0.0001", "--seed", "1", "--steps-per-transaction", steps);

        Assert.Equal(2, code);
        Assert.Equal($"bpm: {message}", error.Split('\n')[0].TrimEnd());
    }

    [Fact]
    public void DossiersExport_EmptyDatabase_WritesTheHeaderOnly()
    {
        var (code, output, _) = Bpm("dossiers", "export", "--format", "csv");

        Assert.Equal(0, code);
        Assert.Equal("code,level,unit,procedure,channel,receivedAt,dueAt,resolvedAt,status", output.TrimEnd());
        Assert.Equal(2, Bpm("dossiers", "export", "--format", "json").Code);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
        File.Delete(_workbook);
    }

    private (int Code, string Out, string Err) Bpm(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = Cli.Run([.. args, "--database", _file], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
