using Bpm.Engine;

namespace Bpm.Engine.Tests.Runtime;

/// <summary>The dossier's clock: lawful pauses, the supplement restart, and early/on-time/late.</summary>
public sealed class ClockTests
{
    private static readonly DateTimeOffset T0 = TestModels.T0;

    [Fact]
    public void SupplementWait_WithClockRestart_PausesThenRestartsTheLimitFromZero()
    {
        var host = TestModels.Host("supplement-clock", new { dossierCode = "K-1" });
        Assert.Equal(T0.AddDays(5), host.State.DueAt);

        host.AdvanceTo(T0.AddDays(1));
        host.Complete("review", "supplement");
        Assert.Equal(T0.AddDays(1), host.State.ClockPausedAt);

        host.AdvanceTo(T0.AddDays(4));
        Assert.True(host.Message("bo-sung-ho-so", "K-1", null).Applied);

        // The time limit counts again from zero when the complete dossier arrives.
        Assert.Equal(T0.AddDays(4 + 5), host.State.DueAt);
        Assert.Null(host.State.ClockPausedAt);
        Assert.Equal(1, host.State.ClockRestarts);
        var restarted = Assert.Single(host.Of(JournalEventType.ClockRestarted));
        Assert.Equal(T0.AddDays(9), restarted.Due);
    }

    [Fact]
    public void SupplementWait_SecondRequest_RaisesIncidentCitingTheDecree()
    {
        var host = TestModels.Host("supplement-clock", new { dossierCode = "K-1" });
        host.Complete("review", "supplement");
        host.Message("bo-sung-ho-so", "K-1", null);
        host.Complete("review", "supplement");

        Assert.Equal(InstanceStatus.Faulted, host.State.Status);
        Assert.Contains("only once", host.State.Incidents.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SupplementWait_RequestedAfterThreeWorkingDays_RaisesIncident()
    {
        var host = TestModels.Host("supplement-clock", new { dossierCode = "K-1" });
        host.AdvanceTo(T0.AddDays(3).AddMinutes(1));
        host.Complete("review", "supplement");

        Assert.Contains("within 3 working days", host.State.Incidents.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SupplementWait_WindowFromDossierRuleOptions_IsTheOneApplied()
    {
        var options = new EngineOptions { DossierRules = new DossierRuleOptions { SupplementWindow = new WorkingDuration(5, TimeSpan.Zero) } };
        var host = TestModels.Host("supplement-clock", new { dossierCode = "K-1" }, options);
        host.AdvanceTo(T0.AddDays(4));
        host.Complete("review", "supplement");

        Assert.Empty(host.State.Incidents);
        Assert.Equal(T0.AddDays(4), host.State.ClockPausedAt);
    }

    [Fact]
    public void TaskWithClockPause_DueDateMovesByTheTimeSpentThere()
    {
        var host = TestModels.Host("supplement-clock", new { dossierCode = "K-1" });
        host.Complete("review", "approve");
        host.AdvanceTo(T0.AddHours(30));
        host.Complete("opinion");

        Assert.Equal(T0.AddDays(5).AddHours(30), host.State.DueAt);
        Assert.Equal(InstanceStatus.Completed, host.State.Status);
        Assert.Equal(Punctuality.Early, host.Of(JournalEventType.InstanceCompleted).Single().Evaluation);
    }

    [Fact]
    public void PauseResumeRestart_Commands_FollowTheRules()
    {
        var engine = new ProcessEngine();
        var process = TestModels.Load("supplement-clock").Main;
        var state = engine.Execute(process, null, new StartInstance("i", "K"), new CommandContext(T0)).State;

        Assert.Equal("clock-running", engine.Execute(process, state, new ResumeClock(), new CommandContext(T0)).Rejection!.Code);
        state = engine.Execute(process, state, new PauseClock("chờ ý kiến cơ quan khác"), new CommandContext(T0.AddHours(1))).State;
        Assert.Equal("clock-paused", engine.Execute(process, state, new PauseClock("again"), new CommandContext(T0.AddHours(1))).Rejection!.Code);
        state = engine.Execute(process, state, new ResumeClock(), new CommandContext(T0.AddHours(7))).State;
        Assert.Equal(T0.AddDays(5).AddHours(6), state.DueAt);

        state = engine.Execute(process, state, new RestartClock("bổ sung"), new CommandContext(T0.AddDays(2))).State;
        Assert.Equal(T0.AddDays(7), state.DueAt);
        var again = engine.Execute(process, state, new RestartClock("bổ sung lần 2"), new CommandContext(T0.AddDays(2)));
        Assert.Equal("supplement-not-allowed", again.Rejection!.Code);
    }

    [Theory]
    [InlineData("2026-03-04T16:59:00+07:00", "early")]
    [InlineData("2026-03-05T08:00:00+07:00", "on-time")]
    [InlineData("2026-03-05T17:00:00+07:00", "on-time")]
    [InlineData("2026-03-05T17:00:01+07:00", "late")]
    [InlineData("2026-03-04T20:00:00+00:00", "on-time")]
    public void Evaluate_FinishAgainstDue_EarlyOnTimeOrLate(string finished, string expected)
    {
        var due = new DateTimeOffset(2026, 3, 5, 17, 0, 0, TimeSpan.FromHours(7));
        Assert.Equal(expected, Punctuality.Evaluate(DateTimeOffset.Parse(finished, System.Globalization.CultureInfo.InvariantCulture), due));
        Assert.Null(Punctuality.Evaluate(due, null));
    }

    [Fact]
    public void CompleteTask_AfterItsDueDate_IsJournaledLate()
    {
        var host = TestModels.Host("supplement-clock", new { dossierCode = "K-1" });
        host.AdvanceTo(T0.AddDays(2));
        host.Complete("review", "approve");

        var completed = host.Of(JournalEventType.TaskCompleted).Single();
        Assert.Equal((Punctuality.Late, T0.AddDays(1)), (completed.Evaluation, completed.Due));
    }
}
