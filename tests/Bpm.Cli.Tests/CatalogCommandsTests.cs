using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Cli.Tests;

/// <summary><c>bpm catalog import | list</c> end to end on a SQLite file.</summary>
public sealed class CatalogCommandsTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"bpm-cli-catalog-{Guid.NewGuid():N}.db");
    private readonly string _csv = Path.Combine(Path.GetTempPath(), $"bpm-cli-catalog-{Guid.NewGuid():N}.csv");

    public CatalogCommandsTests() => Assert.Equal(0, Bpm("db", "migrate").Code);

    [Fact]
    public void Import_RepositoryCatalogue_PrintsTheCountAndListFindsWithoutDiacritics()
    {
        var catalogue = Testing.RepositoryRoot.Combine("workflows", "catalog", "procedures.json");

        var imported = Bpm("catalog", "import", catalogue);

        Assert.Equal(0, imported.Code);
        Assert.Equal($"imported 48 procedure(s) from {catalogue} (48 new, 0 replaced)", imported.Out.TrimEnd());
        var again = Bpm("catalog", "import", catalogue);
        Assert.EndsWith("(0 new, 48 replaced)", again.Out.TrimEnd(), StringComparison.Ordinal);

        foreach (var q in new[] { "dang ky khai sinh", "ĐĂNG KÝ KHAI SINH" })
        {
            var listed = Bpm("catalog", "list", "--q", q);
            Assert.Equal(0, listed.Code);
            Assert.Contains("1.001193 Thủ tục đăng ký khai sinh [Hộ tịch]", listed.Out.Split('\n').Select(l => l.TrimEnd()));
        }

        Assert.Equal("48 procedure(s)", Bpm("catalog", "list").Out.TrimEnd().Split('\n')[^1]);
    }

    [Fact]
    public void Import_FileWithAWrongRow_ExitsOneWithTheRowReportAndImportsNothing()
    {
        File.WriteAllText(_csv, """
            code,name,sector,levels,timeLimit,timeLimitNote,onlineLevel,fees,papers,resultPapers,legalBasis,sources,notes
            1.001193,Thủ tục đăng ký khai sinh,Hộ tịch,commune | Ủy ban nhân dân cấp xã,1 workingDays sameDay,,full,,giay-chung-sinh | Giấy chứng sinh | original | 1 | true | true,Giấy khai sinh,Luật Hộ tịch 2014,Cổng Dịch vụ công quốc gia | https://dichvucong.gov.vn/,
            1.004222,Đăng ký thường trú,Cư trú,huyện | Công an cấp xã,7 workingDays,,full,,giay-to | Tờ khai | original | 1 | true | false,Xác nhận,Luật Cư trú 2020,Cổng Dịch vụ công quốc gia | https://dichvucong.gov.vn/,

            """);

        var run = Bpm("catalog", "import", _csv);

        Assert.Equal(1, run.Code);
        Assert.Equal(
            [$"bpm: {_csv}: 1 error(s); nothing imported", $"{_csv}:row 2 (line 3): levels[0].level: 'huyện' is not one of province, commune, district"],
            run.Err.TrimEnd().Split('\n'));
        Assert.Equal("0 procedure(s)", Bpm("catalog", "list").Out.TrimEnd());
        using var db = global::Bpm.Persistence.Sqlite.BpmSqlite.CreateContext($"Data Source={_file}");
        Assert.Equal(0, db.Procedures.Count());
    }

    [Fact]
    public void Commands_Misused_ExitWithUsageOrFailure()
    {
        Assert.Equal(2, Bpm("catalog").Code);
        Assert.Equal(2, Bpm("catalog", "remove").Code);
        Assert.Equal(2, Bpm("catalog", "list", "khai sinh").Code);
        Assert.Equal(1, Bpm("catalog", "import", "no-such-file.json").Code);
        File.WriteAllText(_csv + ".xml", "<procedures/>");
        Assert.Equal(1, Bpm("catalog", "import", _csv + ".xml").Code);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
        File.Delete(_csv);
        File.Delete(_csv + ".xml");
    }

    private (int Code, string Out, string Err) Bpm(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = Cli.Run([.. args, "--database", _file], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
