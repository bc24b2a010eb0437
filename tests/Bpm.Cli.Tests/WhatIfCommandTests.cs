using System.Text.Json;

namespace Bpm.Cli.Tests;

/// <summary><c>bpm simulate whatif</c> on a SQLite file with the catalogue and the published samples.</summary>
public sealed class WhatIfCommandTests : IDisposable
{
    private const string Definition = "Process_DangKyKhaiSinh";

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"bpm-cli-whatif-{Guid.NewGuid():N}.db");
    private readonly string _candidate = Path.Combine(Path.GetTempPath(), $"bpm-cli-whatif-{Guid.NewGuid():N}.bpmn");
    private readonly string _request = Path.Combine(Path.GetTempPath(), $"bpm-cli-whatif-{Guid.NewGuid():N}.json");

    public WhatIfCommandTests()
    {
        Assert.Equal(0, Bpm("db", "migrate").Code);
        Assert.Equal(0, Bpm("catalog", "import", Testing.RepositoryRoot.Combine("workflows", "catalog", "procedures.json")).Code);
        Assert.Equal(0, Bpm("definitions", "import", Testing.RepositoryRoot.Combine("workflows", "samples")).Code);
        Assert.Equal(0, Bpm("definitions", "publish", Definition).Code);
        var sample = File.ReadAllText(Testing.RepositoryRoot.Combine("workflows", "samples", "civil-status-birth-registration.bpmn"));
        File.WriteAllText(_candidate, sample.Replace("bpm:allowance=\"PT3H\"", "bpm:allowance=\"PT1H\"", StringComparison.Ordinal));
    }

    [Fact]
    public void SimulateWhatIf_RateAndJson_BothVersionsSideBySide()
    {
        var (code, output, error) = Bpm("simulate", "whatif", "--definition", Definition, "--candidate", _candidate, "--months", "2", "--rate", "3",
            "--seed", "9", "--staff", "XA-PHUONGLAM.TUPHAP:specialist=2", "--format", "json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("rate", root.GetProperty("arrivalSource").GetString());
        Assert.Equal(1, root.GetProperty("current").GetProperty("version").GetInt32());
        Assert.True(root.GetProperty("current").GetProperty("dossiers").GetInt32() > 50);
        var pool = Assert.Single(root.GetProperty("candidate").GetProperty("pools").EnumerateArray(), p => p.GetProperty("pool").GetString() == "XA-PHUONGLAM.TUPHAP:specialist");
        Assert.Equal(("override", 2), (pool.GetProperty("staffSource").GetString(), pool.GetProperty("officers").GetInt32()));
        Assert.Equal(output, Bpm("simulate", "whatif", "--definition", Definition, "--candidate", _candidate, "--months", "2", "--rate", "3",
            "--seed", "9", "--staff", "XA-PHUONGLAM.TUPHAP:specialist=2", "--format", "json").Out);
    }

    [Fact]
    public void SimulateWhatIf_ReceivedDossier_ReplaysItAndPrintsTheVietnameseTable()
    {
        File.WriteAllText(_request, """
            { "procedureCode": "1.001193",
              "applicant": { "kind": "person", "fullName": "Nguyễn Văn An", "identityNumber": "052099012345", "phone": "0912345678" },
              "papers": [ { "id": "to-khai-khai-sinh", "count": 1 } ],
              "channel": "desk" }
            """);
        Assert.Equal(0, Bpm("dossiers", "receive", _request, "--unit", "XA-PHUONGLAM.MOTCUA", "--unit-identifier", "000.27.22.H10").Code);

        var (code, output, error) = Bpm("simulate", "whatif", "--definition", Definition, "--candidate", _candidate);

        Assert.True(code == 0, error);
        Assert.Contains("hồ sơ đã tiếp nhận từ", output, StringComparison.Ordinal);
        Assert.Contains("Đang ban hành (v1)", output, StringComparison.Ordinal);
        Assert.Matches(@"Số hồ sơ\s+1\s+1", output);
        Assert.Contains("Tỉ lệ đúng hạn (%)", output, StringComparison.Ordinal);
        Assert.Contains("Task_ThamDinh", output, StringComparison.Ordinal);
    }

    [Fact]
    public void SimulateWhatIf_BadInput_NamesWhat()
    {
        var unknown = Bpm("simulate", "whatif", "--definition", "Khong_Co", "--candidate", _candidate, "--rate", "1");
        var noArrivals = Bpm("simulate", "whatif", "--definition", Definition, "--candidate", _candidate);
        File.WriteAllText(_request, "<definitions");
        var malformed = Bpm("simulate", "whatif", "--definition", Definition, "--candidate", _request, "--rate", "1");
        var staff = Bpm("simulate", "whatif", "--definition", Definition, "--candidate", _candidate, "--staff", "XA-PHUONGLAM.TUPHAP=2");

        Assert.Equal((1, "bpm: definitionId: Không có quy trình 'Khong_Co'."), (unknown.Code, FirstLine(unknown.Err)));
        Assert.Equal(1, noArrivals.Code);
        Assert.StartsWith("bpm: arrivalsPerDay: Quy trình 'Process_DangKyKhaiSinh' không có hồ sơ nào tiếp nhận từ", FirstLine(noArrivals.Err), StringComparison.Ordinal);
        Assert.Equal(1, malformed.Code);
        Assert.StartsWith("bpm: candidate: Bản BPMN cần mô phỏng không chạy được", FirstLine(malformed.Err), StringComparison.Ordinal);
        Assert.Equal((2, "bpm: --staff 'XA-PHUONGLAM.TUPHAP=2': expected UNIT:role=N with N a whole number of officers, at least 1"), (staff.Code, FirstLine(staff.Err)));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
        File.Delete(_candidate);
        File.Delete(_request);
    }

    /// <summary>The organisation note (the CLI's database has no users) comes first on stderr; the error is the last line.</summary>
    private static string FirstLine(string text) => text.TrimEnd().Split('\n').Last(l => !l.StartsWith("bpm: không đọc được cán bộ", StringComparison.Ordinal) && !l.StartsWith("run 'bpm", StringComparison.Ordinal)).TrimEnd();

    private (int Code, string Out, string Err) Bpm(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = Cli.Run([.. args, "--database", _file], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
