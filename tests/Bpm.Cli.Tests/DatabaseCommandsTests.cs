using Bpm.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Cli.Tests;

/// <summary>The database commands of <c>bpm</c>, end to end on a SQLite file.</summary>
public sealed class DatabaseCommandsTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"bpm-cli-{Guid.NewGuid():N}.db");

    [Fact]
    public void Commands_ImportPublishStartCompleteVerify_WorkAgainstTheDatabase()
    {
        // Every migration of the workflow context, however many other branches have added.
        using var context = BpmSqlite.CreateContext("Data Source=:memory:");
        var migrations = context.Database.GetMigrations().Count();
        Assert.Equal((0, $"{migrations} migration(s) applied"), Last(Bpm("db", "migrate")));
        var samples = Testing.RepositoryRoot.Combine("workflows", "samples");
        var imported = Bpm("definitions", "import", samples, "--by", "designer");
        Assert.Equal(0, imported.Code);
        Assert.Contains("draft Process_DangKyKhaiSinh v1 ", imported.Out, StringComparison.Ordinal);
        Assert.Equal((0, "published Process_DangKyKhaiSinh v1"), Last(Bpm("definitions", "publish", "Process_DangKyKhaiSinh", "--by", "designer")));
        Assert.Contains("Process_DangKyKhaiSinh v1 published", Bpm("definitions", "list").Out, StringComparison.Ordinal);

        var started = Bpm("instances", "start", "Process_DangKyKhaiSinh", "--key", "HS-001", "--by", "clerk");
        Assert.Equal(0, started.Code);
        var instanceId = started.Out.Split(' ')[0];
        var task = Bpm("tasks", "list", "--instance", instanceId).Out.Split(' ')[1];

        Assert.Equal(0, Bpm("tasks", "complete", instanceId, task, "--by", "alice").Code);
        var again = Bpm("tasks", "complete", instanceId, task, "--by", "bob");
        Assert.Equal(1, again.Code);
        Assert.Contains("already-completed", again.Err, StringComparison.Ordinal);
        Assert.Contains("alice", again.Err, StringComparison.Ordinal);

        Assert.Equal(0, Bpm("verify", "--all").Code);
        using (var connection = new SqliteConnection($"Data Source={_file}"))
        {
            connection.Open();
            using var tamper = connection.CreateCommand();
            tamper.CommandText = """UPDATE journal SET "Actor" = 'mallory' WHERE "Seq" = 2""";
            tamper.ExecuteNonQuery();
        }

        var verdict = Bpm("verify", "--instance", instanceId);
        Assert.Equal((1, $"BROKEN {instanceId} seq 2: hash does not match the row's content"), Last(verdict));
    }

    [Fact]
    public void Commands_Misused_ExitWithUsageOrFailure()
    {
        Assert.Equal(2, Bpm("verify").Code);
        Assert.Equal(2, Bpm("db", "migrate", "--provider", "oracle").Code);
        Assert.Equal(0, Bpm("db", "migrate").Code);
        Assert.Equal(1, Bpm("definitions", "publish", "nothing-here").Code);
        Assert.Equal(1, Bpm("instances", "start", "nothing-here", "--key", "K").Code);
        Assert.Equal(1, Bpm("verify", "--instance", "nope").Code);
    }

    [Fact]
    public void Commands_UnknownProvider_ExitTwoListingTheAllowedOnes()
    {
        var (code, _, error) = Bpm("db", "migrate", "--provider", "oracle");

        Assert.Equal(2, code);
        Assert.Contains("bpm: --provider 'oracle' is not a database provider; use sqlite, postgresql or sqlserver", error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    private static (int Code, string Line) Last((int Code, string Out, string Err) run) =>
        (run.Code, (run.Code == 0 ? run.Out : run.Out + run.Err).TrimEnd().Split('\n')[^1]);

    private (int Code, string Out, string Err) Bpm(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = Cli.Run([.. args, "--database", _file], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
