using Bpm.Engine;
using Bpm.Engine.Tests.Calendar;

namespace Bpm.Engine.Tests.Runtime;

/// <summary>Warnings before a step falls due, and the apology letter owed when a dossier will be late.</summary>
public sealed class LateHandlingTests
{
    // Monday 2 March 2026, 08:00: P3D is due Thursday 5 March at 17:00 on the Vietnamese calendar.
    private static readonly DateTimeOffset Monday = CalendarData.Local(2026, 3, 2, 8);
    private static readonly DateTimeOffset Due = CalendarData.Local(2026, 3, 5, 17);

    private static InMemoryHost Start(string model = "apology")
    {
        var host = new InMemoryHost(TestModels.Load(model), Monday, new EngineOptions { Calendar = CalendarData.Calendar });
        Assert.True(host.Start(TestModels.Vars(new { dossierCode = "000.27.22.H10-260302-0001" })).Applied);
        return host;
    }

    [Fact]
    public void DossierNotDone_TwoWorkingDaysBeforeDue_RaisesApologyTaskForTheDecidingUnitsLeader()
    {
        var host = Start();
        Assert.Equal(Due, host.State.DueAt);

        var fired = host.AdvanceTo(CalendarData.Local(2026, 3, 3, 17));

        var created = fired.SelectMany(r => r.SideEffects).OfType<TaskCreated>().Single(t => t.Kind == "apology");
        Assert.Equal(("SXD", "leader"), (created.Unit, created.Role));
        Assert.Equal(CalendarData.Local(2026, 3, 4, 17), created.Due);
        Assert.Equal("mau-04-xin-loi-hen-lai", created.Settings["template"]);
        Assert.Contains(host.Journal, e => e.Type == JournalEventType.ApologyRequired);
        Assert.Equal(["apology", "review"], host.OpenTasks());
    }

    [Fact]
    public void ApologySigned_MovesDueDateOnceAndQueuesTheLetter()
    {
        var host = Start();
        host.AdvanceTo(CalendarData.Local(2026, 3, 3, 17));
        var newDue = CalendarData.Local(2026, 3, 10, 17);

        var signed = host.CompleteTask("apology", "issue", TestModels.Vars(new { newDueAt = "2026-03-10T17:00:00+07:00", reason = "Chờ ý kiến của Sở Tài nguyên và Môi trường" }), "Phạm Minh Tuấn");

        Assert.True(signed.Applied, signed.Rejection?.Message);
        var letter = Assert.Single(signed.SideEffects.OfType<ApologyIssued>());
        Assert.Equal((Due, newDue, "Phạm Minh Tuấn"), (letter.OriginalDue, letter.NewDue, letter.Signer));
        Assert.Equal(newDue, host.State.DueAt);
        var moved = Assert.Single(host.Of(JournalEventType.DueDateMoved));
        Assert.Equal((newDue, "Phạm Minh Tuấn"), (moved.Due, moved.Actor));

        // The date may be moved only once: no second obligation is raised, and passing the old due date is not "late without apology".
        host.AdvanceTo(CalendarData.Local(2026, 3, 9, 17));
        Assert.DoesNotContain(host.State.Bookmarks, b => b.Purpose == "apology-task");
        Assert.False(host.State.LateWithoutApology);
    }

    [Theory]
    [InlineData(null, "reason", "variables.newDueAt")]
    [InlineData("2026-03-04T17:00:00+07:00", "reason", "must be later")]
    [InlineData("2026-03-10T17:00:00+07:00", null, "variables.reason")]
    public void ApologyWithoutValidDateOrReason_IsRefusedAndChangesNothing(string? newDueAt, string? reason, string expected)
    {
        var host = Start();
        host.AdvanceTo(CalendarData.Local(2026, 3, 3, 17));
        var before = host.Journal.Count;

        var result = host.CompleteTask("apology", "issue", TestModels.Vars(new { newDueAt, reason }), "leader");

        Assert.Equal("apology-invalid", result.Rejection!.Code);
        Assert.Contains(expected, result.Rejection.Message, StringComparison.Ordinal);
        Assert.Equal(before, host.Journal.Count);
        Assert.Equal(Due, host.State.DueAt);
    }

    [Fact]
    public void DueDatePassedWithoutApology_IsFlagged()
    {
        var host = Start();
        host.AdvanceTo(Due.AddMinutes(1));

        Assert.True(host.State.LateWithoutApology);
        Assert.Single(host.Of(JournalEventType.LateWithoutApology));
        host.Complete("review");
        Assert.Equal(Punctuality.Late, host.Of(JournalEventType.InstanceCompleted).Single().Evaluation);
        Assert.Empty(host.State.Bookmarks);
    }

    [Fact]
    public void DossierDoneInTime_NoApologyIsRaisedAndTimersAreDisarmed()
    {
        var host = Start();
        var done = host.CompleteTask("review", null, null, "specialist");

        Assert.Equal(InstanceStatus.Completed, host.State.Status);
        Assert.Equal(3, done.SideEffects.OfType<TimerDisarmed>().Count());
        Assert.Empty(host.AdvanceTo(Due.AddDays(10)));
    }

    [Fact]
    public void TaskWithAllowance_WarnsItsUnitOneWorkingDayBeforeItsDueDate()
    {
        var host = Start();
        var fired = host.AdvanceTo(CalendarData.Local(2026, 3, 4, 17));

        var warning = fired.SelectMany(r => r.SideEffects).OfType<TaskDueSoon>().Single();
        Assert.Equal(("review", "SXD.QLXD", "specialist", Due), (warning.ElementId, warning.Unit, warning.Role, warning.Due));
        Assert.Single(host.Of(JournalEventType.TaskDueSoon));
    }

    [Fact]
    public void ApologyDeadlineAlreadyPassedAtStart_NoApologyTimerButStillALateCheck()
    {
        var host = new InMemoryHost(TestModels.Load("sequence"), Monday, new EngineOptions { Calendar = CalendarData.Calendar, DossierRules = new DossierRuleOptions { ApologyNotice = new WorkingDuration(4, TimeSpan.Zero) } });
        host.Start();

        var timers = host.State.Bookmarks.Where(b => b.Kind == BookmarkKind.Timer).Select(b => b.Purpose).ToList();
        Assert.Equal(["late-check"], timers);
    }

    [Fact]
    public void ShortProcedure_LessThanADayBeforeTheApologyDeadline_RaisesItTwoWorkingHoursBefore()
    {
        // Received Friday 27 November 2026, 08:30; P1D is due Monday 30 November, 17:00; an apology
        // is due by Friday 17:00, so the obligation is raised on Friday at 15:00, not on receipt.
        var friday = CalendarData.Local(2026, 11, 27, 8, 30);
        var definition = BpmnLoader.Load(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Models", "apology.bpmn")).Replace("P3D\" bpm:decidingUnit", "P1D\" bpm:decidingUnit", StringComparison.Ordinal)).Definition!;
        var host = new InMemoryHost(definition, friday, new EngineOptions { Calendar = CalendarData.Calendar });
        host.Start();

        var apology = host.State.Bookmarks.Single(b => b.Purpose == "apology");
        Assert.Equal(CalendarData.Local(2026, 11, 27, 15), apology.Due);
        Assert.Equal(CalendarData.Local(2026, 11, 30, 17), host.State.DueAt);
    }
}
