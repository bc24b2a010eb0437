using System.Text.Json;

namespace Bpm.Engine;

/// <summary>
/// Multi-instance activities (BPMN 2.0, 13.3.7). The token that reaches the activity waits there
/// while a body scope holds the instances, one token each at the same activity with its own
/// <c>loopCounter</c> and item; side by side, or one after another. When an instance ends the
/// completion condition is read, and when it holds the instances still running are cancelled.
/// </summary>
internal sealed class MultiInstances(CommandRun run)
{
    /// <summary>The <see cref="Bookmark.Purpose"/> of the timer that ends an instance at its <c>bpm:timeLimit</c>.</summary>
    public const string TimeLimitPurpose = "instance-time-limit";

    private RunContext Context => run.Context;

    private InstanceState State => run.Context.State;

    /// <summary>True when <paramref name="token"/> is one instance of <paramref name="node"/>, not the token that waits for them all.</summary>
    public bool IsInstance(TokenState token, FlowNode node) =>
        node.MultiInstance is not null && Context.Scope(token.ScopeId) is { Loop: not null } scope && scope.ElementId == node.Id;

    public void Enter(TokenState token, FlowNode node)
    {
        var loop = node.MultiInstance!;
        if (!TryCount(token, node, out var count, out var items) || node.Extensions.Count > 0 && !run.Clock.OnWait(token, node))
        {
            return;
        }

        token.Waiting = true;
        var body = new ScopeState(Context.NewId("s"), node.Id, token.ScopeId, token.Id) { Loop = new MultiInstanceState { Instances = count, Items = items } };
        Context.Journal(JournalEventType.MultiInstanceStarted, elementId: node.Id, tokenId: token.Id, scopeId: body.Id,
            value: JsonSerializer.SerializeToElement(new { instances = count, sequential = loop.IsSequential }));
        if (count == 0)
        {
            Finish(body, node, token, "no instances");
            return;
        }

        State.Scopes.Add(body);
        run.WaitStates.ArmBoundaries(token, node);
        var startNow = loop.IsSequential ? 1 : count;
        for (var i = 0; i < startNow; i++)
        {
            StartInstance(body, node);
        }
    }

    /// <summary>An instance left its activity: it is done, and the whole activity may be.</summary>
    public void InstanceCompleted(TokenState instance, FlowNode node)
    {
        State.Tokens.Remove(instance);
        run.Scopes.DropTokenTimers(instance);
        Context.Journal(JournalEventType.LoopInstanceCompleted, elementId: node.Id, tokenId: instance.Id, scopeId: instance.ScopeId);
        Ended(instance, node);
    }

    /// <summary>An instance's time limit passed: its work is cancelled and it ends without a result.</summary>
    public void TimeOut(Bookmark timer)
    {
        var node = Context.Node(timer.ElementId);
        var instance = Context.Token(timer.TokenId);
        Context.Journal(JournalEventType.TimerFired, elementId: node.Id, tokenId: instance.Id, bookmarkId: timer.Id, due: timer.Due, name: timer.Purpose);
        Context.Journal(JournalEventType.LoopInstanceTimedOut, elementId: node.Id, tokenId: instance.Id, scopeId: instance.ScopeId, due: timer.Due);
        run.Scopes.CancelToken(instance, $"the time limit of this instance of {node.Id} passed");
        Ended(instance, node);
    }

    private void Ended(TokenState instance, FlowNode node)
    {
        var body = Context.Scope(instance.ScopeId)!;
        var loop = body.Loop!;
        var waiting = Context.Token(body.ParentTokenId!);
        loop.Completed++;
        if (node.MultiInstance!.CompletionCondition is { } condition)
        {
            var variables = new Dictionary<string, JsonElement>(Context.VariablesOf(instance))
            {
                [BpmVocabulary.LoopVariables.Instances] = JsonSerializer.SerializeToElement(loop.Instances),
                [BpmVocabulary.LoopVariables.Completed] = JsonSerializer.SerializeToElement(loop.Completed),
                [BpmVocabulary.LoopVariables.Active] = JsonSerializer.SerializeToElement(loop.Active),
            };
            if (!condition.TryEvaluate(variables, out var met, out var error))
            {
                run.Faults.RaiseIncident(waiting, node, "completionCondition " + error);
                return;
            }

            if (met)
            {
                foreach (var other in State.Tokens.Where(t => t.ScopeId == body.Id).ToList())
                {
                    run.Scopes.CancelToken(other, $"completion condition of {node.Id} met");
                }

                Finish(body, node, waiting, "completion condition met");
                return;
            }
        }

        if (loop.Completed == loop.Instances)
        {
            Finish(body, node, waiting, "all instances completed");
        }
        else if (node.MultiInstance.IsSequential && loop.Started < loop.Instances)
        {
            StartInstance(body, node);
        }
    }

    private void StartInstance(ScopeState body, FlowNode node)
    {
        var loop = body.Loop!;
        var index = loop.Started++;
        var locals = new Dictionary<string, JsonElement> { [BpmVocabulary.LoopVariables.LoopCounter] = JsonSerializer.SerializeToElement(index) };
        JsonElement value;
        if (loop.Items is { } items)
        {
            locals[node.MultiInstance!.ElementVariable ?? "item"] = items[index];
            value = JsonSerializer.SerializeToElement(new { loopCounter = index, item = items[index] });
        }
        else
        {
            value = JsonSerializer.SerializeToElement(new { loopCounter = index });
        }

        var instance = new TokenState { Id = Context.NewId("k"), ScopeId = body.Id, ElementId = node.Id, Locals = locals };
        State.Tokens.Add(instance);
        Context.Journal(JournalEventType.LoopInstanceStarted, elementId: node.Id, tokenId: instance.Id, scopeId: body.Id, value: value);
        if (node.MultiInstance!.InstanceTimeLimit is { } limit)
        {
            var due = Context.Calendar.Add(Context.Now, limit, node.Unit);
            var timer = new Bookmark { Id = Context.NewId("timer-"), Kind = BookmarkKind.Timer, ElementId = node.Id, TokenId = instance.Id, Due = due, Purpose = TimeLimitPurpose };
            State.Bookmarks.Add(timer);
            Context.Emit(new TimerArmed(timer.Id, node.Id, due));
            Context.Journal(JournalEventType.TimerArmed, elementId: node.Id, tokenId: instance.Id, bookmarkId: timer.Id, due: due, name: TimeLimitPurpose);
        }

        run.Agenda.Enter(instance, null);
    }

    private void Finish(ScopeState body, FlowNode node, TokenState waiting, string reason)
    {
        State.Scopes.Remove(body);
        Context.Journal(JournalEventType.MultiInstanceCompleted, elementId: node.Id, tokenId: waiting.Id, scopeId: body.Id, reason: reason);
        run.Agenda.Leave(waiting, node);
    }

    private bool TryCount(TokenState token, FlowNode node, out int count, out List<JsonElement>? items)
    {
        var loop = node.MultiInstance!;
        var variables = Context.VariablesOf(token);
        count = 0;
        items = null;
        string? problem;
        if (loop.Collection is { } name)
        {
            if (!variables.TryGetValue(name, out var list))
            {
                problem = $"the multi-instance collection variable '{name}' is not set";
            }
            else if (list.ValueKind != JsonValueKind.Array)
            {
                problem = $"the multi-instance collection variable '{name}' holds {list.ValueKind.ToString().ToLowerInvariant()}, not a list";
            }
            else
            {
                items = list.EnumerateArray().Select(e => e.Clone()).ToList();
                count = items.Count;
                problem = null;
            }
        }
        else if (!loop.Cardinality!.TryEvaluateNumber(variables, out var number, out problem))
        {
            problem = "loopCardinality " + problem;
        }
        else if (number < 0 || number != decimal.Truncate(number) || number > int.MaxValue)
        {
            problem = $"loopCardinality '{loop.Cardinality.Text}' gives {number}, not a whole number of instances";
        }
        else
        {
            count = (int)number;
        }

        if (problem is null && count > Context.Options.MaxSteps)
        {
            problem = $"{count} instances are more than the step limit of {Context.Options.MaxSteps}";
        }

        if (problem is not null)
        {
            items = null;
            run.Faults.RaiseIncident(token, node, problem);
            return false;
        }

        return true;
    }
}
