namespace Bpm.Cli.Tests;

/// <summary><c>bpm dossiers receive|show|list</c> end to end on a SQLite file with the catalogue and the samples.</summary>
public sealed class DossiersCommandTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"bpm-cli-dossiers-{Guid.NewGuid():N}.db");
    private readonly string _request = Path.Combine(Path.GetTempPath(), $"bpm-cli-dossier-{Guid.NewGuid():N}.json");

    [Fact]
    public void Dossiers_ReceiveShowList_ReceivesThroughTheSameRulesAsTheApi()
    {
        Assert.Equal(0, Bpm("db", "migrate").Code);
        Assert.Equal(0, Bpm("catalog", "import", Testing.RepositoryRoot.Combine("workflows", "catalog", "procedures.json")).Code);
        Assert.Equal(0, Bpm("definitions", "import", Testing.RepositoryRoot.Combine("workflows", "samples")).Code);
        Assert.Equal(0, Bpm("definitions", "publish", "Process_DangKyKhaiSinh").Code);
        File.WriteAllText(_request, Request("052099012345"));

        var received = Bpm("dossiers", "receive", _request, "--unit", "XA-PHUONGLAM.MOTCUA", "--unit-identifier", "000.27.22.H10", "--by", "motcua.phuonglam");

        Assert.Equal(0, received.Code);
        var code = received.Out.Split(' ')[0];
        Assert.Matches(@"^000\.27\.22\.H10-\d{6}-0001$", code);
        using (var db = global::Bpm.Persistence.Sqlite.BpmSqlite.CreateContext($"Data Source={_file}"))
        {
            // Counted on the working calendar of workflows/calendars (the 15:00 rule, days off), as the server counts it.
            var dossier = db.Dossiers.Single(d => d.Code == code);
            var calendar = global::Bpm.Engine.Calendar.VietnameseWorkingCalendar.Load(Testing.RepositoryRoot.Find());
            Assert.Equal(calendar.Add(dossier.ReceivedAt, new global::Bpm.Engine.WorkingDuration(1, TimeSpan.Zero)), dossier.DueAt);
        }

        var shown = Bpm("dossiers", "show", code);
        Assert.Equal(0, shown.Code);
        Assert.Contains("received (Đã tiếp nhận)", shown.Out, StringComparison.Ordinal);
        Assert.Contains("received -> received by motcua.phuonglam", shown.Out, StringComparison.Ordinal);
        Assert.Contains("1 dossier(s)", Bpm("dossiers", "list", "--status", "received").Out, StringComparison.Ordinal);

        File.WriteAllText(_request, Request("05209901234X"));
        var refused = Bpm("dossiers", "receive", _request, "--unit", "XA-PHUONGLAM.MOTCUA", "--unit-identifier", "000.27.22.H10");
        Assert.Equal(1, refused.Code);
        Assert.Contains("applicant.identityNumber", refused.Err, StringComparison.Ordinal);
        Assert.Contains("1 dossier(s)", Bpm("dossiers", "list").Out, StringComparison.Ordinal);
        Assert.Equal(1, Bpm("dossiers", "show", "000.27.22.H10-000000-9999").Code);
    }

    [Fact]
    public void EngineSettings_Load_CountsOnTheVietnameseWorkingCalendar()
    {
        // Not around the clock: the commands that write through the engine count due dates as the server does.
        Assert.IsType<global::Bpm.Engine.Calendar.VietnameseWorkingCalendar>(EngineSettings.Load().Calendar);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
        File.Delete(_request);
    }

    private static string Request(string identityNumber) => $$"""
        { "procedureCode": "1.001193",
          "applicant": { "kind": "person", "fullName": "Nguyễn Văn An", "identityNumber": "{{identityNumber}}", "phone": "0912345678" },
          "papers": [ { "id": "to-khai-khai-sinh", "count": 1 } ],
          "channel": "desk" }
        """;

    private (int Code, string Out, string Err) Bpm(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = Cli.Run([.. args, "--database", _file], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
