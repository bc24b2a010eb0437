using Bpm.Engine;

namespace Bpm.Engine.Tests.Reading;

public sealed class MultiInstanceAndEventGatewayValidationTests
{
    private static LoadResult Process(string body) => BpmnLoader.Load($"""
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpm="urn:bpm-vn:bpmn:1.0" id="d">
        <message id="m1" name="bo-sung"/>
        <process id="p">
        <startEvent id="s"/><sequenceFlow id="f0" sourceRef="s" targetRef="a"/>
        {body}
        <endEvent id="e"/>
        </process>
        </definitions>
        """);

    private static LoadResult Task(string loop) => Process($"""
        <userTask id="a" bpm:unit="U" bpm:role="clerk">{loop}</userTask><sequenceFlow id="f1" sourceRef="a" targetRef="e"/>
        """);

    [Theory]
    [InlineData("<multiInstanceLoopCharacteristics/>", "BPM1224")]
    [InlineData("<multiInstanceLoopCharacteristics bpm:collection=\"xs\"><loopCardinality>2</loopCardinality></multiInstanceLoopCharacteristics>", "BPM1225")]
    [InlineData("<multiInstanceLoopCharacteristics><loopCardinality>2 +</loopCardinality></multiInstanceLoopCharacteristics>", "BPM1226")]
    [InlineData("<multiInstanceLoopCharacteristics bpm:collection=\"xs\"><completionCondition>nrOfCompletedInstances &gt;=</completionCondition></multiInstanceLoopCharacteristics>", "BPM1227")]
    [InlineData("<multiInstanceLoopCharacteristics bpm:collection=\"the list\"/>", "BPM1228")]
    [InlineData("<multiInstanceLoopCharacteristics bpm:collection=\"xs\" bpm:timeLimit=\"P1M\"/>", "BPM1402")]
    [InlineData("<multiInstanceLoopCharacteristics><loopDataInputRef>items</loopDataInputRef><inputDataItem id=\"x\"/></multiInstanceLoopCharacteristics>", "BPM1202")]
    public void Validate_MalformedMultiInstance_OneErrorNamingTheActivity(string loop, string code)
    {
        var result = Task(loop);

        var error = Assert.Single(result.Errors);
        Assert.Equal((code, "a"), (error.Code, error.ElementId));
        Assert.True(error.Line > 0);
    }

    [Fact]
    public void Validate_CompletionConditionThatDoesNotParse_SaysWhatAndWhere()
    {
        var error = Assert.Single(Task("<multiInstanceLoopCharacteristics bpm:collection=\"xs\"><completionCondition>nrOfCompletedInstances ==</completionCondition></multiInstanceLoopCharacteristics>").Errors);

        Assert.StartsWith("completionCondition 'nrOfCompletedInstances ==': ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WellFormedMultiInstance_IsReadIntoTheModel()
    {
        var result = Task("""
            <multiInstanceLoopCharacteristics isSequential="true" bpm:collection="agencies" bpm:elementVariable="agency" bpm:timeLimit="P5D">
              <completionCondition>${nrOfCompletedInstances == nrOfInstances}</completionCondition>
            </multiInstanceLoopCharacteristics>
            """);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var loop = result.Definition!.Main.NodesById["a"].MultiInstance!;
        Assert.Equal((true, "agencies", "agency", "nrOfCompletedInstances == nrOfInstances"), (loop.IsSequential, loop.Collection, loop.ElementVariable, loop.CompletionCondition!.Text));
        Assert.Equal(5, loop.InstanceTimeLimit!.Value.Days);
    }

    [Fact]
    public void Validate_ElementVariableWithoutCollection_IsAWarning()
    {
        var result = Task("<multiInstanceLoopCharacteristics bpm:elementVariable=\"x\"><loopCardinality>2</loopCardinality></multiInstanceLoopCharacteristics>");

        Assert.True(result.IsValid);
        Assert.Contains(result.Diagnostics, d => d.Code == "BPM1229" && d.Severity == Severity.Warning);
    }

    [Fact]
    public void Validate_MultiInstanceOnAnEvent_IsRefused()
    {
        var result = Process("""
            <intermediateThrowEvent id="a"><multiInstanceLoopCharacteristics><loopCardinality>2</loopCardinality></multiInstanceLoopCharacteristics></intermediateThrowEvent>
            <sequenceFlow id="f1" sourceRef="a" targetRef="e"/>
            """);

        Assert.Equal(("BPM1230", "a"), Assert.Single(result.Errors) is var e ? (e.Code, e.ElementId) : default);
    }

    [Fact]
    public void Validate_EventGatewayFollowedByATask_NamesTheTask()
    {
        var result = Process("""
            <eventBasedGateway id="a"/>
            <sequenceFlow id="f1" sourceRef="a" targetRef="m"/><sequenceFlow id="f2" sourceRef="a" targetRef="t"/>
            <intermediateCatchEvent id="m"><messageEventDefinition messageRef="m1"/></intermediateCatchEvent>
            <userTask id="t" bpm:unit="U" bpm:role="clerk"/>
            <sequenceFlow id="f3" sourceRef="m" targetRef="e"/><sequenceFlow id="f4" sourceRef="t" targetRef="e"/>
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("BPM1231", "a"), (error.Code, error.ElementId));
        Assert.Contains("'t' is a <userTask>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EventGatewayWithOneFlow_IsAnError()
    {
        var result = Process("""
            <eventBasedGateway id="a"/><sequenceFlow id="f1" sourceRef="a" targetRef="m"/>
            <intermediateCatchEvent id="m"><messageEventDefinition messageRef="m1"/></intermediateCatchEvent><sequenceFlow id="f3" sourceRef="m" targetRef="e"/>
            """);

        Assert.Equal("BPM1232", Assert.Single(result.Errors).Code);
    }

    [Theory]
    [InlineData("instantiate=\"true\"")]
    [InlineData("eventGatewayType=\"Parallel\"")]
    public void Validate_InstantiatingOrParallelEventGateway_IsUnsupported(string attribute)
    {
        var result = Process($"""
            <eventBasedGateway id="a" {attribute}/>
            <sequenceFlow id="f1" sourceRef="a" targetRef="m"/><sequenceFlow id="f2" sourceRef="a" targetRef="t"/>
            <intermediateCatchEvent id="m"><messageEventDefinition messageRef="m1"/></intermediateCatchEvent>
            <intermediateCatchEvent id="t"><timerEventDefinition><timeDuration>P1D</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <sequenceFlow id="f3" sourceRef="m" targetRef="e"/><sequenceFlow id="f4" sourceRef="t" targetRef="e"/>
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("BPM1233", "a"), (error.Code, error.ElementId));
    }

    [Fact]
    public void Validate_ClockOnAnEventAfterTheGateway_IsRefused()
    {
        var result = Process("""
            <eventBasedGateway id="a"/>
            <sequenceFlow id="f1" sourceRef="a" targetRef="m"/><sequenceFlow id="f2" sourceRef="a" targetRef="t"/>
            <intermediateCatchEvent id="m" bpm:clock="restart"><messageEventDefinition messageRef="m1"/></intermediateCatchEvent>
            <intermediateCatchEvent id="t"><timerEventDefinition><timeDuration>P1D</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <sequenceFlow id="f3" sourceRef="m" targetRef="e"/><sequenceFlow id="f4" sourceRef="t" targetRef="e"/>
            """);

        Assert.Equal(("BPM1234", "m"), Assert.Single(result.Errors) is var e ? (e.Code, e.ElementId) : default);
    }
}
