using System.Text.Json;

namespace Bpm.Engine;

/// <summary>Where a token stops until a command moves it on: tasks, message waits, timers, calls, and the boundary timers on them.</summary>
internal sealed class WaitStates(CommandRun run)
{
    private RunContext Context => run.Context;

    private InstanceState State => run.Context.State;

    public void CreateTask(TokenState token, FlowNode node)
    {
        // A multi-instance activity keeps the dossier's clock once, for all its instances (MultiInstances.Enter).
        if (node.Extensions.Count > 0 && node.MultiInstance is null && !run.Clock.OnWait(token, node))
        {
            return;
        }

        token.Waiting = true;
        var due = node.Allowance is { } allowance ? Context.Calendar.Add(Context.Now, allowance, node.Unit) : (DateTimeOffset?)null;
        var task = new Bookmark { Id = Context.NewId("task-"), Kind = BookmarkKind.Task, ElementId = node.Id, TokenId = token.Id, Due = due };
        State.Bookmarks.Add(task);
        Context.Emit(new TaskCreated(task.Id, node.Id, node.Name, node.Unit, node.Role, node.DomainKind, due, node.Extensions, Context.LocalsOf(token)));
        Context.Journal(JournalEventType.TaskCreated, elementId: node.Id, tokenId: token.Id, bookmarkId: task.Id, due: due, name: node.Name);
        if (due is { } d)
        {
            run.DossierTimers.ArmDueWarning(node, token, d);
        }

        ArmBoundaries(token, node);
    }

    public void AwaitMessage(TokenState token, FlowNode node)
    {
        if (!TryKey(token, node, out var key) || node.Extensions.Count > 0 && node.MultiInstance is null && !run.Clock.OnWait(token, node))
        {
            return;
        }

        if (TakeBuffered(token, node, key))
        {
            run.Agenda.Leave(token, node);
            return;
        }

        token.Waiting = true;
        Subscribe(token, node, key);
        ArmBoundaries(token, node);
    }

    /// <summary>The correlation key a message for <paramref name="node"/> must carry; an incident when it cannot be evaluated.</summary>
    public bool TryKey(TokenState token, FlowNode node, out string? key)
    {
        key = null;
        if (node.CorrelationKey is { } expression && !expression.TryEvaluateText(Context.VariablesOf(token), out key, out var error))
        {
            run.Faults.RaiseIncident(token, node, "correlation key " + error);
            return false;
        }

        return true;
    }

    /// <summary>Takes the first buffered message <paramref name="node"/> waits for, if one arrived before it.</summary>
    public bool TakeBuffered(TokenState token, FlowNode node, string? key)
    {
        var buffered = State.BufferedMessages.Find(m => m.Name == node.MessageName && (key is null || m.CorrelationKey == key));
        if (buffered is null)
        {
            return false;
        }

        State.BufferedMessages.Remove(buffered);
        Context.Journal(JournalEventType.MessageCorrelated, elementId: node.Id, tokenId: token.Id, name: buffered.Name, value: RunContext.Key(buffered.CorrelationKey), reason: "buffered");
        Context.SetVariables(buffered.Payload);
        return true;
    }

    public void Subscribe(TokenState token, FlowNode node, string? key)
    {
        var subscription = new Bookmark { Id = Context.NewId("msg-"), Kind = BookmarkKind.Message, ElementId = node.Id, TokenId = token.Id, MessageName = node.MessageName, CorrelationKey = key };
        State.Bookmarks.Add(subscription);
        Context.Journal(JournalEventType.MessageAwaited, elementId: node.Id, tokenId: token.Id, bookmarkId: subscription.Id, name: node.MessageName, value: RunContext.Key(key));
    }

    public void StartCall(TokenState token, FlowNode node)
    {
        token.Waiting = true;
        var call = new Bookmark { Id = Context.NewId("call-"), Kind = BookmarkKind.Call, ElementId = node.Id, TokenId = token.Id };
        State.Bookmarks.Add(call);
        Context.Emit(new CallToStart(call.Id, node.Id, node.CalledElement!, node.CalledVersion, new Dictionary<string, JsonElement>(Context.VariablesOf(token))));
        Context.Journal(JournalEventType.CallStarted, elementId: node.Id, tokenId: token.Id, bookmarkId: call.Id, name: node.CalledElement);
        ArmBoundaries(token, node);
    }

    public void ArmBoundaries(TokenState token, FlowNode node)
    {
        // Boundary events of a multi-instance activity hang on the token that waits for all its instances.
        if (node.Boundaries.Count == 0 || run.MultiInstances.IsInstance(token, node))
        {
            return;
        }

        foreach (var boundary in node.Boundaries)
        {
            if (boundary.Timer is { Repetitions: var repetitions })
            {
                ArmTimer(boundary, token, Context.Now, repetitions);
            }
        }
    }

    public void ArmTimer(FlowNode node, TokenState token, DateTimeOffset from, int? repetitions)
    {
        var unit = node.AttachedTo?.Unit ?? node.Unit;
        var due = node.Timer!.DueFrom(from, Context.Calendar, unit);
        var timer = new Bookmark { Id = Context.NewId("timer-"), Kind = BookmarkKind.Timer, ElementId = node.Id, TokenId = token.Id, Due = due, RemainingRepetitions = repetitions };
        State.Bookmarks.Add(timer);
        Context.Emit(new TimerArmed(timer.Id, node.Id, due));
        Context.Journal(JournalEventType.TimerArmed, elementId: node.Id, tokenId: token.Id, bookmarkId: timer.Id, due: due);
    }
}
