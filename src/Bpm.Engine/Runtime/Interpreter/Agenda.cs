namespace Bpm.Engine;

/// <summary>
/// The tokens ready to move, in order. Draining it runs each token until it waits or ends, then
/// fires inclusive joins that nothing upstream can still reach, and bounds the whole run by
/// <see cref="EngineOptions.MaxSteps"/> so that a loop without a wait state becomes an incident.
/// </summary>
internal sealed class Agenda(CommandRun run)
{
    private readonly Queue<(TokenState Token, SequenceFlow? Via)> _queue = new();
    private int _steps;

    private RunContext Context => run.Context;

    public void Enter(TokenState token, SequenceFlow? via) => _queue.Enqueue((token, via));

    public void Drain()
    {
        do
        {
            while (_queue.TryDequeue(out var work))
            {
                if (!Context.IsLive(work.Token))
                {
                    continue;
                }

                if (++_steps > Context.Options.MaxSteps)
                {
                    var message = $"more than {Context.Options.MaxSteps} steps without reaching a wait state; the process probably loops";
                    run.Faults.RaiseIncident(work.Token, Context.Node(work.Token.ElementId), message);
                    while (_queue.TryDequeue(out var rest))
                    {
                        run.Faults.RaiseIncident(rest.Token, Context.Node(rest.Token.ElementId), message);
                    }

                    return;
                }

                run.Nodes.Execute(work.Token, Context.Node(work.Token.ElementId), work.Via);
            }
        }
        while (run.Gateways.FireReadyInclusiveJoin());

        run.Gateways.ReportStuckJoins();
    }

    /// <summary>Moves a token out of a node along <paramref name="flows"/> (default: all outgoing), disarming its boundary events.</summary>
    public void Leave(TokenState token, FlowNode node, IReadOnlyList<SequenceFlow>? flows = null)
    {
        token.Waiting = false;
        var instance = node.MultiInstance is not null && run.MultiInstances.IsInstance(token, node);
        if (node.Extensions.Count > 0 && !instance)
        {
            run.Clock.OnLeave(node);
        }

        Context.Journal(JournalEventType.ElementLeft, elementId: node.Id, tokenId: token.Id);
        if (node.Boundaries.Count > 0 || node.CreatesTask)
        {
            run.Scopes.DropTokenTimers(token);
        }

        if (instance)
        {
            run.MultiInstances.InstanceCompleted(token, node);
            return;
        }

        flows ??= node.Outgoing;
        if (flows.Count == 0)
        {
            Context.State.Tokens.Remove(token);
            run.Scopes.CompleteIfEmpty(token.ScopeId);
            return;
        }

        for (var i = 0; i < flows.Count; i++)
        {
            var flow = flows[i];
            var moving = i == 0 ? token : Context.NewToken(token.ScopeId, node);
            Context.Journal(JournalEventType.FlowTaken, elementId: node.Id, flowId: flow.Id, tokenId: moving.Id);
            moving.ElementId = flow.Target.Id;
            _queue.Enqueue((moving, flow));
        }
    }
}
