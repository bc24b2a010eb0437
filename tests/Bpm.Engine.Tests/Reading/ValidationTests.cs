using Bpm.Engine;

namespace Bpm.Engine.Tests.Reading;

public sealed class ValidationTests
{
    private static LoadResult Process(string body, string extra = "") => BpmnLoader.Load($"""
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpm="urn:bpm-vn:bpmn:1.0" id="d">
        {extra}
        <process id="p">
        {body}
        </process>
        </definitions>
        """);

    [Fact]
    public void Validate_UnsupportedElements_NamedWithIdTypeAndLine()
    {
        var result = TestModels.LoadRaw("unsupported");

        Assert.False(result.IsValid);
        var script = Assert.Single(result.Errors, d => d.ElementId == "script");
        Assert.Equal(("scriptTask", 6), (script.ElementType, script.Line));
        var gateway = Assert.Single(result.Errors, d => d.ElementId == "evt");
        Assert.Equal("complexGateway", gateway.ElementType);

        // Flows to and from unsupported elements are not reported again.
        Assert.Equal(2, result.Errors.Count());
    }

    [Fact]
    public void Validate_LoopWithoutWaitState_IsAnErrorNamingTheLoop()
    {
        var result = TestModels.LoadRaw("loop-without-wait");
        var error = Assert.Single(result.Errors);
        Assert.Equal("a", error.ElementId);
        Assert.Contains("a, gw", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnreachableElement_IsAnError()
    {
        var result = Process("""
            <startEvent id="s"/><sequenceFlow id="f" sourceRef="s" targetRef="e"/><endEvent id="e"/>
            <userTask id="orphan"/>
            """);
        var error = Assert.Single(result.Errors);
        Assert.Equal("orphan", error.ElementId);
        Assert.Contains("cannot be reached", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PlainBpmnWithoutExtensions_IsValidWithWarningsOnly()
    {
        var result = Process("""
            <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="t"/>
            <userTask id="t"/><sequenceFlow id="f2" sourceRef="t" targetRef="e"/><endEvent id="e"/>
            """);
        Assert.True(result.IsValid);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((Severity.Warning, "t"), (warning.Severity, warning.ElementId));
    }

    [Theory]
    [InlineData("<userTask id=\"t\" bpm:allowance=\"P1M\"/>", "t", "not years or months")]
    [InlineData("<userTask id=\"t\" bpm:allowance=\"P0.3D\"/>", "t", "whole or half days")]
    [InlineData("<userTask id=\"t\" bpm:kind=\"sla\"/>", "t", "does not fit")]
    [InlineData("<userTask id=\"t\" bpm:kind=\"magic\"/>", "t", "must be sla, handoff")]
    [InlineData("<serviceTask id=\"t\" bpm:kind=\"fee\" bpm:feeItems=\"LEPHI:abc\"/>", "t", "CODE:AMOUNT")]
    [InlineData("<callActivity id=\"t\" calledElement=\"x\" bpm:versionBinding=\"fixed\"/>", "t", "needs bpm:version")]
    [InlineData("<callActivity id=\"t\"/>", "t", "needs calledElement")]
    public void Validate_BadExtensionValue_ErrorNamesElementAndAttribute(string task, string id, string expected)
    {
        var result = Process($"""
            <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="t"/>
            {task}<sequenceFlow id="f2" sourceRef="t" targetRef="e"/><endEvent id="e"/>
            """);
        Assert.Contains(result.Errors, d => d.ElementId == id && d.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ConditionSyntaxError_NamesFlowAndPosition()
    {
        var result = Process("""
            <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="g"/>
            <exclusiveGateway id="g" default="f3"/>
            <sequenceFlow id="f2" sourceRef="g" targetRef="e"><conditionExpression>amount &gt;</conditionExpression></sequenceFlow>
            <sequenceFlow id="f3" sourceRef="g" targetRef="e"/>
            <endEvent id="e"/>
            """);
        var error = Assert.Single(result.Errors);
        Assert.Equal("f2", error.ElementId);
        Assert.Contains("ends too early", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_FlowCrossingSubProcessBoundary_IsAnError()
    {
        var result = Process("""
            <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="inner"/>
            <subProcess id="sub"><startEvent id="ss"/><sequenceFlow id="f2" sourceRef="ss" targetRef="inner"/><userTask id="inner"/></subProcess>
            """);
        Assert.Contains(result.Errors, d => d.ElementId == "f1" && d.Message.Contains("cannot cross", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_DuplicateIdsAndBrokenReferences_AreErrors()
    {
        var result = Process("""
            <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="nowhere"/>
            <endEvent id="s"/>
            <boundaryEvent id="b" attachedToRef="missing"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></boundaryEvent>
            """);
        Assert.Contains(result.Errors, d => d.Message.Contains("used twice", StringComparison.Ordinal));
        Assert.Contains(result.Errors, d => d.ElementId == "f1" && d.Message.Contains("'nowhere'", StringComparison.Ordinal));
        Assert.Contains(result.Errors, d => d.ElementId == "b" && d.Message.Contains("'missing'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("<timeDuration>soon</timeDuration>", "not an ISO 8601 duration")]
    [InlineData("<timeDate>2026-03-05T17:00:00</timeDate>", "with an offset")]
    [InlineData("<timeCycle>R3/PT1H</timeCycle>", "only supported on non-interrupting")]
    [InlineData("", "exactly one of")]
    public void Validate_BadTimer_IsAnError(string definition, string expected)
    {
        var result = Process($"""
            <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="w"/>
            <intermediateCatchEvent id="w"><timerEventDefinition>{definition}</timerEventDefinition></intermediateCatchEvent>
            <sequenceFlow id="f2" sourceRef="w" targetRef="e"/><endEvent id="e"/>
            """);
        Assert.Contains(result.Errors, d => d.ElementId == "w" && d.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Model_IsIndexedAndCarriesExtensions()
    {
        var process = TestModels.Load("sequence").Main;

        Assert.Equal(4, process.NodesById.Count);
        Assert.Equal(3, process.FlowsById.Count);
        var receive = process.NodesById["receive"];
        Assert.Equal(("U1", "reception", "PT4H"), (receive.Unit, receive.Role, receive.Allowance.ToString()));
        Assert.Equal(["approve", "reject"], process.NodesById["review"].Outcomes);
        Assert.Equal(3m, process.TimeLimit!.Value.Days);
    }

    [Theory]
    [InlineData("P2D", "P1D", "PT4H", false)]
    [InlineData("P1D", "P0.5D", "PT4H", false)]
    [InlineData("P1D", "P1D", "PT1H", true)]
    public void Validate_AllowancesOnLongestPath_WarnWhenTheyExceedTheTimeLimit(string limit, string first, string second, bool warns)
    {
        var result = BpmnLoader.Load($"""
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpm="urn:bpm-vn:bpmn:1.0" id="d">
            <process id="p" bpm:timeLimit="{limit}">
              <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="a"/>
              <userTask id="a" bpm:unit="U" bpm:role="specialist" bpm:allowance="{first}"/>
              <sequenceFlow id="f2" sourceRef="a" targetRef="g"/>
              <exclusiveGateway id="g" default="f4"/>
              <sequenceFlow id="f3" sourceRef="g" targetRef="a"><conditionExpression>outcome == "again"</conditionExpression></sequenceFlow>
              <sequenceFlow id="f4" sourceRef="g" targetRef="b"/>
              <userTask id="b" bpm:unit="U" bpm:role="leader" bpm:allowance="{second}"/>
              <sequenceFlow id="f5" sourceRef="b" targetRef="e"/><endEvent id="e"/>
            </process>
            </definitions>
            """);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var warning = result.Diagnostics.SingleOrDefault(d => d.ElementId == "p");
        Assert.Equal(warns, warning is not null);
        if (warns)
        {
            Assert.Contains("longest path add up to 1.13 working days (9 h)", warning!.Message, StringComparison.Ordinal);
        }
    }
}
