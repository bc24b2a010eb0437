using System.Text.Json;
using Bpm.Documents;
using Bpm.Engine;
using Bpm.Engine.Calendar;
using Bpm.Persistence;
using Bpm.Persistence.Sqlite;
using Bpm.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Bpm.Scheduling.Tests;

/// <summary>
/// The apology letter end to end on a real (SQLite) database: a dossier that will be late raises
/// the obligation for the deciding unit's leader, the leader signs with a new date and a reason,
/// the due date moves once, and the letter and its SMS are rendered from the templates and kept.
/// Timers are fired through the executor at a fake time; the Quartz path is tested separately.
/// </summary>
public sealed class ApologyFlowTests : IDisposable
{
    private const string Model = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpm="urn:bpm-vn:bpmn:1.0" id="d">
          <process id="capPhep" name="Cấp giấy phép xây dựng nhà ở riêng lẻ" isExecutable="true" bpm:timeLimit="P3D" bpm:decidingUnit="SXD">
            <startEvent id="start"/>
            <sequenceFlow id="f0" sourceRef="start" targetRef="review"/>
            <userTask id="review" bpm:unit="SXD.QLXD" bpm:role="specialist"/>
            <sequenceFlow id="f1" sourceRef="review" targetRef="end"/>
            <endEvent id="end"/>
          </process>
        </definitions>
        """;

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"bpm-apology-{Guid.NewGuid():N}.db");

    // Monday 2 March 2026, 08:00 in Vietnam: P3D falls due Thursday 5 March, 17:00.
    private readonly FakeTimeProvider _time = VietnamTime.Clock(2026, 3, 2, 8);
    private readonly EngineOptions _engine = new() { Calendar = VietnameseWorkingCalendar.Load(RepositoryRoot.Find()) };

    public ApologyFlowTests()
    {
        using var db = Context();
        db.Database.Migrate();
    }

    [Fact]
    public async Task LateDossier_LeaderSigns_DueDateMovesOnceAndLetterIsKept()
    {
        await using (var db = Context())
        {
            var store = new DefinitionStore(db, _time);
            await store.SaveDraftAsync("cap-phep", Model, "designer");
            await store.PublishAsync("cap-phep", "designer");
        }

        const string code = "000.27.22.H10-260302-0001";
        await Execute(async e => await e.StartAsync("cap-phep", null, new StartInstance("i-1", code, Vars(new { applicantName = "Hoàng Thị Thu", signerTitle = "Giám đốc Sở Xây dựng" })) { Actor = "motcua" }));

        // Tuesday 17:00: the apology timer falls due; the executor fires it.
        _time.SetUtcNow(VietnamTime.At(2026, 3, 3, 17).ToUniversalTime());
        var timerId = (await State()).Bookmarks.Single(b => b.Purpose == "apology").Id;
        await Execute(e => e.ExecuteAsync("i-1", new FireTimer(timerId)));

        TaskRecord apology;
        await using (var db = Context())
        {
            apology = await db.Tasks.SingleAsync(t => t.InstanceId == "i-1" && t.Kind == "apology");
        }

        Assert.Equal(("SXD", "leader", TaskRecord.Open), (apology.Unit, apology.Role, apology.Status));

        // Wednesday: the leader signs before the legal deadline (Wednesday 17:00) with a new date.
        _time.SetUtcNow(VietnamTime.At(2026, 3, 4, 9).ToUniversalTime());
        await Execute(e => e.ExecuteAsync("i-1", new CompleteTask(apology.TaskId, "issue", Vars(new { newDueAt = "2026-03-10T17:00:00+07:00", reason = "Chờ ý kiến thẩm định của Sở Tài nguyên và Môi trường" })) { Actor = "Phạm Minh Tuấn" }));

        var renderer = new DocumentRenderer(RepositoryRoot.Combine("workflows", "templates"));
        var consumer = new ApologyLetterConsumer(Context, renderer, unit => new Agency("UBND TỈNH BÌNH ĐỊNH", "SỞ XÂY DỰNG", "Quy Nhơn"), _time);
        var pumped = await new OutboxPump(Context, _time, [consumer.DeliverAsync]).PumpAsync();
        Assert.Equal(0, pumped.Failed);

        await using (var db = Context())
        {
            var instance = await db.Instances.SingleAsync(i => i.InstanceId == "i-1");
            Assert.Equal(VietnamTime.At(2026, 3, 10, 17), instance.DueAt);
            var moved = await db.Journal.SingleAsync(j => j.InstanceId == "i-1" && j.Type == "due-date-moved");
            Assert.Equal("Phạm Minh Tuấn", moved.Actor);

            var letter = await db.Documents.SingleAsync(d => d.InstanceId == "i-1" && d.Kind == DocumentRecord.ApologyLetter);
            Assert.Contains(code, letter.Content, StringComparison.Ordinal);
            Assert.Contains("Hoàng Thị Thu", letter.Content, StringComparison.Ordinal);
            Assert.Contains("ngày 05 tháng 3 năm 2026", letter.Content, StringComparison.Ordinal);
            Assert.Contains("ngày 10 tháng 3 năm 2026", letter.Content, StringComparison.Ordinal);
            Assert.Contains("ngày 02 tháng 3 năm 2026", letter.Content, StringComparison.Ordinal);
            Assert.Contains("Chờ ý kiến thẩm định", letter.Content, StringComparison.Ordinal);
            Assert.Contains("Giám đốc Sở Xây dựng", letter.Content, StringComparison.Ordinal);
            Assert.Equal(("Phạm Minh Tuấn", 64), (letter.SignedBy, letter.ContentHash.Length));
            Assert.Equal(1, await db.Documents.CountAsync(d => d.InstanceId == "i-1"));

            // A redelivery of the same outbox row writes no second letter.
            var row = await db.Outbox.SingleAsync(o => o.InstanceId == "i-1" && o.Type == "apology-issued");
            row.DispatchedAt = null;
            await db.SaveChangesAsync();
        }

        await new OutboxPump(Context, _time, [consumer.DeliverAsync]).PumpAsync();
        await using (var db = Context())
        {
            Assert.Equal(1, await db.Documents.CountAsync(d => d.InstanceId == "i-1" && d.Kind == DocumentRecord.ApologyLetter));
            Assert.False((await db.Instances.SingleAsync(i => i.InstanceId == "i-1")).LateWithoutApology);
        }

        // The date moved once: no second obligation is armed.
        Assert.DoesNotContain((await State()).Bookmarks, b => b.Purpose == "apology");
    }

    [Fact]
    public async Task LateDossier_NobodySigns_IsFlaggedAndCounted()
    {
        await using (var db = Context())
        {
            var store = new DefinitionStore(db, _time);
            await store.SaveDraftAsync("cap-phep", Model, "designer");
            await store.PublishAsync("cap-phep", "designer");
        }

        await Execute(async e => await e.StartAsync("cap-phep", null, new StartInstance("i-2", "K-2")));
        _time.SetUtcNow(VietnamTime.At(2026, 3, 5, 17, 1).ToUniversalTime());
        foreach (var timer in (await State("i-2")).Bookmarks.Where(b => b.Kind == BookmarkKind.Timer).OrderBy(b => b.Due).ToList())
        {
            await Execute(e => e.ExecuteAsync("i-2", new FireTimer(timer.Id)));
        }

        await using var check = Context();
        Assert.Equal(1, await check.Instances.CountAsync(i => i.LateWithoutApology));
        Assert.Equal(1, await check.Journal.CountAsync(j => j.InstanceId == "i-2" && j.Type == "late-without-apology"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    private BpmDbContext Context() => BpmSqlite.CreateContext($"Data Source={_file}");

    private async Task Execute(Func<CommandExecutor, Task<ExecutionResult>> run)
    {
        await using var db = Context();
        var result = await run(new CommandExecutor(db, _time, engineOptions: _engine));
        Assert.True(result.Applied, result.Rejection?.Message);
    }

    private async Task<InstanceState> State(string instanceId = "i-1")
    {
        await using var db = Context();
        var row = await db.Instances.SingleAsync(i => i.InstanceId == instanceId);
        return JsonSerializer.Deserialize<InstanceState>(row.State, new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        })!;
    }

    private static Dictionary<string, JsonElement> Vars(object values) =>
        JsonSerializer.SerializeToElement(values).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
}
