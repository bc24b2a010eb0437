using System.Text.Json;
using Bpm.Engine;
using Bpm.Engine.Tests.Calendar;

namespace Bpm.Engine.Tests.Runtime;

/// <summary>
/// <see cref="StartInstance.TimeLimit"/>: the host's legal time limit (the procedure catalogue's) governs the
/// dossier's clock instead of the process's <c>bpm:timeLimit</c> (P5D in supplement-clock, P3D in apology).
/// </summary>
public sealed class StartTimeLimitTests
{
    private static readonly DateTimeOffset T0 = TestModels.T0;

    private static readonly WorkingDuration TwoDays = new(2, TimeSpan.Zero);

    private static EngineDriver Started(string model, WorkingDuration? limit, EngineOptions? options = null)
    {
        var driver = new EngineDriver(TestModels.Load(model).Main, options);
        driver.Run(new StartInstance("i-1", "K-1", TestModels.Vars(new { dossierCode = "K-1" }), limit) { Actor = "reception" });
        return driver;
    }

    [Fact]
    public void Start_WithTimeLimit_DueDateFromItAndJournalled()
    {
        var driver = Started("supplement-clock", TwoDays);

        Assert.Equal(T0.AddDays(2), driver.State.DueAt);
        Assert.Equal(TwoDays, driver.State.TimeLimit);
        var started = Assert.Single(driver.Of(JournalEventType.InstanceStarted));
        Assert.Equal(T0.AddDays(2), started.Due);
        Assert.Equal("P2D", started.Value!.Value.GetString());
    }

    [Fact]
    public void Start_WithoutTimeLimit_ProcessLimitAndEventAsBefore()
    {
        var driver = Started("supplement-clock", null);

        Assert.Equal(T0.AddDays(5), driver.State.DueAt);
        Assert.Null(driver.State.TimeLimit);
        Assert.Null(Assert.Single(driver.Of(JournalEventType.InstanceStarted)).Value);
    }

    [Fact]
    public void SupplementRestart_WithTimeLimit_RestartsTheGivenLimitNotTheProcesss()
    {
        var driver = Started("supplement-clock", TwoDays);
        driver.Now = T0.AddDays(1);
        driver.Complete(driver.Tasks("review").Single(), "supplement");
        Assert.NotNull(driver.State.ClockPausedAt);

        driver.Now = T0.AddDays(3);
        driver.Message("bo-sung-ho-so", "K-1");

        Assert.Equal(T0.AddDays(3 + 2), driver.State.DueAt);
    }

    [Fact]
    public void DossierTimers_WithTimeLimit_ArmedFromTheGivenDueDate()
    {
        var monday = CalendarData.Local(2026, 3, 2, 8);
        var options = new EngineOptions { Calendar = CalendarData.Calendar };
        var driver = new EngineDriver(TestModels.Load("apology").Main, options) { Now = monday };
        driver.Run(new StartInstance("i-1", "K-1", null, new WorkingDuration(5, TimeSpan.Zero)));

        // Five working days from Monday 08:00 end on Monday 9 March at 17:00, not the process's Thursday.
        var due = CalendarData.Local(2026, 3, 9, 17);
        Assert.Equal(due, driver.State.DueAt);
        Assert.Equal(due, driver.Timers("apology").Single(t => t.Purpose == "late-check").Due);
    }

    [Fact]
    public void Replay_StartWithTimeLimit_EqualsTheLiveRun()
    {
        var driver = Started("supplement-clock", TwoDays);
        driver.Now = T0.AddDays(1);
        driver.Complete(driver.Tasks("review").Single(), "supplement");
        driver.Now = T0.AddDays(3);
        driver.Message("bo-sung-ho-so", "K-1");

        var roundTripped = JsonSerializer.Deserialize<List<RecordedCommand>>(JsonSerializer.Serialize(driver.Commands))!;
        var replay = Replayer.Replay(driver.Process, roundTripped, driver.Journal);

        Assert.True(replay.Matches, replay.Divergence?.ToString());
        Assert.Equal(driver.State.DueAt, replay.State!.DueAt);
        Assert.Equal(TwoDays, replay.State.TimeLimit);
    }

    [Fact]
    public void State_WithTimeLimit_SurvivesJsonRoundTrip()
    {
        var driver = Started("supplement-clock", new WorkingDuration(0.5m, TimeSpan.FromHours(2)));
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        var back = JsonSerializer.Deserialize<InstanceState>(JsonSerializer.Serialize(driver.State, web), web)!;

        Assert.Equal(new WorkingDuration(0.5m, TimeSpan.FromHours(2)), back.TimeLimit);
    }
}
