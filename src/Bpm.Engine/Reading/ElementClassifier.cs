namespace Bpm.Engine.Reading;

/// <summary>
/// Decides which engine kind a BPMN element is, and reports the constructs Bpm does not run.
/// The ids of unsupported elements are remembered, so that flows to them are not reported again.
/// </summary>
internal sealed class ElementClassifier(DiagnosticSink diagnostics)
{
    private const string M = BpmnNames.Model;

    /// <summary>The elements that may carry multi-instance loop characteristics.</summary>
    private static readonly HashSet<string> Activities =
        ["userTask", "serviceTask", "sendTask", "receiveTask", "manualTask", "task", "subProcess", "callActivity"];

    public HashSet<string> Unsupported { get; } = [];

    public ElementKind? KindOf(XmlNode c)
    {
        var definitions = c.Children.Where(x => x.Namespace == M && x.Name.EndsWith("EventDefinition", StringComparison.Ordinal)).ToList();
        var definition = definitions.Count == 1 ? definitions[0].Name : null;
        if (definitions.Count > 1 || c.Children.Any(x => x.Namespace == M && x.Name == "eventDefinitionRef"))
        {
            return Refuse(c, DiagnosticCodes.SeveralEventDefinitions);
        }

        if (c.Element(M, "standardLoopCharacteristics") is not null)
        {
            return Refuse(c, DiagnosticCodes.LoopActivity);
        }

        if (c.Element(M, "multiInstanceLoopCharacteristics") is not null && !Activities.Contains(c.Name))
        {
            return Refuse(c, DiagnosticCodes.MultiInstanceOnNonActivity, c.Name);
        }

        if (c.Attr("isForCompensation") == "true")
        {
            return Refuse(c, DiagnosticCodes.Compensation);
        }

        var trigger = Trigger(definition);
        return (c.Name, definition) switch
        {
            ("startEvent", null) => ElementKind.StartEvent,
            ("startEvent", _) => Refuse(c, DiagnosticCodes.StartTrigger, trigger),
            ("endEvent", null) => ElementKind.EndEvent,
            ("endEvent", "terminateEventDefinition") => ElementKind.TerminateEndEvent,
            ("endEvent", "errorEventDefinition") => ElementKind.ErrorEndEvent,
            ("endEvent", _) => Refuse(c, DiagnosticCodes.EndTrigger, trigger),
            ("intermediateThrowEvent", null) => ElementKind.IntermediateThrowEvent,
            ("intermediateThrowEvent", _) => Refuse(c, DiagnosticCodes.ThrowTrigger, trigger),
            ("intermediateCatchEvent", "timerEventDefinition") => ElementKind.TimerCatchEvent,
            ("intermediateCatchEvent", "messageEventDefinition") => ElementKind.MessageCatchEvent,
            ("intermediateCatchEvent", _) => Refuse(c, DiagnosticCodes.CatchTrigger, trigger),
            ("boundaryEvent", "timerEventDefinition") => ElementKind.TimerBoundaryEvent,
            ("boundaryEvent", "errorEventDefinition") => ElementKind.ErrorBoundaryEvent,
            ("boundaryEvent", _) => Refuse(c, DiagnosticCodes.BoundaryTrigger, trigger),
            ("userTask", _) => ElementKind.UserTask,
            ("serviceTask", _) => ElementKind.ServiceTask,
            ("sendTask", _) => ElementKind.SendTask,
            ("receiveTask", _) => ElementKind.ReceiveTask,
            ("manualTask", _) => ElementKind.ManualTask,
            ("task", _) => ElementKind.Task,
            ("exclusiveGateway", _) => ElementKind.ExclusiveGateway,
            ("parallelGateway", _) => ElementKind.ParallelGateway,
            ("inclusiveGateway", _) => ElementKind.InclusiveGateway,
            ("eventBasedGateway", _) when c.Attr("instantiate") == "true" => Refuse(c, DiagnosticCodes.EventGatewayKind, "instantiate=\"true\""),
            ("eventBasedGateway", _) when c.Attr("eventGatewayType") == "Parallel" => Refuse(c, DiagnosticCodes.EventGatewayKind, "eventGatewayType=\"Parallel\""),
            ("eventBasedGateway", _) => ElementKind.EventBasedGateway,
            ("subProcess", _) when c.Attr("triggeredByEvent") == "true" => Refuse(c, DiagnosticCodes.EventSubProcess),
            ("subProcess", _) => ElementKind.SubProcess,
            ("callActivity", _) => ElementKind.CallActivity,
            _ => Refuse(c, DiagnosticCodes.UnsupportedElement, c.Name),
        };
    }

    /// <summary>Reports an element Bpm cannot run and remembers its id.</summary>
    public ElementKind? Refuse(XmlNode c, DiagnosticCode code, params string[] arguments)
    {
        if (c.Attr("id") is { } id)
        {
            Unsupported.Add(id);
        }

        diagnostics.Report(code, c, arguments);
        return null;
    }

    private static string Trigger(string? definition) => definition is null ? "none" : definition.Replace("EventDefinition", "", StringComparison.Ordinal);
}
