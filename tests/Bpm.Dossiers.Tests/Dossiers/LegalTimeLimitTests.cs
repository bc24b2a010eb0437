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
        Assert.Equal(Monday.AddDays(5), LegalTimeLimit.DueAt(new TimeLimit(30, TimeLimitUnit.Days), Process("P5D"), calendar, Monday));
        Assert.Null(LegalTimeLimit.DueAt(null, Process(null), calendar, Monday));
    }

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
