namespace Bpm.Engine;

/// <summary>
/// Sub-process scopes and the removal of tokens: entering a sub-process, completing a scope when
/// its last token ends, terminating one, and cancelling a token with everything that hangs on it.
/// </summary>
internal sealed class Scopes(CommandRun run)
{
    private RunContext Context => run.Context;

    private InstanceState State => run.Context.State;

    public void EnterSubProcess(TokenState token, FlowNode node)
    {
        token.Waiting = true;
        run.WaitStates.ArmBoundaries(token, node);
        var scope = new ScopeState(Context.NewId("s"), node.Id, token.ScopeId, token.Id);
        State.Scopes.Add(scope);
        run.Agenda.Enter(Context.NewToken(scope.Id, node.Scope!.Start), null);
    }

    public void CompleteIfEmpty(string scopeId)
    {
        if (Context.HasTokenIn(scopeId) || State.Joins.Count > 0 && State.Joins.Exists(j => j.ScopeId == scopeId && j.Arrived.Count > 0))
        {
            return;
        }

        var scope = State.Scopes.FindLast(s => s.Id == scopeId);
        if (scope is null)
        {
            return;
        }

        State.Scopes.Remove(scope);
        if (State.Joins.Count > 0)
        {
            State.Joins.RemoveAll(j => j.ScopeId == scopeId);
        }

        if (scope.ParentTokenId is null)
        {
            CompleteInstance(scope);
            return;
        }

        var parent = Context.Token(scope.ParentTokenId);
        run.Agenda.Leave(parent, Context.Node(scope.ElementId));
    }

    public void Terminate(string scopeId, FlowNode node)
    {
        foreach (var other in State.Tokens.Where(t => t.ScopeId == scopeId).ToList())
        {
            CancelToken(other, $"terminated by {node.Id}");
        }

        State.Joins.RemoveAll(j => j.ScopeId == scopeId);
        CompleteIfEmpty(scopeId);
    }

    /// <summary>Removes a token and everything that hangs on it: its tasks, timers, subscriptions, calls and, for a sub-process, its whole scope.</summary>
    public void CancelToken(TokenState token, string reason)
    {
        foreach (var bookmark in State.Bookmarks.Where(b => b.TokenId == token.Id).ToList())
        {
            State.Bookmarks.Remove(bookmark);
            switch (bookmark.Kind)
            {
                case BookmarkKind.Task:
                    Context.Emit(new TaskCancelled(bookmark.Id, bookmark.ElementId));
                    Context.Journal(JournalEventType.TaskCancelled, elementId: bookmark.ElementId, tokenId: token.Id, bookmarkId: bookmark.Id, reason: reason);
                    break;
                case BookmarkKind.Timer:
                    Context.Emit(new TimerDisarmed(bookmark.Id, bookmark.ElementId));
                    Context.Journal(JournalEventType.TimerCancelled, elementId: bookmark.ElementId, tokenId: token.Id, bookmarkId: bookmark.Id, reason: reason);
                    break;
                case BookmarkKind.Call:
                    Context.Emit(new CallToCancel(bookmark.Id, bookmark.ElementId));
                    break;
            }
        }

        foreach (var child in State.Scopes.Where(s => s.ParentTokenId == token.Id).ToList())
        {
            foreach (var inner in State.Tokens.Where(t => t.ScopeId == child.Id).ToList())
            {
                CancelToken(inner, reason);
            }

            State.Joins.RemoveAll(j => j.ScopeId == child.Id);
            State.Scopes.Remove(child);
        }

        if (State.Incidents.RemoveAll(i => i.TokenId == token.Id) > 0 && State.Incidents.Count == 0 && State.Status == InstanceStatus.Faulted)
        {
            State.Status = InstanceStatus.Running;
        }

        State.Tokens.Remove(token);
        Context.Journal(JournalEventType.ElementCancelled, elementId: token.ElementId, tokenId: token.Id, reason: reason);
    }

    /// <summary>Disarms the timers that hang on a token leaving its activity: boundary timers and due warnings.</summary>
    public void DropTokenTimers(TokenState token)
    {
        for (var i = State.Bookmarks.Count - 1; i >= 0; i--)
        {
            var bookmark = State.Bookmarks[i];
            if (bookmark.TokenId == token.Id && bookmark.Kind == BookmarkKind.Timer)
            {
                State.Bookmarks.RemoveAt(i);
                Context.Emit(new TimerDisarmed(bookmark.Id, bookmark.ElementId));
                Context.Journal(JournalEventType.TimerCancelled, elementId: bookmark.ElementId, tokenId: token.Id, bookmarkId: bookmark.Id, reason: "activity completed");
            }
        }
    }

    private void CompleteInstance(ScopeState root)
    {
        if (State.Status != InstanceStatus.Running)
        {
            return;
        }

        State.Status = InstanceStatus.Completed;
        State.EndedAt = Context.Now;
        run.Clock.ResumeOnCompletion();
        run.DossierTimers.CloseDossierWork("instance completed");
        Context.Journal(JournalEventType.InstanceCompleted, scopeId: root.Id, due: State.DueAt, evaluation: Punctuality.Evaluate(Context.Now, State.DueAt));
        Context.Emit(new InstanceEnded(InstanceStatus.Completed));
    }
}
