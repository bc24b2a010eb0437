namespace Bpm.Persistence.Specification.Tests;

/// <summary>Small definitions the tests publish. Version 2 replaces 'review' by 'check'.</summary>
public static class TestModels
{
    public const string Namespaces = """xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpm="urn:bpm-vn:bpmn:1.0" id="d" targetNamespace="t" """;

    public static string TwoSteps(string processId) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions {Namespaces}>
          <process id="{processId}" isExecutable="true">
            <startEvent id="start"/>
            <sequenceFlow id="f1" sourceRef="start" targetRef="receive"/>
            <userTask id="receive" name="Receive" bpm:unit="U1" bpm:role="reception" bpm:allowance="PT4H"/>
            <sequenceFlow id="f2" sourceRef="receive" targetRef="review"/>
            <userTask id="review" name="Review" bpm:unit="U2" bpm:role="specialist" bpm:outcomes="approve,reject"/>
            <sequenceFlow id="f3" sourceRef="review" targetRef="end"/>
            <endEvent id="end"/>
          </process>
        </definitions>
        """;

    public static string TwoStepsV2(string processId) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions {Namespaces}>
          <process id="{processId}" isExecutable="true">
            <startEvent id="start"/>
            <sequenceFlow id="f1" sourceRef="start" targetRef="receive"/>
            <userTask id="receive" name="Receive (v2)" bpm:unit="U1" bpm:role="reception" bpm:allowance="PT2H"/>
            <sequenceFlow id="f2" sourceRef="receive" targetRef="check"/>
            <userTask id="check" name="Check" bpm:unit="U3" bpm:role="leader"/>
            <sequenceFlow id="f3" sourceRef="check" targetRef="end"/>
            <endEvent id="end"/>
          </process>
        </definitions>
        """;

    /// <summary>Not executable: a flow to nowhere.</summary>
    public static string Broken(string processId) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions {Namespaces}>
          <process id="{processId}" isExecutable="true">
            <startEvent id="start"/>
            <sequenceFlow id="f1" sourceRef="start" targetRef="missing"/>
          </process>
        </definitions>
        """;
}
