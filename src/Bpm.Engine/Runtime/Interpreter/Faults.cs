namespace Bpm.Engine;

/// <summary>Incidents (something a person must look at) and BPMN errors, caught by the nearest error boundary event or faulting the instance.</summary>
internal sealed class Faults(CommandRun run)
{
    private RunContext Context => run.Context;

    private InstanceState State => run.Context.State;

    public void RaiseIncident(TokenState? token, FlowNode node, string message)
    {
        if (token is not null)
        {
            token.Waiting = false;
        }

        State.Incidents.Add(new Incident(Context.NewId("incident-"), node.Id, token?.Id, message, Context.Now));
        Context.Journal(JournalEventType.Incident, elementId: node.Id, tokenId: token?.Id, reason: message);
        if (State.Status == InstanceStatus.Running)
        {
            State.Status = InstanceStatus.Faulted;
            Context.Journal(JournalEventType.InstanceFaulted, elementId: node.Id, reason: message);
        }
    }

    /// <summary>
    /// Finds the nearest error boundary event that catches <paramref name="code"/>: first on the
    /// activity that raised it, then on each enclosing sub-process. Uncaught, it faults the instance.
    /// </summary>
    public void ThrowError(FlowNode origin, TokenState token, string? code)
    {
        if (Catcher(origin, code) is { } direct && Context.IsLive(token) && !run.MultiInstances.IsInstance(token, origin))
        {
            run.Scopes.CancelToken(token, $"error {code} caught by {direct.Id}");
            run.Agenda.Enter(Context.NewToken(token.ScopeId, direct), null);
            return;
        }

        var scope = State.Scopes.Find(s => s.Id == token.ScopeId);
        while (scope?.ParentTokenId is { } parentTokenId)
        {
            var activity = Context.Node(scope.ElementId);
            var parent = Context.Token(parentTokenId);

            // An error in one instance of a multi-instance activity is caught where the whole activity is, one scope further out.
            if (!run.MultiInstances.IsInstance(parent, activity) && Catcher(activity, code) is { } boundary)
            {
                run.Scopes.CancelToken(parent, $"error {code} caught by {boundary.Id}");
                run.Agenda.Enter(Context.NewToken(parent.ScopeId, boundary), null);
                return;
            }

            scope = State.Scopes.Find(s => s.Id == scope.ParentScopeId);
        }

        Uncaught(origin, code);
    }

    private void Uncaught(FlowNode origin, string? code)
    {
        foreach (var other in State.Tokens.Where(t => State.Scopes.Find(s => s.Id == t.ScopeId)?.ParentScopeId is null).ToList())
        {
            run.Scopes.CancelToken(other, $"error {code} was not caught");
        }

        run.DossierTimers.CloseDossierWork($"error {code} was not caught");
        var message = $"BPMN error '{code ?? "(no code)"}' thrown at {origin.Id} was not caught by any error boundary event";
        State.Incidents.Add(new Incident(Context.NewId("incident-"), origin.Id, null, message, Context.Now));
        Context.Journal(JournalEventType.Incident, elementId: origin.Id, reason: message);
        State.Status = InstanceStatus.Faulted;
        State.EndedAt = Context.Now;
        State.Scopes.Clear();
        State.Joins.Clear();
        Context.Journal(JournalEventType.InstanceFaulted, reason: message);
        Context.Emit(new InstanceEnded(InstanceStatus.Faulted));
    }

    private static FlowNode? Catcher(FlowNode activity, string? code) =>
        activity.Boundaries.FirstOrDefault(b => b.Kind == ElementKind.ErrorBoundaryEvent && b.ErrorCode == code)
        ?? activity.Boundaries.FirstOrDefault(b => b.Kind == ElementKind.ErrorBoundaryEvent && b.ErrorCode is null);
}
