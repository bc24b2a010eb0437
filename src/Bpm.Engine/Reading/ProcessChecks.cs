namespace Bpm.Engine.Reading;

/// <summary>
/// Whole-graph checks once every node and flow is known: gateway flows, reachability,
/// loops without a wait state, and the upstream sets an inclusive join needs at run time.
/// </summary>
internal sealed class ProcessChecks(ExecutableProcess process, DiagnosticSink diagnostics)
{
    public void Run()
    {
        foreach (var node in process.NodeIndex.Values)
        {
            CheckFlows(node);
        }

        CheckScope(process);
        if (GraphChecks)
        {
            CheckAllowancesFitTimeLimit();
        }
    }

    /// <summary>A working day has 8 working hours (40 hours, Monday to Friday, for civil servants).</summary>
    internal const decimal HoursPerWorkingDay = 8m;

    internal static decimal Hours(WorkingDuration d) => d.Days * HoursPerWorkingDay + (decimal)d.Time.TotalHours;

    private void CheckAllowancesFitTimeLimit()
    {
        if (process.TimeLimit is not { } limit)
        {
            return;
        }

        var longest = LongestPathHours(process);
        if (longest > Hours(limit))
        {
            diagnostics.ReportAt(DiagnosticCodes.AllowancesExceedLimit, process.Line, process.Id, "process",
                Days(longest), Number(longest), limit.ToString(), Days(Hours(limit)), Number(Hours(limit)));
        }
    }

    private static string Days(decimal hours) => Number(hours / HoursPerWorkingDay);

    private static string Number(decimal value) => value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The largest sum of step allowances from the start to any node, along normal flows: loops
    /// count once (back edges are dropped) and boundary-event branches are exceptions, not the plan.
    /// A sub-process without its own allowance weighs its own longest path.
    /// </summary>
    internal static decimal LongestPathHours(ScopeModel scope)
    {
        var postorder = new List<FlowNode>();
        var colour = new Dictionary<FlowNode, int>();
        var back = new HashSet<SequenceFlow>();
        var stack = new Stack<(FlowNode Node, int Next)>();
        stack.Push((scope.Start, 0));
        colour[scope.Start] = 1;
        while (stack.TryPop(out var frame))
        {
            if (frame.Next < frame.Node.Outgoing.Count)
            {
                stack.Push((frame.Node, frame.Next + 1));
                var flow = frame.Node.Outgoing[frame.Next];
                switch (colour.GetValueOrDefault(flow.Target))
                {
                    case 0:
                        colour[flow.Target] = 1;
                        stack.Push((flow.Target, 0));
                        break;
                    case 1:
                        back.Add(flow);
                        break;
                }

                continue;
            }

            colour[frame.Node] = 2;
            postorder.Add(frame.Node);
        }

        var best = new Dictionary<FlowNode, decimal>();
        for (var i = postorder.Count - 1; i >= 0; i--)
        {
            var node = postorder[i];
            var before = node.Incoming.Where(f => !back.Contains(f) && best.ContainsKey(f.Source)).Select(f => best[f.Source]).DefaultIfEmpty(0m).Max();
            var own = node.Allowance is { } a ? Hours(a) : node.Scope is { } inner ? LongestPathHours(inner) : 0m;
            best[node] = before + own;
        }

        return best.Values.DefaultIfEmpty(0m).Max();
    }

    private void CheckScope(ScopeModel scope)
    {
        if (scope.Start is null)
        {
            return;
        }

        if (GraphChecks)
        {
            CheckReachable(scope);
            CheckLoopsWithoutWait(scope);
            new TimerChecks(diagnostics).Run(scope);
        }

        foreach (var node in scope.Nodes)
        {
            if (node.Kind == ElementKind.InclusiveGateway && node.IsJoin)
            {
                node.UpstreamOfIncoming = node.Incoming.ToDictionary(f => f.Id, f => Upstream(f.Source, node));
            }

            if (node.Scope is not null)
            {
                CheckScope(node.Scope);
            }
        }
    }

    private void CheckFlows(FlowNode node)
    {
        switch (node.Kind)
        {
            case ElementKind.StartEvent when node.Incoming.Count > 0:
                Report(node, DiagnosticCodes.StartWithIncoming);
                break;
            case ElementKind.EndEvent or ElementKind.TerminateEndEvent or ElementKind.ErrorEndEvent when node.Outgoing.Count > 0:
                Report(node, DiagnosticCodes.EndWithOutgoing);
                break;
            case ElementKind.TimerBoundaryEvent or ElementKind.ErrorBoundaryEvent when node.Incoming.Count > 0:
                Report(node, DiagnosticCodes.BoundaryWithIncoming);
                break;
            case ElementKind.ExclusiveGateway or ElementKind.InclusiveGateway or ElementKind.ParallelGateway when node.Outgoing.Count == 0:
                Report(node, DiagnosticCodes.GatewayWithoutOutgoing);
                break;
            case ElementKind.ExclusiveGateway or ElementKind.InclusiveGateway:
                CheckConditionalGateway(node);
                break;
            case ElementKind.EventBasedGateway:
                CheckEventGateway(node);
                break;
        }
    }

    /// <summary>BPMN 2.0, 10.6.6: an exclusive event-based gateway leads to the events it waits for, and to nothing else.</summary>
    private void CheckEventGateway(FlowNode node)
    {
        if (node.Outgoing.Count < 2)
        {
            Report(node, DiagnosticCodes.EventGatewayTooFewFlows);
        }

        foreach (var target in node.Outgoing.Select(f => f.Target))
        {
            if (target.Kind is not (ElementKind.MessageCatchEvent or ElementKind.TimerCatchEvent))
            {
                Report(node, DiagnosticCodes.EventGatewayTarget, target.Id, target.XmlType);
            }
            else if (target.Extensions.ContainsKey(BpmVocabulary.Attributes.Clock))
            {
                Report(target, DiagnosticCodes.ClockAfterEventGateway);
            }
        }
    }

    private void CheckConditionalGateway(FlowNode node)
    {
        var defaultId = XmlDefault(node);
        if (defaultId is not null)
        {
            node.DefaultFlow = node.Outgoing.FirstOrDefault(f => f.Id == defaultId);
            if (node.DefaultFlow is null)
            {
                Report(node, DiagnosticCodes.DefaultFlowUnknown, defaultId);
            }
            else if (node.DefaultFlow.Condition is not null)
            {
                Report(node, DiagnosticCodes.DefaultFlowWithCondition, defaultId);
            }
        }

        if (node.Outgoing.Count < 2)
        {
            return;
        }

        foreach (var flow in node.Outgoing)
        {
            if (flow.Condition is null && flow != node.DefaultFlow)
            {
                diagnostics.ReportAt(DiagnosticCodes.FlowWithoutCondition, flow.Line, flow.Id, "sequenceFlow", node.XmlType, node.Id);
            }
        }
    }

    private void CheckReachable(ScopeModel scope)
    {
        var seen = new HashSet<FlowNode> { scope.Start };
        var queue = new Queue<FlowNode>(seen);
        while (queue.TryDequeue(out var node))
        {
            foreach (var next in node.Outgoing.Select(f => f.Target).Concat(node.Boundaries))
            {
                if (seen.Add(next))
                {
                    queue.Enqueue(next);
                }
            }
        }

        foreach (var node in scope.Nodes.Where(n => !seen.Contains(n)))
        {
            Report(node, DiagnosticCodes.Unreachable);
        }
    }

    /// <summary>
    /// Strips nodes that cannot be on a cycle (no predecessor or no successor left among the
    /// pass-through nodes) until nothing changes; whatever remains loops without ever waiting.
    /// </summary>
    private void CheckLoopsWithoutWait(ScopeModel scope)
    {
        var live = scope.Nodes.Where(n => !n.IsWaitState && n.AttachedTo is null).ToHashSet();
        bool changed;
        do
        {
            changed = false;
            foreach (var node in live.ToList())
            {
                var hasIn = node.Incoming.Any(f => live.Contains(f.Source));
                var hasOut = node.Outgoing.Any(f => live.Contains(f.Target));
                if (!hasIn || !hasOut)
                {
                    live.Remove(node);
                    changed = true;
                }
            }
        }
        while (changed);

        if (live.Count > 0)
        {
            var first = scope.Nodes.First(live.Contains);
            var path = string.Join(", ", scope.Nodes.Where(live.Contains).Select(n => n.Id));
            Report(first, DiagnosticCodes.LoopWithoutWait, path);
        }
    }

    private static HashSet<FlowNode> Upstream(FlowNode from, FlowNode join)
    {
        var seen = new HashSet<FlowNode>();
        var stack = new Stack<FlowNode>();
        stack.Push(from);
        while (stack.TryPop(out var node))
        {
            if (node == join || !seen.Add(node))
            {
                continue;
            }

            foreach (var flow in node.Incoming)
            {
                stack.Push(flow.Source);
            }

            if (node.AttachedTo is { } host)
            {
                stack.Push(host);
            }
        }

        return seen;
    }

    private string? XmlDefault(FlowNode node) => DefaultFlows.TryGetValue(node.Id, out var id) ? id : null;

    internal Dictionary<string, string> DefaultFlows { get; init; } = [];

    internal bool GraphChecks { get; init; } = true;

    private void Report(FlowNode node, DiagnosticCode code, params string[] arguments) => diagnostics.Report(code, node, arguments);
}
