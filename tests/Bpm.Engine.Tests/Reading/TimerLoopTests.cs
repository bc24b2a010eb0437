namespace Bpm.Engine.Tests.Reading;

/// <summary>
/// Issue 10, finding 7: a loop through a PT0S timer, or a non-interrupting boundary timer R/PT1S,
/// used to validate, publish and then spin. The validator now refuses timers that do not wait
/// meaningfully (docs/engine.md, "Timers that must wait").
/// </summary>
public sealed class TimerLoopTests
{
    private static LoadResult Process(string body) => BpmnLoader.Load($"""
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpm="urn:bpm-vn:bpmn:1.0" id="d">
        <process id="p">
        {body}
        </process>
        </definitions>
        """);

    private static string LoopThroughTimer(string timer) => $"""
        <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="wait"/>
        <intermediateCatchEvent id="wait"><timerEventDefinition>{timer}</timerEventDefinition></intermediateCatchEvent>
        <sequenceFlow id="f2" sourceRef="wait" targetRef="g"/>
        <exclusiveGateway id="g" default="f4"/>
        <sequenceFlow id="f3" sourceRef="g" targetRef="wait"><conditionExpression>done != true</conditionExpression></sequenceFlow>
        <sequenceFlow id="f4" sourceRef="g" targetRef="e"/><endEvent id="e"/>
        """;

    [Fact]
    public void Load_LoopThroughZeroTimer_IsRefusedWithBpm1506()
    {
        var result = Process(LoopThroughTimer("<timeDuration>PT0S</timeDuration>"));

        var error = Assert.Single(result.Errors);
        Assert.Equal(("BPM1506", "wait"), (error.Code, error.ElementId));
    }

    [Theory]
    [InlineData("<timeDuration>PT10S</timeDuration>")]
    [InlineData("<timeDate>2026-03-05T17:00:00+07:00</timeDate>")]
    public void Load_LoopWhoseOnlyWaitIsAShortOrFixedTimer_IsRefusedWithBpm1508(string timer)
    {
        var result = Process(LoopThroughTimer(timer));

        var error = Assert.Single(result.Errors);
        Assert.Equal(("BPM1508", "wait"), (error.Code, error.ElementId));
        Assert.Contains("PT1M", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_LoopThroughAnHourTimer_IsValid()
    {
        Assert.True(Process(LoopThroughTimer("<timeDuration>PT1H</timeDuration>")).IsValid);
    }

    [Fact]
    public void Load_ShortTimerOnALoopThatAlsoWaitsForAPerson_IsValid()
    {
        var result = Process("""
            <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="wait"/>
            <intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>PT10S</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <sequenceFlow id="f2" sourceRef="wait" targetRef="check"/>
            <userTask id="check" bpm:unit="U" bpm:role="specialist"/>
            <sequenceFlow id="f3" sourceRef="check" targetRef="g"/>
            <exclusiveGateway id="g" default="f5"/>
            <sequenceFlow id="f4" sourceRef="g" targetRef="wait"><conditionExpression>outcome == "again"</conditionExpression></sequenceFlow>
            <sequenceFlow id="f5" sourceRef="g" targetRef="e"/><endEvent id="e"/>
            """);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }

    [Fact]
    public void Load_NonInterruptingCycleEverySecond_IsRefusedWithBpm1507()
    {
        var result = Process("""
            <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="t"/>
            <userTask id="t" bpm:unit="U" bpm:role="specialist"/>
            <sequenceFlow id="f2" sourceRef="t" targetRef="e"/><endEvent id="e"/>
            <boundaryEvent id="remind" attachedToRef="t" cancelActivity="false"><timerEventDefinition><timeCycle>R/PT1S</timeCycle></timerEventDefinition></boundaryEvent>
            <sequenceFlow id="f3" sourceRef="remind" targetRef="note"/>
            <userTask id="note" bpm:unit="U" bpm:role="leader"/>
            <sequenceFlow id="f4" sourceRef="note" targetRef="e2"/><endEvent id="e2"/>
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("BPM1507", "remind"), (error.Code, error.ElementId));
    }

    [Fact]
    public void Load_ShortInterruptingBoundaryTimerLeadingBackToItsTask_IsRefusedWithBpm1508()
    {
        var result = Process("""
            <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="t"/>
            <userTask id="t" bpm:unit="U" bpm:role="specialist"/>
            <sequenceFlow id="f2" sourceRef="t" targetRef="e"/><endEvent id="e"/>
            <boundaryEvent id="retry" attachedToRef="t"><timerEventDefinition><timeDuration>PT5S</timeDuration></timerEventDefinition></boundaryEvent>
            <sequenceFlow id="f3" sourceRef="retry" targetRef="t"/>
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("BPM1508", "retry"), (error.Code, error.ElementId));
    }

    [Fact]
    public void Load_DailyReminderCycle_IsValid()
    {
        var result = Process("""
            <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="t"/>
            <userTask id="t" bpm:unit="U" bpm:role="specialist"/>
            <sequenceFlow id="f2" sourceRef="t" targetRef="e"/><endEvent id="e"/>
            <boundaryEvent id="remind" attachedToRef="t" cancelActivity="false"><timerEventDefinition><timeCycle>R/P1D</timeCycle></timerEventDefinition></boundaryEvent>
            <sequenceFlow id="f3" sourceRef="remind" targetRef="e2"/><endEvent id="e2"/>
            """);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }
}
