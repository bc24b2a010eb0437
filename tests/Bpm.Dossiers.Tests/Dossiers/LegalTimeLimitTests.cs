using Bpm.Dossiers.Catalog;
using Bpm.Dossiers.Dossiers;
using Bpm.Engine;

namespace Bpm.Dossiers.Tests.Dossiers;

/// <summary>The catalogue's legal time limit as the dossier's clock counts it, and the warning when a definition plans another.</summary>
public sealed class LegalTimeLimitTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(7));

    private static ExecutableProcess Process(string? timeLimit)
    {
        var attribute = timeLimit is null ? "" : $" bpm:timeLimit=\"{timeLimit}\"";
        var xml = $"""
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpm="urn:bpm-vn:bpmn:1.0" targetNamespace="t">
              <process id="p" isExecutable="true" bpm:procedureCode="1.001193"{attribute}>
                <startEvent id="s"/><sequenceFlow id="f" sourceRef="s" targetRef="e"/><endEvent id="e"/>
              </process>
            </definitions>
            """;
        var loaded = BpmnLoader.Load(xml);
        return loaded.Definition?.Main ?? throw new InvalidOperationException(string.Join("; ", loaded.Diagnostics.Select(d => d.Message)));
    }

    private static Procedure Procedure(TimeLimit? limit) => new()
    {
        Code = "1.001193", Name = "Đăng ký khai sinh", Sector = "Hộ tịch", Levels = [], Papers = [], Fees = [], TimeLimit = limit,
    };

    [Theory]
    [InlineData(5, TimeLimitUnit.WorkingDays, "P5D")]
    [InlineData(0.5, TimeLimitUnit.WorkingDays, "P0.5D")]
    [InlineData(4, TimeLimitUnit.WorkingHours, "PT4H")]
    public void Of_WorkingUnit_IsTheWorkingDuration(double value, TimeLimitUnit unit, string expected) =>
        Assert.Equal(WorkingDuration.Parse(expected), LegalTimeLimit.Of(new TimeLimit((decimal)value, unit)));

    [Fact]
    public void Of_CalendarDaysOrNone_IsNull()
    {
        Assert.Null(LegalTimeLimit.Of(new TimeLimit(30, TimeLimitUnit.Days)));
        Assert.Null(LegalTimeLimit.Of(null));
    }

    [Fact]
    public void DueAt_CatalogueLimit_GovernsTheDefinitions()
    {
        var calendar = new AroundTheClockCalendar();

        Assert.Equal(Monday.AddDays(2), LegalTimeLimit.DueAt(new TimeLimit(2, TimeLimitUnit.WorkingDays), Process("P5D"), calendar, Monday));
        Assert.Equal(Monday.AddDays(5), LegalTimeLimit.DueAt(null, Process("P5D"), calendar, Monday));
        Assert.Equal(Monday.AddDays(30), LegalTimeLimit.DueAt(new TimeLimit(30, TimeLimitUnit.Days), Process("P5D"), calendar, Monday));
        Assert.Null(LegalTimeLimit.DueAt(null, Process(null), calendar, Monday));
    }

    private static readonly Lazy<Engine.Calendar.VietnameseWorkingCalendar> Vietnam = new(() => Engine.Calendar.VietnameseWorkingCalendar.Load(Testing.RepositoryRoot.Find()));

    [Fact]
    public void Of_CalendarDaysEndingOnAWorkingDay_AreTheWorkingDaysUpToThatDay()
    {
        // Received Monday 02/03/2026 at opening; 10 days counted from Tuesday end on Thursday 12/03: 8 working days,
        // due at the close of that day.
        Assert.Equal(new WorkingDuration(8, TimeSpan.Zero), LegalTimeLimit.Of(new TimeLimit(10, TimeLimitUnit.Days), Vietnam.Value, Monday));
        Assert.Equal(new DateTimeOffset(2026, 3, 12, 17, 0, 0, TimeSpan.FromHours(7)), LegalTimeLimit.DueAt(new TimeLimit(10, TimeLimitUnit.Days), Process("P5D"), Vietnam.Value, Monday));
    }

    [Fact]
    public void DueAt_CalendarDaysEndingOnASaturday_MovesToTheNextWorkingDay() =>
        // Civil Code 2015 art. 148: a limit whose last day is a day off ends on the next working day (Monday 09/03, at its close).
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 17, 0, 0, TimeSpan.FromHours(7)), LegalTimeLimit.DueAt(new TimeLimit(5, TimeLimitUnit.Days), Process(null), Vietnam.Value, Monday));

    [Fact]
    public void DueAt_CalendarDaysEndingOnAHoliday_MovesPastTheHolidays()
    {
        // Received Tuesday 28/04/2026; 2 days end on Thursday 30/04, a holiday like Friday 01/05: Monday 04/05.
        var tuesday = new DateTimeOffset(2026, 4, 28, 8, 0, 0, TimeSpan.FromHours(7));

        Assert.Equal(new WorkingDuration(2, TimeSpan.Zero), LegalTimeLimit.Of(new TimeLimit(2, TimeLimitUnit.Days), Vietnam.Value, tuesday));
        Assert.Equal(new DateTimeOffset(2026, 5, 4, 17, 0, 0, TimeSpan.FromHours(7)), LegalTimeLimit.DueAt(new TimeLimit(2, TimeLimitUnit.Days), Process(null), Vietnam.Value, tuesday));
    }

    [Fact]
    public void Mismatch_CatalogueInCalendarDays_SaysTheyAreCountedAsWorkingDaysAtReception() =>
        Assert.Contains("quy ra ngày làm việc khi tiếp nhận", LegalTimeLimit.Mismatch(Process("P5D"), Procedure(new TimeLimit(10, TimeLimitUnit.Days))), StringComparison.Ordinal);

    [Fact]
    public void Mismatch_DefinitionPlansOtherLimit_NamesBoth()
    {
        var message = LegalTimeLimit.Mismatch(Process("P3D"), Procedure(new TimeLimit(1, TimeLimitUnit.WorkingDays)));

        Assert.NotNull(message);
        Assert.Contains("bpm:timeLimit \"P3D\"", message, StringComparison.Ordinal);
        Assert.Contains("1 ngày làm việc", message, StringComparison.Ordinal);
        Assert.Contains("1.001193", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mismatch_SameLimitOrNoCatalogueLimit_IsNull()
    {
        Assert.Null(LegalTimeLimit.Mismatch(Process("P1D"), Procedure(new TimeLimit(1, TimeLimitUnit.WorkingDays, SameDay: true))));
        Assert.Null(LegalTimeLimit.Mismatch(Process("P3D"), Procedure(null)));
    }

    [Fact]
    public void Mismatch_DefinitionWithoutLimit_Warns() =>
        Assert.Contains("không có bpm:timeLimit", LegalTimeLimit.Mismatch(Process(null), Procedure(new TimeLimit(5, TimeLimitUnit.WorkingDays))), StringComparison.Ordinal);
}
