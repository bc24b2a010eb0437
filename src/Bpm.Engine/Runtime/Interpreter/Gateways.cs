using System.Text.Json;

namespace Bpm.Engine;

/// <summary>Exclusive and inclusive decisions, and the parallel and inclusive joins with their arrival counters.</summary>
internal sealed class Gateways(CommandRun run)
{
    private RunContext Context => run.Context;

    private InstanceState State => run.Context.State;

    public void Decide(TokenState token, FlowNode node, bool inclusive)
    {
        if (node.Outgoing.Count == 1 && node.Outgoing[0].Condition is null)
        {
            run.Agenda.Leave(token, node);
            return;
        }

        var chosen = new List<SequenceFlow>();
        IReadOnlyDictionary<string, JsonElement>? variables = null;
        foreach (var flow in node.Outgoing)
        {
            if (flow == node.DefaultFlow)
            {
                continue;
            }

            if (flow.Condition is null)
            {
                // Validation warned: a flow without a condition counts as true, as in other engines.
                chosen.Add(flow);
                if (!inclusive)
                {
                    break;
                }

                continue;
            }

            if (!flow.Condition.TryEvaluate(variables ??= Context.VariablesOf(token), out var result, out var error))
            {
                run.Faults.RaiseIncident(token, node, $"condition of flow '{flow.Id}' {error}");
                return;
            }

            if (result)
            {
                chosen.Add(flow);
                if (!inclusive)
                {
                    break;
                }
            }
        }

        if (chosen.Count == 0 && node.DefaultFlow is not null)
        {
            chosen.Add(node.DefaultFlow);
        }

        if (chosen.Count == 0)
        {
            run.Faults.RaiseIncident(token, node, "no outgoing condition is true and the gateway has no default flow");
            return;
        }

        Context.Journal(JournalEventType.GatewayDecision, elementId: node.Id, tokenId: token.Id, flows: chosen.ConvertAll(f => f.Id));
        run.Agenda.Leave(token, node, chosen);
    }

    /// <summary>
    /// An exclusive event-based gateway (BPMN 2.0, 13.3.3): the token waits at the gateway for the
    /// first of its catch events. A message that was buffered before the token came wins at once.
    /// </summary>
    public void AwaitFirstEvent(TokenState token, FlowNode gateway)
    {
        var keys = new Dictionary<FlowNode, string?>();
        foreach (var target in gateway.Outgoing.Select(f => f.Target).Where(t => t.Kind == ElementKind.MessageCatchEvent))
        {
            if (!run.WaitStates.TryKey(token, target, out var key))
            {
                return;
            }

            keys[target] = key;
        }

        foreach (var (target, key) in keys)
        {
            if (run.WaitStates.TakeBuffered(token, target, key))
            {
                EventHappened(token, target);
                return;
            }
        }

        token.Waiting = true;
        foreach (var target in gateway.Outgoing.Select(f => f.Target))
        {
            if (target.Kind == ElementKind.TimerCatchEvent)
            {
                run.WaitStates.ArmTimer(target, token, Context.Now, null);
            }
            else
            {
                run.WaitStates.Subscribe(token, target, keys[target]);
            }
        }
    }

    /// <summary>
    /// A catch event happened. After an event-based gateway the other events are withdrawn (timers
    /// disarmed, subscriptions removed) and the token moves through the gateway to the event that won.
    /// </summary>
    public void EventHappened(TokenState token, FlowNode happened)
    {
        if (token.ElementId == happened.Id)
        {
            run.Agenda.Leave(token, happened);
            return;
        }

        var gateway = Context.Node(token.ElementId);
        var flow = gateway.Outgoing.First(f => f.Target == happened);
        var reason = $"{happened.Id} happened first at {gateway.Id}";
        foreach (var other in State.Bookmarks.Where(b => b.TokenId == token.Id && b.Kind is BookmarkKind.Timer or BookmarkKind.Message).ToList())
        {
            State.Bookmarks.Remove(other);
            if (other.Kind == BookmarkKind.Timer)
            {
                Context.Emit(new TimerDisarmed(other.Id, other.ElementId));
                Context.Journal(JournalEventType.TimerCancelled, elementId: other.ElementId, tokenId: token.Id, bookmarkId: other.Id, reason: reason);
            }
            else
            {
                Context.Journal(JournalEventType.MessageWithdrawn, elementId: other.ElementId, tokenId: token.Id, bookmarkId: other.Id, name: other.MessageName, reason: reason);
            }
        }

        Context.Journal(JournalEventType.GatewayDecision, elementId: gateway.Id, tokenId: token.Id, flows: [flow.Id]);
        token.Waiting = false;
        Context.Journal(JournalEventType.ElementLeft, elementId: gateway.Id, tokenId: token.Id);
        Context.Journal(JournalEventType.FlowTaken, elementId: gateway.Id, flowId: flow.Id, tokenId: token.Id);
        token.ElementId = happened.Id;
        Context.Journal(JournalEventType.ElementEntered, elementId: happened.Id, tokenId: token.Id, flowId: flow.Id);
        run.Agenda.Leave(token, happened);
    }

    public void Arrive(TokenState token, FlowNode node, SequenceFlow? via)
    {
        var join = Join(token.ScopeId, node);
        var flowId = via?.Id ?? node.Incoming[0].Id;
        join.Arrived[flowId] = join.Arrived.GetValueOrDefault(flowId) + 1;
        State.Tokens.Remove(token);
    }

    public void ArriveAtParallelJoin(TokenState token, FlowNode node, SequenceFlow? via)
    {
        Arrive(token, node, via);
        var join = Join(token.ScopeId, node);
        if (node.Incoming.All(f => join.Arrived.GetValueOrDefault(f.Id) > 0))
        {
            FireJoin(token.ScopeId, node, join, node.Outgoing);
        }
    }

    /// <summary>
    /// An inclusive join fires when a token has arrived on some incoming flow and no token in
    /// its scope can still reach an incoming flow that has none (BPMN 2.0, 13.3.4).
    /// </summary>
    public bool FireReadyInclusiveJoin()
    {
        if (State.Joins.Count == 0)
        {
            return false;
        }

        foreach (var join in State.Joins)
        {
            var node = Context.Node(join.GatewayId);
            if (node.Kind != ElementKind.InclusiveGateway || join.Arrived.Count == 0)
            {
                continue;
            }

            var ready = node.Incoming.All(f => join.Arrived.ContainsKey(f.Id)
                || !State.Tokens.Any(t => t.ScopeId == join.ScopeId && node.UpstreamOfIncoming![f.Id].Contains(Context.Node(t.ElementId))));
            if (ready)
            {
                FireJoin(join.ScopeId, node, join, node.Outgoing);
                return true;
            }
        }

        return false;
    }

    public void ReportStuckJoins()
    {
        if (State.Joins.Count == 0)
        {
            return;
        }

        foreach (var join in State.Joins.ToList())
        {
            if (join.Arrived.Count > 0 && !State.Tokens.Any(t => t.ScopeId == join.ScopeId)
                && !State.Incidents.Any(i => i.ElementId == join.GatewayId))
            {
                var node = Context.Node(join.GatewayId);
                var missing = node.Incoming.Where(f => !join.Arrived.ContainsKey(f.Id)).Select(f => f.Id);
                run.Faults.RaiseIncident(null, node, $"the join waits on {string.Join(", ", missing)}, which no token can reach any more");
            }
        }
    }

    private JoinState Join(string scopeId, FlowNode node)
    {
        var join = State.Joins.Find(j => j.ScopeId == scopeId && j.GatewayId == node.Id);
        if (join is null)
        {
            join = new JoinState { ScopeId = scopeId, GatewayId = node.Id };
            State.Joins.Add(join);
        }

        return join;
    }

    private void FireJoin(string scopeId, FlowNode node, JoinState join, IReadOnlyList<SequenceFlow> outgoing)
    {
        var consumed = new List<string>();
        foreach (var flow in node.Incoming)
        {
            var count = join.Arrived.GetValueOrDefault(flow.Id);
            if (count > 0)
            {
                consumed.Add(flow.Id);
                if (count == 1)
                {
                    join.Arrived.Remove(flow.Id);
                }
                else
                {
                    join.Arrived[flow.Id] = count - 1;
                }
            }
        }

        if (join.Arrived.Count == 0)
        {
            State.Joins.Remove(join);
        }

        var token = Context.NewToken(scopeId, node);
        Context.Journal(JournalEventType.GatewayDecision, elementId: node.Id, tokenId: token.Id, flows: consumed, reason: "joined");
        if (node.Kind == ElementKind.InclusiveGateway && node.Outgoing.Count > 1)
        {
            Decide(token, node, inclusive: true);
            return;
        }

        Context.Journal(JournalEventType.GatewayDecision, elementId: node.Id, tokenId: token.Id, flows: outgoing.Select(f => f.Id).ToList());
        run.Agenda.Leave(token, node, outgoing);
    }
}
