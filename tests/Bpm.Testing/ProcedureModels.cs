namespace Bpm.Testing;

/// <summary>Definitions that handle a procedure, for the tests of finding them by procedure code.</summary>
public static class ProcedureModels
{
    /// <summary>
    /// A one-task process for <paramref name="procedureCode"/> decided by <paramref name="decidingUnit"/>.
    /// <paramref name="mention"/> stands only outside the main process — in its documentation and on a
    /// non-executable process before it — so that a definition is not taken for a code it merely mentions.
    /// </summary>
    public static string ForProcedure(string processId, string procedureCode, string decidingUnit, string mention = "OTHER") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpm="urn:bpm-vn:bpmn:1.0" id="d" targetNamespace="t">
          <process id="{processId}-notes" isExecutable="false" bpm:procedureCode="{mention}" bpm:decidingUnit="ELSEWHERE">
            <startEvent id="notesStart"/>
          </process>
          <process id="{processId}" isExecutable="true" bpm:procedureCode="{procedureCode}" bpm:decidingUnit="{decidingUnit}">
            <documentation>See also {mention}.</documentation>
            <startEvent id="start"/>
            <sequenceFlow id="f1" sourceRef="start" targetRef="receive"/>
            <userTask id="receive" name="Receive" bpm:unit="{decidingUnit}.MOTCUA" bpm:role="reception"/>
            <sequenceFlow id="f2" sourceRef="receive" targetRef="end"/>
            <endEvent id="end"/>
          </process>
        </definitions>
        """;
}
