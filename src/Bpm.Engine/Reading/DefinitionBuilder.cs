namespace Bpm.Engine.Reading;

/// <summary>
/// Turns the XML tree into the executable model, reporting every unsupported or inconsistent
/// element as a diagnostic (code, element id, type, line) instead of throwing. Classifying
/// elements, reading their settings and the whole-graph checks are parts of their own.
/// </summary>
internal sealed class DefinitionBuilder
{
    private const string M = BpmnNames.Model;

    private static readonly HashSet<string> IgnoredInScope =
    [
        "laneSet", "dataObject", "dataObjectReference", "dataStoreReference", "textAnnotation", "association",
        "group", "documentation", "extensionElements", "ioSpecification", "property", "auditing", "monitoring",
        "dataInputAssociation", "dataOutputAssociation", "incoming", "outgoing", "supportedInterfaceRef",
        "resourceRole", "performer", "humanPerformer", "potentialOwner", "rendering", "ioBinding", "correlationSubscription",
        "lane", "flowNodeRef", "categoryValueRef", "multiInstanceLoopCharacteristics",
    ];

    private static readonly HashSet<string> IgnoredInDefinitions =
    [
        "BPMNDiagram", "itemDefinition", "resource", "dataStore", "interface", "category", "signal", "escalation",
        "documentation", "extensionElements", "extension", "import", "relationship", "eventDefinition",
        "correlationProperty", "endPoint", "partnerEntity", "partnerRole",
    ];

    private static readonly HashSet<string> CollaborationParts =
        ["choreography", "subChoreography", "choreographyTask", "callChoreography", "conversation", "subConversation"];

    private readonly DiagnosticSink _diagnostics;
    private readonly ElementClassifier _classifier;
    private readonly ElementConfigurator _configurator;
    private readonly HashSet<string> _ids = [];

    public DefinitionBuilder(List<Diagnostic> diagnostics)
    {
        _diagnostics = new DiagnosticSink(diagnostics);
        _classifier = new ElementClassifier(_diagnostics);
        _configurator = new ElementConfigurator(_diagnostics);
    }

    public ExecutableDefinition? Build(XmlNode root)
    {
        if (root.Namespace != M || root.Name != "definitions")
        {
            _diagnostics.Report(DiagnosticCodes.NotBpmn, root, M);
            return null;
        }

        foreach (var c in root.Children.Where(c => c.Namespace == M))
        {
            switch (c.Name)
            {
                case "message" when c.Attr("id") is { } id:
                    _configurator.Messages[id] = c.Attr("name") ?? id;
                    break;
                case "error" when c.Attr("id") is { } id:
                    _configurator.Errors[id] = c.Attr("errorCode") ?? c.Attr("name") ?? id;
                    break;
            }
        }

        var processes = new List<(ExecutableProcess Process, bool Executable)>();
        foreach (var c in root.Children.Where(c => c.Namespace == M))
        {
            switch (c.Name)
            {
                case "process":
                    if (BuildProcess(c) is { } p)
                    {
                        processes.Add((p, c.Attr("isExecutable") == "true"));
                    }

                    break;
                case "collaboration":
                    foreach (var part in c.Children.Where(x => x.Namespace == M && CollaborationParts.Contains(x.Name)))
                    {
                        _classifier.Refuse(part, DiagnosticCodes.CollaborationPart, part.Name);
                    }

                    break;
                case "message" or "error":
                    break;
                default:
                    if (!IgnoredInDefinitions.Contains(c.Name))
                    {
                        _classifier.Refuse(c, DiagnosticCodes.OnlyProcesses, c.Name);
                    }

                    break;
            }
        }

        if (processes.Count == 0)
        {
            _diagnostics.Report(DiagnosticCodes.NoProcess, root);
            return null;
        }

        var executable = processes.Where(p => p.Executable).Select(p => p.Process).ToList();
        var main = executable.Count == 1 ? executable[0] : processes[0].Process;
        return new ExecutableDefinition(processes.Select(p => p.Process).ToList(), main);
    }

    private ExecutableProcess? BuildProcess(XmlNode node)
    {
        var id = node.Attr("id");
        if (string.IsNullOrEmpty(id))
        {
            _diagnostics.Report(DiagnosticCodes.ProcessWithoutId, node);
            return null;
        }

        var process = new ExecutableProcess(id, node.Attr("name")) { Line = node.Line };
        process.Extensions = _configurator.ReadExtensions(node, BpmVocabulary.AttributesOf.Process);
        if (process.Extensions.TryGetValue(BpmVocabulary.Attributes.TimeLimit, out var limit))
        {
            process.TimeLimit = _configurator.ParseWorking(node, id, DiagnosticCodes.BadTimeLimit, limit);
        }

        if (process.Extensions.TryGetValue(BpmVocabulary.Attributes.Level, out var level) && !BpmVocabulary.Levels.All.Contains(level))
        {
            _diagnostics.ReportFor(DiagnosticCodes.BadLevel, node, id, level, BpmVocabulary.OneOf(BpmVocabulary.Levels.All));
        }

        var errorsBefore = _diagnostics.ErrorCount;
        var schedules = new FeeScheduleReader(_diagnostics).Read(node, out var refused);
        _configurator.FeeSchedules = schedules;
        _configurator.RefusedFeeSchedules = refused;
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

        new ProcessChecks(process, _diagnostics)
        {
            DefaultFlows = _configurator.Defaults,

            // Unsupported or broken elements cut the graph; reachability would only repeat them.
            GraphChecks = _diagnostics.ErrorCount == errorsBefore,
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

            var kind = _classifier.KindOf(c);
            if (kind is null || !NewId(c))
            {
                continue;
            }

            var id = c.Attr("id")!;
            var node = new FlowNode(id, c.Attr("name"), kind.Value, c.Name, c.Line, scope);
            scope.NodeList.Add(node);
            process.NodeIndex[id] = node;
            _configurator.Configure(c, node);
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

        var isProcess = scope.Owner is null;
        if (starts.Count == 0)
        {
            _diagnostics.ReportFor(isProcess ? DiagnosticCodes.ProcessWithoutStart : DiagnosticCodes.SubProcessWithoutStart, container, scope.Id, scope.Id);
        }
        else
        {
            scope.Start = starts[0];
            foreach (var extra in starts.Skip(1))
            {
                _diagnostics.Report(isProcess ? DiagnosticCodes.ProcessWithSeveralStarts : DiagnosticCodes.SubProcessWithSeveralStarts, extra, scope.Id);
            }
        }
    }

    /// <summary>True when the element has an id not used before; reports it otherwise.</summary>
    private bool NewId(XmlNode c)
    {
        var id = c.Attr("id");
        if (string.IsNullOrEmpty(id))
        {
            _diagnostics.Report(DiagnosticCodes.ElementWithoutId, c, c.Name);
            return false;
        }

        if (!_ids.Add(id))
        {
            _diagnostics.Report(DiagnosticCodes.DuplicateId, c, id);
            return false;
        }

        return true;
    }

    private void BuildFlow(XmlNode c, ScopeModel scope, ExecutableProcess process)
    {
        if (!NewId(c))
        {
            return;
        }

        var id = c.Attr("id")!;
        var source = Resolve(c, id, "sourceRef", scope, process);
        var target = Resolve(c, id, "targetRef", scope, process);
        if (source is null || target is null)
        {
            return;
        }

        ConditionExpression? condition = null;
        if (c.Element(M, "conditionExpression") is { } expr)
        {
            condition = _configurator.ParseExpression(c, id, DiagnosticCodes.BadCondition, expr.Text);
            if (source.Kind is not (ElementKind.ExclusiveGateway or ElementKind.InclusiveGateway))
            {
                _diagnostics.Report(DiagnosticCodes.ConditionOffGateway, c, source.Id, source.XmlType);
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
        if (reference is not null && _classifier.Unsupported.Contains(reference))
        {
            return null;
        }

        if (reference is null)
        {
            _diagnostics.Report(DiagnosticCodes.FlowEndMissing, c, attribute);
            return null;
        }

        if (!process.NodeIndex.TryGetValue(reference, out var node))
        {
            _diagnostics.Report(DiagnosticCodes.FlowEndUnknown, c, attribute, reference);
            return null;
        }

        if (node.Container != scope)
        {
            _diagnostics.Report(DiagnosticCodes.FlowCrossesScope, c, attribute, reference);
            return null;
        }

        return node;
    }

    private void Attach(XmlNode c, FlowNode boundary, ExecutableProcess process)
    {
        var hostId = c.Attr("attachedToRef");
        if (hostId is not null && _classifier.Unsupported.Contains(hostId))
        {
            return;
        }

        if (hostId is null || !process.NodeIndex.TryGetValue(hostId, out var host))
        {
            _diagnostics.ReportFor(DiagnosticCodes.BoundaryHostUnknown, c, boundary.Id, hostId ?? "");
            return;
        }

        if (host.Container != boundary.Container)
        {
            _diagnostics.ReportFor(DiagnosticCodes.BoundaryOtherScope, c, boundary.Id);
            return;
        }

        if (!host.IsWaitState || host.Kind is ElementKind.TimerCatchEvent or ElementKind.MessageCatchEvent)
        {
            _diagnostics.ReportFor(DiagnosticCodes.BoundaryOnNonWait, c, boundary.Id, host.Id, host.XmlType);
            return;
        }

        boundary.AttachedTo = host;
        host.BoundaryList.Add(boundary);
    }
}
