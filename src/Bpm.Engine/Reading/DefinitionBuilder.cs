using System.Globalization;

namespace Bpm.Engine.Reading;

/// <summary>
/// Turns the XML tree into the executable model, reporting every unsupported or inconsistent
/// element as a diagnostic (element id, type, line) instead of throwing.
/// </summary>
internal sealed class DefinitionBuilder(List<Diagnostic> diagnostics)
{
    private const string M = BpmnNames.Model;

    private static readonly HashSet<string> IgnoredInScope =
    [
        "laneSet", "dataObject", "dataObjectReference", "dataStoreReference", "textAnnotation", "association",
        "group", "documentation", "extensionElements", "ioSpecification", "property", "auditing", "monitoring",
        "dataInputAssociation", "dataOutputAssociation", "incoming", "outgoing", "supportedInterfaceRef",
        "resourceRole", "performer", "humanPerformer", "potentialOwner", "rendering", "ioBinding", "correlationSubscription",
        "lane", "flowNodeRef", "categoryValueRef",
    ];

    private static readonly HashSet<string> IgnoredInDefinitions =
    [
        "BPMNDiagram", "itemDefinition", "resource", "dataStore", "interface", "category", "signal", "escalation",
        "documentation", "extensionElements", "extension", "import", "relationship", "eventDefinition",
        "correlationProperty", "endPoint", "partnerEntity", "partnerRole",
    ];

    private readonly Dictionary<string, string> _messages = [];
    private readonly Dictionary<string, string> _errors = [];
    private readonly HashSet<string> _ids = [];
    private readonly Dictionary<string, string> _defaults = [];
    private readonly HashSet<string> _unsupported = [];

    public ExecutableDefinition? Build(XmlNode root)
    {
        if (root.Namespace != M || root.Name != "definitions")
        {
            Error(root, "the document is not BPMN 2.0: its root must be <definitions> in " + M);
            return null;
        }

        foreach (var c in root.Children.Where(c => c.Namespace == M))
        {
            switch (c.Name)
            {
                case "message" when c.Attr("id") is { } id:
                    _messages[id] = c.Attr("name") ?? id;
                    break;
                case "error" when c.Attr("id") is { } id:
                    _errors[id] = c.Attr("errorCode") ?? c.Attr("name") ?? id;
                    break;
            }
        }

        var processes = new List<(ExecutableProcess Process, bool Executable)>();
        foreach (var c in root.Children)
        {
            if (c.Namespace != M)
            {
                continue;
            }

            switch (c.Name)
            {
                case "process":
                    if (BuildProcess(c) is { } p)
                    {
                        processes.Add((p, c.Attr("isExecutable") == "true"));
                    }

                    break;
                case "collaboration":
                    CheckCollaboration(c);
                    break;
                case "message" or "error":
                    break;
                default:
                    if (!IgnoredInDefinitions.Contains(c.Name))
                    {
                        Unsupported(c, $"<{c.Name}> is not supported; Bpm runs processes only");
                    }

                    break;
            }
        }

        if (processes.Count == 0)
        {
            Error(root, "the document has no <process>");
            return null;
        }

        var executable = processes.Where(p => p.Executable).Select(p => p.Process).ToList();
        var main = executable.Count == 1 ? executable[0] : processes[0].Process;
        return new ExecutableDefinition(processes.Select(p => p.Process).ToList(), main);
    }

    private void CheckCollaboration(XmlNode collaboration)
    {
        foreach (var c in collaboration.Children.Where(c => c.Namespace == M))
        {
            if (c.Name is "choreography" or "subChoreography" or "choreographyTask" or "callChoreography" or "conversation" or "subConversation")
            {
                Unsupported(c, $"<{c.Name}> is not supported");
            }
        }
    }

    private ExecutableProcess? BuildProcess(XmlNode node)
    {
        var id = node.Attr("id");
        if (string.IsNullOrEmpty(id))
        {
            Error(node, "a <process> needs an id");
            return null;
        }

        var process = new ExecutableProcess(id, node.Attr("name")) { Line = node.Line };
        process.Extensions = ReadExtensions(node, ProcessAttributes);
        if (process.Extensions.TryGetValue("timeLimit", out var limit))
        {
            process.TimeLimit = ParseWorking(node, id, "bpm:timeLimit", limit);
        }

        if (process.Extensions.TryGetValue("level", out var level) && level is not ("province" or "commune" or "district"))
        {
            Error(node, id, $"bpm:level '{level}' must be province, commune or district");
        }

        var errorsBefore = diagnostics.Count(d => d.Severity == Severity.Error);
        var flows = new List<(XmlNode Node, ScopeModel Scope)>();
        var boundaries = new List<(XmlNode Node, FlowNode Boundary)>();
        BuildScope(node, process, process, flows, boundaries);
        foreach (var (flowNode, scope) in flows)
        {
            BuildFlow(flowNode, scope, process);
        }

        foreach (var (xml, boundary) in boundaries)
        {
            Attach(xml, boundary, process);
        }

        process.NodesByIndex = [.. process.NodeIndex.Values];
        for (var i = 0; i < process.NodesByIndex.Length; i++)
        {
            process.NodesByIndex[i].Index = i;
        }

        new ProcessChecks(process, diagnostics)
        {
            DefaultFlows = _defaults,

            // Unsupported or broken elements cut the graph; reachability would only repeat them.
            GraphChecks = diagnostics.Count(d => d.Severity == Severity.Error) == errorsBefore,
        }.Run();
        return process;
    }

    private void BuildScope(XmlNode container, ScopeModel scope, ExecutableProcess process, List<(XmlNode, ScopeModel)> flows, List<(XmlNode, FlowNode)> boundaries)
    {
        var starts = new List<FlowNode>();
        foreach (var c in container.Children)
        {
            if (c.Namespace != M || IgnoredInScope.Contains(c.Name))
            {
                continue;
            }

            if (c.Name == "sequenceFlow")
            {
                flows.Add((c, scope));
                continue;
            }

            var kind = KindOf(c);
            if (kind is null)
            {
                continue;
            }

            var id = c.Attr("id");
            if (string.IsNullOrEmpty(id))
            {
                Error(c, $"a <{c.Name}> needs an id");
                continue;
            }

            if (!_ids.Add(id))
            {
                Error(c, id, $"the id '{id}' is used twice");
                continue;
            }

            var node = new FlowNode(id, c.Attr("name"), kind.Value, c.Name, c.Line, scope);
            scope.NodeList.Add(node);
            process.NodeIndex[id] = node;
            Configure(c, node, process);
            switch (kind)
            {
                case ElementKind.StartEvent:
                    starts.Add(node);
                    break;
                case ElementKind.SubProcess:
                    node.Scope = new ScopeModel(id, node);
                    BuildScope(c, node.Scope, process, flows, boundaries);
                    break;
                case ElementKind.TimerBoundaryEvent or ElementKind.ErrorBoundaryEvent:
                    boundaries.Add((c, node));
                    break;
            }
        }

        var where = scope.Owner is null ? $"process '{scope.Id}'" : $"sub-process '{scope.Id}'";
        if (starts.Count == 0)
        {
            Error(container, scope.Id, $"{where} has no none start event");
        }
        else
        {
            scope.Start = starts[0];
            foreach (var extra in starts.Skip(1))
            {
                Error(extra.Line, extra.Id, extra.XmlType, $"{where} has more than one start event; Bpm starts each scope at a single none start event");
            }
        }
    }

    private ElementKind? KindOf(XmlNode c)
    {
        var definitions = c.Children.Where(x => x.Namespace == M && x.Name.EndsWith("EventDefinition", StringComparison.Ordinal)).ToList();
        var definition = definitions.Count == 1 ? definitions[0].Name : null;
        if (definitions.Count > 1 || c.Children.Any(x => x.Namespace == M && x.Name == "eventDefinitionRef"))
        {
            return Unsupported(c, "events with several or referenced event definitions are not supported");
        }

        if (c.Children.FirstOrDefault(x => x.Namespace == M && x.Name is "multiInstanceLoopCharacteristics" or "standardLoopCharacteristics") is { } loop)
        {
            return Unsupported(c, $"{(loop.Name.StartsWith("multi", StringComparison.Ordinal) ? "multi-instance" : "loop")} activities are not supported");
        }

        if (c.Attr("isForCompensation") == "true")
        {
            return Unsupported(c, "compensation handlers are not supported");
        }

        return (c.Name, definition) switch
        {
            ("startEvent", null) => ElementKind.StartEvent,
            ("startEvent", _) => Unsupported(c, $"start events with a {Trigger(definition)} trigger are not supported; use a none start event"),
            ("endEvent", null) => ElementKind.EndEvent,
            ("endEvent", "terminateEventDefinition") => ElementKind.TerminateEndEvent,
            ("endEvent", "errorEventDefinition") => ElementKind.ErrorEndEvent,
            ("endEvent", _) => Unsupported(c, $"{Trigger(definition)} end events are not supported"),
            ("intermediateThrowEvent", null) => ElementKind.IntermediateThrowEvent,
            ("intermediateThrowEvent", _) => Unsupported(c, $"{Trigger(definition)} throw events are not supported"),
            ("intermediateCatchEvent", "timerEventDefinition") => ElementKind.TimerCatchEvent,
            ("intermediateCatchEvent", "messageEventDefinition") => ElementKind.MessageCatchEvent,
            ("intermediateCatchEvent", _) => Unsupported(c, $"{Trigger(definition)} catch events are not supported"),
            ("boundaryEvent", "timerEventDefinition") => ElementKind.TimerBoundaryEvent,
            ("boundaryEvent", "errorEventDefinition") => ElementKind.ErrorBoundaryEvent,
            ("boundaryEvent", _) => Unsupported(c, $"{Trigger(definition)} boundary events are not supported"),
            ("userTask", _) => ElementKind.UserTask,
            ("serviceTask", _) => ElementKind.ServiceTask,
            ("sendTask", _) => ElementKind.SendTask,
            ("receiveTask", _) => ElementKind.ReceiveTask,
            ("manualTask", _) => ElementKind.ManualTask,
            ("task", _) => ElementKind.Task,
            ("exclusiveGateway", _) => ElementKind.ExclusiveGateway,
            ("parallelGateway", _) => ElementKind.ParallelGateway,
            ("inclusiveGateway", _) => ElementKind.InclusiveGateway,
            ("subProcess", _) when c.Attr("triggeredByEvent") == "true" => Unsupported(c, "event sub-processes are not supported"),
            ("subProcess", _) => ElementKind.SubProcess,
            ("callActivity", _) => ElementKind.CallActivity,
            _ => Unsupported(c, $"<{c.Name}> is not supported by the engine"),
        };
    }

    private static string Trigger(string? definition) => definition is null ? "none" : definition.Replace("EventDefinition", "", StringComparison.Ordinal);

    private void Configure(XmlNode c, FlowNode node, ExecutableProcess process)
    {
        var allowed = node.Kind switch
        {
            ElementKind.TimerBoundaryEvent or ElementKind.TimerCatchEvent => TimerAttributes,
            ElementKind.MessageCatchEvent or ElementKind.ReceiveTask => MessageAttributes,
            ElementKind.CallActivity => CallAttributes,
            _ => ActivityAttributes,
        };
        node.Extensions = ReadExtensions(c, allowed);
        var ext = node.Extensions;
        if (ext.TryGetValue("allowance", out var allowance))
        {
            node.Allowance = ParseWorking(c, node.Id, "bpm:allowance", allowance);
        }

        if (ext.TryGetValue("outcomes", out var outcomes))
        {
            node.Outcomes = outcomes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        if (ext.TryGetValue("role", out var role) && role is not ("reception" or "specialist" or "leader" or "accountant" or "clerk"))
        {
            Warning(c, node.Id, $"bpm:role '{role}' is not one of reception, specialist, leader, accountant, clerk");
        }

        CheckDomainKind(c, node);
        if (ext.TryGetValue("clock", out var clock))
        {
            if (clock is not ("pause" or "restart"))
            {
                Error(c, node.Id, $"bpm:clock '{clock}' must be pause or restart");
            }
            else if (!node.CreatesTask && node.Kind is not (ElementKind.ReceiveTask or ElementKind.MessageCatchEvent))
            {
                Error(c, node.Id, "bpm:clock is only read on tasks and message waits, where a token waits");
            }
        }

        if (node.Kind == ElementKind.UserTask && (node.Unit is null || node.Role is null))
        {
            Warning(c, node.Id, "user task has no bpm:unit or bpm:role; its task will not reach a unit's inbox");
        }

        switch (node.Kind)
        {
            case ElementKind.ErrorEndEvent or ElementKind.ErrorBoundaryEvent:
                var errorRef = c.Element(M, "errorEventDefinition")!.Attr("errorRef");
                node.ErrorCode = errorRef is null ? null : _errors.GetValueOrDefault(errorRef, errorRef);
                if (node.Kind == ElementKind.ErrorEndEvent && node.ErrorCode is null)
                {
                    Warning(c, node.Id, "error end event has no errorRef; it throws an error without a code");
                }

                break;
            case ElementKind.TimerCatchEvent or ElementKind.TimerBoundaryEvent:
                node.Timer = ReadTimer(c, node);
                break;
            case ElementKind.MessageCatchEvent or ElementKind.ReceiveTask:
                var messageRef = node.Kind == ElementKind.ReceiveTask ? c.Attr("messageRef") : c.Element(M, "messageEventDefinition")!.Attr("messageRef");
                if (messageRef is null)
                {
                    Error(c, node.Id, "a message wait needs a messageRef naming the <message> it waits for");
                }
                else
                {
                    node.MessageName = _messages.GetValueOrDefault(messageRef, messageRef);
                }

                if (ext.TryGetValue("correlationKey", out var key))
                {
                    node.CorrelationKey = ParseExpression(c, node.Id, "bpm:correlationKey", key);
                }

                break;
            case ElementKind.CallActivity:
                node.CalledElement = c.Attr("calledElement");
                if (string.IsNullOrEmpty(node.CalledElement))
                {
                    Error(c, node.Id, "a call activity needs calledElement (the id of the process to call)");
                }

                var binding = ext.GetValueOrDefault("versionBinding", "latest");
                if (binding == "fixed")
                {
                    if (int.TryParse(ext.GetValueOrDefault("version"), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0)
                    {
                        node.CalledVersion = v;
                    }
                    else
                    {
                        Error(c, node.Id, "bpm:versionBinding 'fixed' needs bpm:version, a positive whole number");
                    }
                }
                else if (binding != "latest")
                {
                    Error(c, node.Id, $"bpm:versionBinding '{binding}' must be latest or fixed");
                }

                break;
            case ElementKind.ExclusiveGateway or ElementKind.InclusiveGateway:
                if (c.Attr("default") is { } defaultFlow)
                {
                    _defaults[node.Id] = defaultFlow;
                }

                break;
            default:
                if (c.Attr("default") is not null && node.Kind is not ElementKind.ParallelGateway)
                {
                    Error(c, node.Id, "default flows are only supported on exclusive and inclusive gateways");
                }

                break;
        }

        if (node.Kind == ElementKind.ParallelGateway && c.Attr("default") is not null)
        {
            Error(c, node.Id, "a parallel gateway cannot have a default flow");
        }

        if (node.Kind == ElementKind.TimerBoundaryEvent || node.Kind == ElementKind.ErrorBoundaryEvent)
        {
            node.CancelActivity = c.Attr("cancelActivity") != "false";
            if (node.Kind == ElementKind.ErrorBoundaryEvent && !node.CancelActivity)
            {
                Error(c, node.Id, "error boundary events always interrupt their activity (cancelActivity must not be false)");
            }
        }
    }

    private void CheckDomainKind(XmlNode c, FlowNode node)
    {
        var kind = node.DomainKind;
        if (kind is null)
        {
            return;
        }

        var fits = kind switch
        {
            "sla" => node.Kind == ElementKind.TimerBoundaryEvent,
            "fee" => node.Kind is ElementKind.ServiceTask or ElementKind.UserTask,
            "handoff" => node.Kind is ElementKind.ServiceTask or ElementKind.SendTask or ElementKind.Task or ElementKind.UserTask,
            "document" or "notify" => node.Kind is ElementKind.ServiceTask or ElementKind.SendTask or ElementKind.Task,
            _ => (bool?)null,
        };
        if (fits is null)
        {
            Error(c, node.Id, $"bpm:kind '{kind}' must be sla, handoff, fee, document or notify");
        }
        else if (fits == false)
        {
            Error(c, node.Id, $"bpm:kind '{kind}' does not fit a <{node.XmlType}> (see docs/bpmn-extensions.md)");
        }

        var ext = node.Extensions;
        if (kind == "fee")
        {
            if (!ext.TryGetValue("feeItems", out var items))
            {
                Warning(c, node.Id, "fee step has no bpm:feeItems");
            }
            else if (FeeItem.TryParseList(items, out _, out var error) == false)
            {
                Error(c, node.Id, "bpm:feeItems: " + error);
            }
        }

        if (kind == "handoff" && !ext.ContainsKey("targetAgency") && !ext.ContainsKey("targetLevel"))
        {
            Warning(c, node.Id, "handoff step names neither bpm:targetAgency nor bpm:targetLevel");
        }

        if (kind is "document" or "notify" && !ext.ContainsKey("template"))
        {
            Warning(c, node.Id, $"{kind} step has no bpm:template");
        }

        if (ext.TryGetValue("channel", out var channel) && channel is not ("sms" or "email" or "portal" or "zalo"))
        {
            Error(c, node.Id, $"bpm:channel '{channel}' must be sms, email, portal or zalo");
        }

        if (ext.TryGetValue("targetLevel", out var level) && level is not ("province" or "commune" or "district"))
        {
            Error(c, node.Id, $"bpm:targetLevel '{level}' must be province, commune or district");
        }
    }

    private TimerDefinition? ReadTimer(XmlNode c, FlowNode node)
    {
        var def = c.Element(M, "timerEventDefinition")!;
        var parts = def.Children.Where(x => x.Namespace == M && x.Name is "timeDate" or "timeDuration" or "timeCycle").ToList();
        if (parts.Count != 1)
        {
            Error(c, node.Id, "a timer needs exactly one of timeDate, timeDuration or timeCycle");
            return null;
        }

        var part = parts[0];
        var text = part.Text.Trim();
        var calendar = node.Extensions.GetValueOrDefault("calendar", node.DomainKind == "sla" ? "working" : "calendar");
        if (calendar is not ("working" or "calendar"))
        {
            Error(c, node.Id, $"bpm:calendar '{calendar}' must be working or calendar");
            return null;
        }

        var working = calendar == "working";
        switch (part.Name)
        {
            case "timeDate":
                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && HasOffset(text))
                {
                    return new TimerDefinition(text, date, null, null, null);
                }

                Error(c, node.Id, $"timeDate '{text}' is not an ISO 8601 date-time with an offset, such as 2026-03-05T17:00:00+07:00");
                return null;
            case "timeDuration":
                return Duration(text, null);
            default:
                if (node.Kind != ElementKind.TimerBoundaryEvent || node.CancelActivity && c.Attr("cancelActivity") != "false")
                {
                    Error(c, node.Id, "timeCycle is only supported on non-interrupting boundary timers");
                    return null;
                }

                var slash = text.IndexOf('/');
                var count = slash > 0 ? text[..slash] : "";
                if (count.Length == 0 || count[0] != 'R'
                    || !(count.Length == 1 || int.TryParse(count[1..], NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                {
                    Error(c, node.Id, $"timeCycle '{text}' must be R<n>/<duration>, such as R3/PT1H");
                    return null;
                }

                return Duration(text[(slash + 1)..], count.Length == 1 ? -1 : int.Parse(count[1..], CultureInfo.InvariantCulture));
        }

        TimerDefinition? Duration(string d, int? repetitions)
        {
            if (working)
            {
                return WorkingDuration.TryParse(d, out var w, out var error)
                    ? new TimerDefinition(text, null, null, w, repetitions)
                    : Fail(error);
            }

            return IsoDuration.TryParse(d, out var iso, out var isoError)
                ? new TimerDefinition(text, null, iso, null, repetitions)
                : Fail(isoError);
        }

        TimerDefinition? Fail(string? error)
        {
            Error(c, node.Id, "timer: " + error);
            return null;
        }
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.Length > 6 && (text[^6] is '+' or '-') && text[^3] == ':';

    private void BuildFlow(XmlNode c, ScopeModel scope, ExecutableProcess process)
    {
        var id = c.Attr("id");
        if (string.IsNullOrEmpty(id))
        {
            Error(c, "a <sequenceFlow> needs an id");
            return;
        }

        if (!_ids.Add(id))
        {
            Error(c, id, $"the id '{id}' is used twice");
            return;
        }

        var source = Resolve(c, id, "sourceRef", scope, process);
        var target = Resolve(c, id, "targetRef", scope, process);
        if (source is null || target is null)
        {
            return;
        }

        ConditionExpression? condition = null;
        if (c.Element(M, "conditionExpression") is { } expr)
        {
            condition = ParseExpression(c, id, "condition", expr.Text);
            if (source.Kind is not (ElementKind.ExclusiveGateway or ElementKind.InclusiveGateway))
            {
                Error(c, id, $"conditions are only evaluated on flows out of exclusive and inclusive gateways, and '{source.Id}' is a {source.XmlType}");
            }
        }

        var flow = new SequenceFlow(id, c.Attr("name"), source, target, condition, c.Line);
        source.OutgoingList.Add(flow);
        target.IncomingList.Add(flow);
        process.FlowIndex[id] = flow;
    }

    private FlowNode? Resolve(XmlNode c, string id, string attribute, ScopeModel scope, ExecutableProcess process)
    {
        var reference = c.Attr(attribute);
        if (reference is not null && _unsupported.Contains(reference))
        {
            return null;
        }

        if (reference is null || !process.NodeIndex.TryGetValue(reference, out var node))
        {
            Error(c, id, reference is null ? $"{attribute} is missing" : $"{attribute} '{reference}' names no supported flow node of this process");
            return null;
        }

        if (node.Container != scope)
        {
            Error(c, id, $"{attribute} '{reference}' lies in another scope; a sequence flow cannot cross a sub-process boundary");
            return null;
        }

        return node;
    }

    private void Attach(XmlNode c, FlowNode boundary, ExecutableProcess process)
    {
        var hostId = c.Attr("attachedToRef");
        if (hostId is not null && _unsupported.Contains(hostId))
        {
            return;
        }

        if (hostId is null || !process.NodeIndex.TryGetValue(hostId, out var host))
        {
            Error(c, boundary.Id, $"attachedToRef '{hostId}' names no activity of this process");
            return;
        }

        if (host.Container != boundary.Container)
        {
            Error(c, boundary.Id, "a boundary event must lie in the same scope as its activity");
            return;
        }

        if (!host.IsWaitState || host.Kind is ElementKind.TimerCatchEvent or ElementKind.MessageCatchEvent)
        {
            Error(c, boundary.Id, $"'{host.Id}' is a {host.XmlType} that does not wait, so a boundary event on it could never fire");
            return;
        }

        boundary.AttachedTo = host;
        host.BoundaryList.Add(boundary);
    }

    private Dictionary<string, string> ReadExtensions(XmlNode c, HashSet<string> allowed)
    {
        var result = new Dictionary<string, string>();
        foreach (var ((ns, name), value) in c.Attributes)
        {
            if (ns != BpmnNames.Extension)
            {
                continue;
            }

            if (!allowed.Contains(name))
            {
                Warning(c, c.Attr("id"), $"bpm:{name} is not a Bpm attribute of <{c.Name}> and is ignored");
            }

            result[name] = value;
        }

        return result;
    }

    private WorkingDuration? ParseWorking(XmlNode c, string id, string what, string text)
    {
        if (WorkingDuration.TryParse(text, out var d, out var error))
        {
            return d;
        }

        Error(c, id, $"{what}: {error}");
        return null;
    }

    private ConditionExpression? ParseExpression(XmlNode c, string id, string what, string text)
    {
        if (ConditionExpression.TryParse(text, out var e, out var error))
        {
            return e;
        }

        Error(c, id, $"{what} '{text.Trim()}': {error}");
        return null;
    }

    private ElementKind? Unsupported(XmlNode c, string message)
    {
        if (c.Attr("id") is { } id)
        {
            _unsupported.Add(id);
        }

        Error(c, c.Attr("id"), message);
        return null;
    }

    private void Error(XmlNode c, string message) => diagnostics.Add(Diagnostic.Error(c.Line, c.Attr("id"), c.Name, message));

    private void Error(XmlNode c, string? id, string message) => diagnostics.Add(Diagnostic.Error(c.Line, id, c.Name, message));

    private void Error(int line, string id, string type, string message) => diagnostics.Add(Diagnostic.Error(line, id, type, message));

    private void Warning(XmlNode c, string? id, string message) => diagnostics.Add(Diagnostic.Warning(c.Line, id, c.Name, message));

    private static readonly HashSet<string> ProcessAttributes = ["procedureCode", "timeLimit", "level", "sector", "feeSchedule", "decidingUnit"];

    private static readonly HashSet<string> ActivityAttributes =
    [
        "unit", "role", "allowance", "outcomes", "kind", "escalateTo", "targetLevel", "targetAgency", "targetProcedure",
        "feeItems", "template", "channel", "clock",
    ];

    private static readonly HashSet<string> TimerAttributes = ["kind", "calendar", "escalateTo"];

    private static readonly HashSet<string> MessageAttributes = ["correlationKey", "unit", "role", "allowance", "clock"];

    private static readonly HashSet<string> CallAttributes = ["versionBinding", "version", "unit", "role", "allowance"];
}
