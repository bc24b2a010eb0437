namespace Bpm.Persistence.Specification.Tests;

/// <summary>Small definitions the tests publish. Version 2 replaces 'review' by 'check'.</summary>
public static class TestModels
{
    public const string Namespaces = """xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpm="urn:bpm-vn:bpmn:1.0" id="d" targetNamespace="t" """;

    public static string TwoSteps(string processId) => Process(processId, """
            <startEvent id="start"/>
            <sequenceFlow id="f1" sourceRef="start" targetRef="receive"/>
            <userTask id="receive" name="Receive" bpm:unit="U1" bpm:role="reception" bpm:allowance="PT4H"/>
            <sequenceFlow id="f2" sourceRef="receive" targetRef="review"/>
            <userTask id="review" name="Review" bpm:unit="U2" bpm:role="specialist" bpm:outcomes="approve,reject"/>
            <sequenceFlow id="f3" sourceRef="review" targetRef="end"/>
            <endEvent id="end"/>
        """);

    public static string TwoStepsV2(string processId) => Process(processId, """
            <startEvent id="start"/>
            <sequenceFlow id="f1" sourceRef="start" targetRef="receive"/>
            <userTask id="receive" name="Receive (v2)" bpm:unit="U1" bpm:role="reception" bpm:allowance="PT2H"/>
            <sequenceFlow id="f2" sourceRef="receive" targetRef="check"/>
            <userTask id="check" name="Check" bpm:unit="U3" bpm:role="leader"/>
            <sequenceFlow id="f3" sourceRef="check" targetRef="end"/>
            <endEvent id="end"/>
        """);

    /// <summary>Two tasks in parallel branches, so that two people can complete tasks of one instance at once.</summary>
    public static string Parallel(string processId) => Process(processId, """
            <startEvent id="start"/>
            <sequenceFlow id="f1" sourceRef="start" targetRef="fork"/>
            <parallelGateway id="fork"/>
            <sequenceFlow id="f2" sourceRef="fork" targetRef="left"/>
            <sequenceFlow id="f3" sourceRef="fork" targetRef="right"/>
            <userTask id="left" name="Left" bpm:unit="U1"/>
            <userTask id="right" name="Right" bpm:unit="U2"/>
            <sequenceFlow id="f4" sourceRef="left" targetRef="join"/>
            <sequenceFlow id="f5" sourceRef="right" targetRef="join"/>
            <parallelGateway id="join"/>
            <sequenceFlow id="f6" sourceRef="join" targetRef="end"/>
            <endEvent id="end"/>
        """);

    /// <summary><paramref name="steps"/> tasks one after the other (step1, step2, …), for long runs of commands on one instance.</summary>
    public static string Sequence(string processId, int steps)
    {
        var body = new System.Text.StringBuilder("""<startEvent id="start"/>""");
        var previous = "start";
        for (var i = 1; i <= steps; i++)
        {
            body.Append($"""<sequenceFlow id="f{i}" sourceRef="{previous}" targetRef="step{i}"/><userTask id="step{i}" name="Step {i}" bpm:unit="U1"/>""");
            previous = $"step{i}";
        }

        body.Append($"""<sequenceFlow id="f{steps + 1}" sourceRef="{previous}" targetRef="end"/><endEvent id="end"/>""");
        return Process(processId, body.ToString());
    }

    /// <summary>Not executable: a flow to nowhere.</summary>
    public static string Broken(string processId) => Process(processId, """
            <startEvent id="start"/>
            <sequenceFlow id="f1" sourceRef="start" targetRef="missing"/>
        """);

    private static string Process(string processId, string body) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions {Namespaces}>
          <process id="{processId}" isExecutable="true">
        {body}
          </process>
        </definitions>
        """;
}
