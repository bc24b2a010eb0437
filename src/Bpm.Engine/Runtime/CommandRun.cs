using System.Text.Json;

namespace Bpm.Engine;

/// <summary>
/// One command's execution: moves tokens through the process until each waits or ends,
/// recording every change as a journal event and every external need as a side effect.
/// </summary>
internal sealed class CommandRun(ExecutableProcess process, InstanceState state, EngineOptions options, DateTimeOffset now)
{
    private readonly List<JournalEvent> _events = [];
    private readonly List<SideEffect> _effects = [];
    private readonly Queue<(TokenState Token, SequenceFlow? Via)> _agenda = new();
    private CommandRejection? _rejection;
    private int _steps;

    public CommandResult Run(EngineCommand command)
    {
        switch (command)
        {
            case StartInstance start:
                Start(start);
                break;
            case CompleteTask complete:
                CompleteTask(complete);
                break;
            case FireTimer fire:
                FireTimer(fire);
                break;
            case CorrelateMessage message:
                Correlate(message);
                break;
            case CompleteCall call:
                CompleteCall(call);
                break;
            case CancelInstance cancel:
                Cancel(cancel);
                break;
            case PauseClock pause when state.ClockPausedAt is not null:
                Reject("clock-paused", $"the clock of instance '{state.InstanceId}' is already paused");
                break;
            case PauseClock pause:
                Pause(pause.Reason, pause.Actor);
                break;
            case ResumeClock when state.ClockPausedAt is null:
                Reject("clock-running", $"the clock of instance '{state.InstanceId}' is not paused");
                break;
            case ResumeClock resume:
                Resume(resume.Actor);
                break;
            case RestartClock restart:
                if (SupplementRefusal() is { } refusal)
                {
                    Reject("supplement-not-allowed", refusal);
                    break;
                }

                Restart(restart.Reason, restart.Actor);
                break;
            default:
                Reject("unknown-command", $"the engine does not know the command {command.GetType().Name}");
                break;
        }

        if (_rejection is null)
        {
            Drain();
        }

        return new CommandResult(state, _events, _effects, _rejection);
    }

    private void Start(StartInstance start)
    {
        state.InstanceId = start.InstanceId;
        state.ProcessId = process.Id;
        state.BusinessKey = start.BusinessKey;
        state.Status = InstanceStatus.Running;
        state.StartedAt = now;
        if (process.TimeLimit is { } limit)
        {
            state.DueAt = options.Calendar.Add(now, limit);
        }

        var root = new ScopeState(NewId("s"), process.Id, null, null);
        state.Scopes.Add(root);
        Journal(JournalEventType.InstanceStarted, scopeId: root.Id, actor: start.Actor, due: state.DueAt, name: start.BusinessKey);
        SetVariables(start.Variables);
        ArmDossierTimers();
        Enter(NewToken(root.Id, process.Start), null);
    }

    private void CompleteTask(CompleteTask command)
    {
        if (state.Bookmarks.Find(b => b.Id == command.TaskId && b.Purpose == Purposes.Apology) is { } apology)
        {
            CompleteApology(command, apology);
            return;
        }

        if (!TryTakeBookmark(command.TaskId, BookmarkKind.Task, "task", out var bookmark, out var node, out var token))
        {
            return;
        }

        if (command.ErrorCode is null && command.Outcome is not null && node.Outcomes.Count > 0 && !node.Outcomes.Contains(command.Outcome))
        {
            state.Bookmarks.Add(bookmark);
            Reject("outcome-not-allowed", $"task '{command.TaskId}' ({node.Id}) accepts the outcomes {string.Join(", ", node.Outcomes)}, not '{command.Outcome}'");
            return;
        }

        SetVariables(command.Variables);
        if (command.Outcome is not null)
        {
            SetVariable("outcome", JsonSerializer.SerializeToElement(command.Outcome));
        }

        Journal(JournalEventType.TaskCompleted, elementId: node.Id, tokenId: token.Id, bookmarkId: bookmark.Id, actor: command.Actor, outcome: command.Outcome, reason: command.ErrorCode is null ? null : "error " + command.ErrorCode, due: bookmark.Due, evaluation: Punctuality.Evaluate(now, bookmark.Due));
        if (command.ErrorCode is { } code)
        {
            Journal(JournalEventType.ErrorThrown, elementId: node.Id, tokenId: token.Id, reason: code);
            ThrowError(node, token, code);
            return;
        }

        Leave(token, node);
    }

    private void FireTimer(FireTimer command)
    {
        var bookmark = state.Bookmarks.Find(b => b.Id == command.TimerId && b.Kind == BookmarkKind.Timer);
        if (bookmark is null)
        {
            return;
        }

        state.Bookmarks.Remove(bookmark);
        if (bookmark.Purpose is not null)
        {
            FireDossierTimer(bookmark);
            return;
        }

        var node = process.NodeIndex[bookmark.ElementId];
        var token = Token(bookmark.TokenId);
        Journal(JournalEventType.TimerFired, elementId: node.Id, tokenId: token.Id, bookmarkId: bookmark.Id, due: bookmark.Due);
        if (node.Kind == ElementKind.TimerCatchEvent)
        {
            Leave(token, node);
            return;
        }

        if (node.CancelActivity)
        {
            CancelToken(token, $"interrupted by timer {node.Id}");
        }
        else if (bookmark.RemainingRepetitions is { } left && left != 1)
        {
            ArmTimer(node, token, bookmark.Due ?? now, left == -1 ? -1 : left - 1);
        }

        Enter(NewToken(token.ScopeId, node), null);
    }

    private void Correlate(CorrelateMessage command)
    {
        var bookmark = state.Bookmarks.Find(b => b.Kind == BookmarkKind.Message && b.MessageName == command.MessageName
            && (b.CorrelationKey is null || b.CorrelationKey == command.CorrelationKey));
        var payload = command.Payload is null ? [] : command.Payload.ToDictionary(p => p.Key, p => p.Value.Clone());
        if (bookmark is null)
        {
            state.BufferedMessages.Add(new BufferedMessage(command.MessageName, command.CorrelationKey, payload, now));
            Journal(JournalEventType.MessageBuffered, name: command.MessageName, value: Key(command.CorrelationKey), actor: command.Actor);
            return;
        }

        state.Bookmarks.Remove(bookmark);
        var node = process.NodeIndex[bookmark.ElementId];
        var token = Token(bookmark.TokenId);
        Journal(JournalEventType.MessageCorrelated, elementId: node.Id, tokenId: token.Id, bookmarkId: bookmark.Id, name: command.MessageName, value: Key(command.CorrelationKey), actor: command.Actor);
        SetVariables(payload);
        Leave(token, node);
    }

    private void CompleteCall(CompleteCall command)
    {
        if (!TryTakeBookmark(command.CallId, BookmarkKind.Call, "call", out var bookmark, out var node, out var token))
        {
            return;
        }

        Journal(JournalEventType.CallCompleted, elementId: node.Id, tokenId: token.Id, bookmarkId: bookmark.Id, actor: command.Actor);
        SetVariables(command.Variables);
        Leave(token, node);
    }

    private void Cancel(CancelInstance command)
    {
        CloseDossierWork(command.Reason);
        var root = state.Scopes.Find(s => s.ParentScopeId is null)!;
        foreach (var token in state.Tokens.Where(t => t.ScopeId == root.Id).ToList())
        {
            CancelToken(token, command.Reason);
        }

        state.Tokens.Clear();
        state.Bookmarks.Clear();
        state.Joins.Clear();
        state.BufferedMessages.Clear();
        state.Incidents.Clear();
        state.Scopes.Clear();
        state.Status = InstanceStatus.Cancelled;
        state.EndedAt = now;
        Journal(JournalEventType.InstanceCancelled, actor: command.Actor, reason: command.Reason);
        _effects.Add(new InstanceEnded(InstanceStatus.Cancelled));
    }

    private bool TryTakeBookmark(string id, BookmarkKind kind, string what, out Bookmark bookmark, out FlowNode node, out TokenState token)
    {
        Bookmark? found = null;
        foreach (var b in state.Bookmarks)
        {
            if (b.Id == id && b.Kind == kind)
            {
                found = b;
                break;
            }
        }

        if (found is null)
        {
            bookmark = null!;
            node = null!;
            token = null!;
            Reject("not-found", $"instance '{state.InstanceId}' has no open {what} '{id}'");
            return false;
        }

        bookmark = found;
        state.Bookmarks.Remove(found);
        node = process.NodeIndex[found.ElementId];
        token = Token(found.TokenId);
        return true;
    }

    /// <summary>Runs queued tokens, then fires inclusive joins that nothing upstream can still reach, until all is still.</summary>
    private void Drain()
    {
        do
        {
            while (_agenda.TryDequeue(out var work))
            {
                if (!IsLive(work.Token))
                {
                    continue;
                }

                if (++_steps > options.MaxSteps)
                {
                    var message = $"more than {options.MaxSteps} steps without reaching a wait state; the process probably loops";
                    RaiseIncident(work.Token, process.NodeIndex[work.Token.ElementId], message);
                    while (_agenda.TryDequeue(out var rest))
                    {
                        RaiseIncident(rest.Token, process.NodeIndex[rest.Token.ElementId], message);
                    }

                    return;
                }

                Execute(work.Token, process.NodeIndex[work.Token.ElementId], work.Via);
            }
        }
        while (FireReadyInclusiveJoin());

        ReportStuckJoins();
    }

    private void Execute(TokenState token, FlowNode node, SequenceFlow? via)
    {
        Journal(JournalEventType.ElementEntered, elementId: node.Id, tokenId: token.Id, flowId: via?.Id);
        switch (node.Kind)
        {
            case ElementKind.StartEvent or ElementKind.IntermediateThrowEvent or ElementKind.ManualTask
                or ElementKind.TimerBoundaryEvent or ElementKind.ErrorBoundaryEvent:
                Leave(token, node);
                break;
            case ElementKind.Task or ElementKind.ServiceTask or ElementKind.SendTask when !node.IsWaitState:
                RequestService(node);
                Leave(token, node);
                break;
            case ElementKind.EndEvent:
                Leave(token, node);
                break;
            case ElementKind.TerminateEndEvent:
                Leave(token, node, []);
                Terminate(token.ScopeId, node);
                break;
            case ElementKind.ErrorEndEvent:
                Journal(JournalEventType.ErrorThrown, elementId: node.Id, tokenId: token.Id, reason: node.ErrorCode);
                Journal(JournalEventType.ElementLeft, elementId: node.Id, tokenId: token.Id);

                // The thrower leaves without completing its scope: the error decides what happens to the scope.
                state.Tokens.Remove(token);
                ThrowError(node, token, node.ErrorCode);
                break;
            case ElementKind.UserTask or ElementKind.ServiceTask or ElementKind.SendTask or ElementKind.Task:
                CreateTask(token, node);
                break;
            case ElementKind.ReceiveTask or ElementKind.MessageCatchEvent:
                AwaitMessage(token, node);
                break;
            case ElementKind.TimerCatchEvent:
                token.Waiting = true;
                ArmTimer(node, token, now, null);
                break;
            case ElementKind.CallActivity:
                StartCall(token, node);
                break;
            case ElementKind.SubProcess:
                token.Waiting = true;
                ArmBoundaries(token, node);
                var scope = new ScopeState(NewId("s"), node.Id, token.ScopeId, token.Id);
                state.Scopes.Add(scope);
                Enter(NewToken(scope.Id, node.Scope!.Start), null);
                break;
            case ElementKind.ExclusiveGateway:
                Decide(token, node, inclusive: false);
                break;
            case ElementKind.InclusiveGateway when node.IsJoin:
                Arrive(token, node, via);
                break;
            case ElementKind.InclusiveGateway:
                Decide(token, node, inclusive: true);
                break;
            case ElementKind.ParallelGateway when node.IsJoin:
                Arrive(token, node, via);
                var join = Join(token.ScopeId, node);
                if (node.Incoming.All(f => join.Arrived.GetValueOrDefault(f.Id) > 0))
                {
                    FireJoin(token.ScopeId, node, join, node.Outgoing);
                }

                break;
            case ElementKind.ParallelGateway:
                Journal(JournalEventType.GatewayDecision, elementId: node.Id, tokenId: token.Id, flows: node.Outgoing.Select(f => f.Id).ToList());
                Leave(token, node);
                break;
        }
    }

    private void CreateTask(TokenState token, FlowNode node)
    {
        if (node.Extensions.Count > 0 && !ClockOnWait(token, node))
        {
            return;
        }

        token.Waiting = true;
        var due = node.Allowance is { } allowance ? options.Calendar.Add(now, allowance, node.Unit) : (DateTimeOffset?)null;
        var task = new Bookmark { Id = NewId("task-"), Kind = BookmarkKind.Task, ElementId = node.Id, TokenId = token.Id, Due = due };
        state.Bookmarks.Add(task);
        _effects.Add(new TaskCreated(task.Id, node.Id, node.Name, node.Unit, node.Role, node.DomainKind, due, node.Extensions));
        Journal(JournalEventType.TaskCreated, elementId: node.Id, tokenId: token.Id, bookmarkId: task.Id, due: due, name: node.Name);
        if (due is { } d && options.DueWarning is { } warning && options.Calendar.Subtract(d, warning, node.Unit) is var warnAt && warnAt > now)
        {
            ArmPurposeTimer(Purposes.DueWarning, node.Id, token.Id, warnAt);
        }
        ArmBoundaries(token, node);
    }

    private void RequestService(FlowNode node)
    {
        if (node.Kind == ElementKind.Task && node.DomainKind is null)
        {
            return;
        }

        if (node.Kind == ElementKind.SendTask || node.DomainKind == "notify")
        {
            _effects.Add(new MessageToSend(node.Id, node.Extensions.GetValueOrDefault("channel"), node.Extensions.GetValueOrDefault("template"), node.Extensions));
            Journal(JournalEventType.MessageSent, elementId: node.Id, name: node.Extensions.GetValueOrDefault("template"));
            return;
        }

        _effects.Add(new ServiceRequest(node.Id, node.DomainKind, node.Extensions));
        Journal(JournalEventType.ServiceRequested, elementId: node.Id, name: node.DomainKind);
    }

    private void AwaitMessage(TokenState token, FlowNode node)
    {
        string? key = null;
        if (node.CorrelationKey is { } expression && !expression.TryEvaluateText(state.Variables, out key, out var error))
        {
            RaiseIncident(token, node, "correlation key " + error);
            return;
        }

        if (node.Extensions.Count > 0 && !ClockOnWait(token, node))
        {
            return;
        }

        var buffered = state.BufferedMessages.Find(m => m.Name == node.MessageName && (key is null || m.CorrelationKey == key));
        if (buffered is not null)
        {
            state.BufferedMessages.Remove(buffered);
            Journal(JournalEventType.MessageCorrelated, elementId: node.Id, tokenId: token.Id, name: buffered.Name, value: Key(buffered.CorrelationKey), reason: "buffered");
            SetVariables(buffered.Payload);
            Leave(token, node);
            return;
        }

        token.Waiting = true;
        var subscription = new Bookmark { Id = NewId("msg-"), Kind = BookmarkKind.Message, ElementId = node.Id, TokenId = token.Id, MessageName = node.MessageName, CorrelationKey = key };
        state.Bookmarks.Add(subscription);
        Journal(JournalEventType.MessageAwaited, elementId: node.Id, tokenId: token.Id, bookmarkId: subscription.Id, name: node.MessageName, value: Key(key));
        ArmBoundaries(token, node);
    }

    private void StartCall(TokenState token, FlowNode node)
    {
        token.Waiting = true;
        var call = new Bookmark { Id = NewId("call-"), Kind = BookmarkKind.Call, ElementId = node.Id, TokenId = token.Id };
        state.Bookmarks.Add(call);
        _effects.Add(new CallToStart(call.Id, node.Id, node.CalledElement!, node.CalledVersion, new Dictionary<string, JsonElement>(state.Variables)));
        Journal(JournalEventType.CallStarted, elementId: node.Id, tokenId: token.Id, bookmarkId: call.Id, name: node.CalledElement);
        ArmBoundaries(token, node);
    }

    private void ArmBoundaries(TokenState token, FlowNode node)
    {
        foreach (var boundary in node.Boundaries)
        {
            if (boundary.Timer is { Repetitions: var repetitions })
            {
                ArmTimer(boundary, token, now, repetitions);
            }
        }
    }

    private void ArmTimer(FlowNode node, TokenState token, DateTimeOffset from, int? repetitions)
    {
        var unit = node.AttachedTo?.Unit ?? node.Unit;
        var due = node.Timer!.DueFrom(from, options.Calendar, unit);
        var timer = new Bookmark { Id = NewId("timer-"), Kind = BookmarkKind.Timer, ElementId = node.Id, TokenId = token.Id, Due = due, RemainingRepetitions = repetitions };
        state.Bookmarks.Add(timer);
        _effects.Add(new TimerArmed(timer.Id, node.Id, due));
        Journal(JournalEventType.TimerArmed, elementId: node.Id, tokenId: token.Id, bookmarkId: timer.Id, due: due);
    }

    private void Decide(TokenState token, FlowNode node, bool inclusive)
    {
        if (node.Outgoing.Count == 1 && node.Outgoing[0].Condition is null)
        {
            Leave(token, node);
            return;
        }

        var chosen = new List<SequenceFlow>();
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

            if (!flow.Condition.TryEvaluate(state.Variables, out var result, out var error))
            {
                RaiseIncident(token, node, $"condition of flow '{flow.Id}' {error}");
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
            RaiseIncident(token, node, "no outgoing condition is true and the gateway has no default flow");
            return;
        }

        Journal(JournalEventType.GatewayDecision, elementId: node.Id, tokenId: token.Id, flows: chosen.ConvertAll(f => f.Id));
        Leave(token, node, chosen);
    }

    private void Arrive(TokenState token, FlowNode node, SequenceFlow? via)
    {
        var join = Join(token.ScopeId, node);
        var flowId = via?.Id ?? node.Incoming[0].Id;
        join.Arrived[flowId] = join.Arrived.GetValueOrDefault(flowId) + 1;
        state.Tokens.Remove(token);
    }

    private JoinState Join(string scopeId, FlowNode node)
    {
        var join = state.Joins.Find(j => j.ScopeId == scopeId && j.GatewayId == node.Id);
        if (join is null)
        {
            join = new JoinState { ScopeId = scopeId, GatewayId = node.Id };
            state.Joins.Add(join);
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
            state.Joins.Remove(join);
        }

        var token = NewToken(scopeId, node);
        Journal(JournalEventType.GatewayDecision, elementId: node.Id, tokenId: token.Id, flows: consumed, reason: "joined");
        if (node.Kind == ElementKind.InclusiveGateway && node.Outgoing.Count > 1)
        {
            Decide(token, node, inclusive: true);
            return;
        }

        Journal(JournalEventType.GatewayDecision, elementId: node.Id, tokenId: token.Id, flows: outgoing.Select(f => f.Id).ToList());
        Leave(token, node, outgoing);
    }

    /// <summary>
    /// An inclusive join fires when a token has arrived on some incoming flow and no token in
    /// its scope can still reach an incoming flow that has none (BPMN 2.0, 13.3.4).
    /// </summary>
    private bool FireReadyInclusiveJoin()
    {
        if (state.Joins.Count == 0)
        {
            return false;
        }

        foreach (var join in state.Joins)
        {
            var node = process.NodeIndex[join.GatewayId];
            if (node.Kind != ElementKind.InclusiveGateway || join.Arrived.Count == 0)
            {
                continue;
            }

            var ready = node.Incoming.All(f => join.Arrived.ContainsKey(f.Id)
                || !state.Tokens.Any(t => t.ScopeId == join.ScopeId && node.UpstreamOfIncoming![f.Id].Contains(process.NodeIndex[t.ElementId])));
            if (ready)
            {
                FireJoin(join.ScopeId, node, join, node.Outgoing);
                return true;
            }
        }

        return false;
    }

    private bool IsLive(TokenState token)
    {
        foreach (var t in state.Tokens)
        {
            if (ReferenceEquals(t, token))
            {
                return true;
            }
        }

        return false;
    }

    private void ReportStuckJoins()
    {
        if (state.Joins.Count == 0)
        {
            return;
        }

        foreach (var join in state.Joins.ToList())
        {
            if (join.Arrived.Count > 0 && !state.Tokens.Any(t => t.ScopeId == join.ScopeId)
                && !state.Incidents.Any(i => i.ElementId == join.GatewayId))
            {
                var node = process.NodeIndex[join.GatewayId];
                var missing = node.Incoming.Where(f => !join.Arrived.ContainsKey(f.Id)).Select(f => f.Id);
                RaiseIncident(null, node, $"the join waits on {string.Join(", ", missing)}, which no token can reach any more");
            }
        }
    }

    /// <summary>Moves a token out of a node along <paramref name="flows"/> (default: all outgoing), disarming its boundary events.</summary>
    private void Leave(TokenState token, FlowNode node, IReadOnlyList<SequenceFlow>? flows = null)
    {
        token.Waiting = false;
        if (node.Extensions.Count > 0)
        {
            ClockOnLeave(node);
        }

        Journal(JournalEventType.ElementLeft, elementId: node.Id, tokenId: token.Id);
        if (node.Boundaries.Count > 0 || node.CreatesTask)
        {
            DropTokenTimers(token);
        }

        flows ??= node.Outgoing;
        if (flows.Count == 0)
        {
            state.Tokens.Remove(token);
            CompleteScopeIfEmpty(token.ScopeId);
            return;
        }

        for (var i = 0; i < flows.Count; i++)
        {
            var flow = flows[i];
            var moving = i == 0 ? token : NewToken(token.ScopeId, node);
            Journal(JournalEventType.FlowTaken, elementId: node.Id, flowId: flow.Id, tokenId: moving.Id);
            moving.ElementId = flow.Target.Id;
            _agenda.Enqueue((moving, flow));
        }
    }

    private void Enter(TokenState token, SequenceFlow? via) => _agenda.Enqueue((token, via));

    private void CompleteScopeIfEmpty(string scopeId)
    {
        if (HasTokenIn(scopeId) || state.Joins.Count > 0 && state.Joins.Exists(j => j.ScopeId == scopeId && j.Arrived.Count > 0))
        {
            return;
        }

        ScopeState? scope = null;
        foreach (var s in state.Scopes)
        {
            if (s.Id == scopeId)
            {
                scope = s;
            }
        }

        if (scope is null)
        {
            return;
        }

        state.Scopes.Remove(scope);
        if (state.Joins.Count > 0)
        {
            state.Joins.RemoveAll(j => j.ScopeId == scopeId);
        }

        if (scope.ParentTokenId is null)
        {
            if (state.Status == InstanceStatus.Running)
            {
                state.Status = InstanceStatus.Completed;
                state.EndedAt = now;
                if (state.ClockPausedAt is not null)
                {
                    Resume("system");
                }

                CloseDossierWork("instance completed");
                Journal(JournalEventType.InstanceCompleted, scopeId: scope.Id, due: state.DueAt, evaluation: Punctuality.Evaluate(now, state.DueAt));
                _effects.Add(new InstanceEnded(InstanceStatus.Completed));
            }

            return;
        }

        var parent = Token(scope.ParentTokenId);
        Leave(parent, process.NodeIndex[scope.ElementId]);
    }

    private void Terminate(string scopeId, FlowNode node)
    {
        foreach (var other in state.Tokens.Where(t => t.ScopeId == scopeId).ToList())
        {
            CancelToken(other, $"terminated by {node.Id}");
        }

        state.Joins.RemoveAll(j => j.ScopeId == scopeId);
        CompleteScopeIfEmpty(scopeId);
    }

    /// <summary>
    /// Finds the nearest error boundary event that catches <paramref name="code"/>: first on the
    /// activity that raised it, then on each enclosing sub-process. Uncaught, it faults the instance.
    /// </summary>
    private void ThrowError(FlowNode origin, TokenState token, string? code)
    {
        if (Catcher(origin, code) is { } direct && IsLive(token))
        {
            CancelToken(token, $"error {code} caught by {direct.Id}");
            Enter(NewToken(token.ScopeId, direct), null);
            return;
        }

        var scope = state.Scopes.Find(s => s.Id == token.ScopeId);
        while (scope?.ParentTokenId is { } parentTokenId)
        {
            var subProcess = process.NodeIndex[scope.ElementId];
            if (Catcher(subProcess, code) is { } boundary)
            {
                var parent = Token(parentTokenId);
                CancelToken(parent, $"error {code} caught by {boundary.Id}");
                Enter(NewToken(parent.ScopeId, boundary), null);
                return;
            }

            scope = state.Scopes.Find(s => s.Id == scope.ParentScopeId);
        }

        foreach (var other in state.Tokens.Where(t => state.Scopes.Find(s => s.Id == t.ScopeId)?.ParentScopeId is null).ToList())
        {
            CancelToken(other, $"error {code} was not caught");
        }

        CloseDossierWork($"error {code} was not caught");
        var message = $"BPMN error '{code ?? "(no code)"}' thrown at {origin.Id} was not caught by any error boundary event";
        state.Incidents.Add(new Incident(NewId("incident-"), origin.Id, null, message, now));
        Journal(JournalEventType.Incident, elementId: origin.Id, reason: message);
        state.Status = InstanceStatus.Faulted;
        state.EndedAt = now;
        state.Scopes.Clear();
        state.Joins.Clear();
        Journal(JournalEventType.InstanceFaulted, reason: message);
        _effects.Add(new InstanceEnded(InstanceStatus.Faulted));
    }

    private static FlowNode? Catcher(FlowNode activity, string? code) =>
        activity.Boundaries.FirstOrDefault(b => b.Kind == ElementKind.ErrorBoundaryEvent && b.ErrorCode == code)
        ?? activity.Boundaries.FirstOrDefault(b => b.Kind == ElementKind.ErrorBoundaryEvent && b.ErrorCode is null);

    /// <summary>Removes a token and everything that hangs on it: its tasks, timers, subscriptions, calls and, for a sub-process, its whole scope.</summary>
    private void CancelToken(TokenState token, string reason)
    {
        foreach (var bookmark in state.Bookmarks.Where(b => b.TokenId == token.Id).ToList())
        {
            state.Bookmarks.Remove(bookmark);
            switch (bookmark.Kind)
            {
                case BookmarkKind.Task:
                    _effects.Add(new TaskCancelled(bookmark.Id, bookmark.ElementId));
                    Journal(JournalEventType.TaskCancelled, elementId: bookmark.ElementId, tokenId: token.Id, bookmarkId: bookmark.Id, reason: reason);
                    break;
                case BookmarkKind.Timer:
                    _effects.Add(new TimerDisarmed(bookmark.Id, bookmark.ElementId));
                    Journal(JournalEventType.TimerCancelled, elementId: bookmark.ElementId, tokenId: token.Id, bookmarkId: bookmark.Id, reason: reason);
                    break;
                case BookmarkKind.Call:
                    _effects.Add(new CallToCancel(bookmark.Id, bookmark.ElementId));
                    break;
            }
        }

        foreach (var child in state.Scopes.Where(s => s.ParentTokenId == token.Id).ToList())
        {
            foreach (var inner in state.Tokens.Where(t => t.ScopeId == child.Id).ToList())
            {
                CancelToken(inner, reason);
            }

            state.Joins.RemoveAll(j => j.ScopeId == child.Id);
            state.Scopes.Remove(child);
        }

        if (state.Incidents.RemoveAll(i => i.TokenId == token.Id) > 0 && state.Incidents.Count == 0 && state.Status == InstanceStatus.Faulted)
        {
            state.Status = InstanceStatus.Running;
        }

        state.Tokens.Remove(token);
        Journal(JournalEventType.ElementCancelled, elementId: token.ElementId, tokenId: token.Id, reason: reason);
    }

    /// <summary>Disarms the timers that hang on a token leaving its activity: boundary timers and due warnings.</summary>
    private void DropTokenTimers(TokenState token)
    {
        for (var i = state.Bookmarks.Count - 1; i >= 0; i--)
        {
            var bookmark = state.Bookmarks[i];
            if (bookmark.TokenId == token.Id && bookmark.Kind == BookmarkKind.Timer)
            {
                state.Bookmarks.RemoveAt(i);
                _effects.Add(new TimerDisarmed(bookmark.Id, bookmark.ElementId));
                Journal(JournalEventType.TimerCancelled, elementId: bookmark.ElementId, tokenId: token.Id, bookmarkId: bookmark.Id, reason: "activity completed");
            }
        }
    }

    private void RaiseIncident(TokenState? token, FlowNode node, string message)
    {
        if (token is not null)
        {
            token.Waiting = false;
        }

        state.Incidents.Add(new Incident(NewId("incident-"), node.Id, token?.Id, message, now));
        Journal(JournalEventType.Incident, elementId: node.Id, tokenId: token?.Id, reason: message);
        if (state.Status == InstanceStatus.Running)
        {
            state.Status = InstanceStatus.Faulted;
            Journal(JournalEventType.InstanceFaulted, elementId: node.Id, reason: message);
        }
    }

    private void SetVariables(IReadOnlyDictionary<string, JsonElement>? variables)
    {
        if (variables is null)
        {
            return;
        }

        foreach (var (name, value) in variables)
        {
            SetVariable(name, value.Clone());
        }
    }

    private void SetVariable(string name, JsonElement value)
    {
        if (state.Variables.TryGetValue(name, out var old) && old.ValueKind == value.ValueKind && old.GetRawText() == value.GetRawText())
        {
            return;
        }

        state.Variables[name] = value;
        Journal(JournalEventType.VariableChanged, name: name, value: value);
    }

    private TokenState NewToken(string scopeId, FlowNode node)
    {
        var token = new TokenState { Id = NewId("k"), ScopeId = scopeId, ElementId = node.Id };
        state.Tokens.Add(token);
        return token;
    }

    private TokenState Token(string id)
    {
        foreach (var token in state.Tokens)
        {
            if (token.Id == id)
            {
                return token;
            }
        }

        throw new InvalidOperationException($"instance '{state.InstanceId}' state is inconsistent: token '{id}' is missing");
    }

    private bool HasTokenIn(string scopeId)
    {
        foreach (var token in state.Tokens)
        {
            if (token.ScopeId == scopeId)
            {
                return true;
            }
        }

        return false;
    }

    private string NewId(string prefix) => prefix + (++state.LastId).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static JsonElement? Key(string? key) => key is null ? null : JsonSerializer.SerializeToElement(key);

    private void Reject(string code, string message) => _rejection = new CommandRejection(code, message);

    private static class Purposes
    {
        public const string DueWarning = "due-warning";
        public const string ApologyTimer = "apology";
        public const string Apology = "apology-task";
        public const string LateCheck = "late-check";
    }

    private void Journal(
        JournalEventType type, string? elementId = null, string? flowId = null, string? tokenId = null, string? scopeId = null,
        string? bookmarkId = null, string? actor = null, string? outcome = null, string? reason = null, DateTimeOffset? due = null,
        string? name = null, JsonElement? value = null, IReadOnlyList<string>? flows = null, string? evaluation = null) =>
        _events.Add(new JournalEvent
        {
            Seq = ++state.LastSequence, At = now, Type = type, ElementId = elementId, FlowId = flowId, TokenId = tokenId, ScopeId = scopeId,
            BookmarkId = bookmarkId, Actor = actor, Outcome = outcome, Reason = reason, Due = due, Name = name, Value = value, Flows = flows,
            Evaluation = evaluation,
        });

    private void Pause(string reason, string actor)
    {
        state.ClockPausedAt = now;
        Journal(JournalEventType.ClockPaused, actor: actor, reason: reason, due: state.DueAt);
        DisarmDossierTimers("clock paused");
    }

    private void Resume(string actor)
    {
        var paused = options.Calendar.CountWorkingTime(state.ClockPausedAt!.Value, now);
        state.ClockPausedAt = null;
        if (state.DueAt is { } due && paused > TimeSpan.Zero)
        {
            state.DueAt = options.Calendar.Add(due, new WorkingDuration(0, paused));
        }

        Journal(JournalEventType.ClockResumed, actor: actor, due: state.DueAt, reason: $"paused for {paused.TotalHours:0.##} working hours");
        ArmDossierTimers();
    }

    private void Restart(string reason, string actor)
    {
        state.ClockPausedAt = null;
        state.ClockRestarts++;
        if (process.TimeLimit is { } limit)
        {
            state.DueAt = options.Calendar.Add(now, limit);
        }

        Journal(JournalEventType.ClockRestarted, actor: actor, reason: reason, due: state.DueAt);
        DisarmDossierTimers("time limit restarted");
        ArmDossierTimers();
    }

    /// <summary>
    /// Arms the dossier's own timers from its due date: the apology obligation one working day
    /// before the latest day an apology may be sent, and the late check at the due date itself.
    /// When the last day for an apology has already passed (a same-day procedure), only the late
    /// check is armed.
    /// </summary>
    private void ArmDossierTimers()
    {
        if (state.DueAt is not { } due || state.ClockPausedAt is not null || state.Status is not (InstanceStatus.Running or InstanceStatus.Faulted))
        {
            return;
        }

        if (options.ApologyNotice is { } notice && state.ApologyIssuedAt is null && !state.Bookmarks.Exists(b => b.Purpose == Purposes.Apology))
        {
            var lastDay = options.Calendar.Subtract(due, notice);
            var raise = options.Calendar.Subtract(due, notice with { Days = notice.Days + 1 });
            if (lastDay > now)
            {
                ArmPurposeTimer(Purposes.ApologyTimer, process.Id, "", raise > now ? raise : now);
            }
        }

        ArmPurposeTimer(Purposes.LateCheck, process.Id, "", due);
    }

    private void DisarmDossierTimers(string reason)
    {
        for (var i = state.Bookmarks.Count - 1; i >= 0; i--)
        {
            var b = state.Bookmarks[i];
            if (b.Kind == BookmarkKind.Timer && b.Purpose is Purposes.ApologyTimer or Purposes.LateCheck)
            {
                state.Bookmarks.RemoveAt(i);
                _effects.Add(new TimerDisarmed(b.Id, b.ElementId));
                Journal(JournalEventType.TimerCancelled, elementId: b.ElementId, bookmarkId: b.Id, reason: reason, name: b.Purpose);
            }
        }
    }

    /// <summary>Ends the dossier's own timers and an open apology task when the instance ends.</summary>
    private void CloseDossierWork(string reason)
    {
        DisarmDossierTimers(reason);
        foreach (var task in state.Bookmarks.Where(b => b.Purpose == Purposes.Apology).ToList())
        {
            state.Bookmarks.Remove(task);
            _effects.Add(new TaskCancelled(task.Id, task.ElementId));
            Journal(JournalEventType.TaskCancelled, elementId: task.ElementId, bookmarkId: task.Id, reason: reason);
        }
    }

    private void ArmPurposeTimer(string purpose, string elementId, string tokenId, DateTimeOffset due)
    {
        var timer = new Bookmark { Id = NewId("timer-"), Kind = BookmarkKind.Timer, ElementId = elementId, TokenId = tokenId, Due = due, Purpose = purpose };
        state.Bookmarks.Add(timer);
        _effects.Add(new TimerArmed(timer.Id, elementId, due));
        Journal(JournalEventType.TimerArmed, elementId: elementId, tokenId: tokenId.Length == 0 ? null : tokenId, bookmarkId: timer.Id, due: due, name: purpose);
    }

    private void FireDossierTimer(Bookmark timer)
    {
        Journal(JournalEventType.TimerFired, elementId: timer.ElementId, tokenId: timer.TokenId.Length == 0 ? null : timer.TokenId, bookmarkId: timer.Id, due: timer.Due, name: timer.Purpose);
        switch (timer.Purpose)
        {
            case Purposes.DueWarning:
                var task = state.Bookmarks.Find(b => b.Kind == BookmarkKind.Task && b.TokenId == timer.TokenId && b.Purpose is null);
                if (task?.Due is { } taskDue)
                {
                    var node = process.NodeIndex[task.ElementId];
                    _effects.Add(new TaskDueSoon(task.Id, node.Id, node.Unit, node.Role, taskDue));
                    Journal(JournalEventType.TaskDueSoon, elementId: node.Id, bookmarkId: task.Id, due: taskDue);
                }

                break;
            case Purposes.ApologyTimer:
                var due = options.Calendar.Subtract(state.DueAt!.Value, options.ApologyNotice!.Value);
                var unit = process.Extensions.GetValueOrDefault("decidingUnit");
                var apology = new Bookmark { Id = NewId("task-"), Kind = BookmarkKind.Task, ElementId = process.Id, TokenId = "", Due = due, Purpose = Purposes.Apology };
                state.Bookmarks.Add(apology);
                var settings = new Dictionary<string, string> { ["template"] = options.ApologyTemplate };
                _effects.Add(new TaskCreated(apology.Id, process.Id, ApologyTaskName, unit, "leader", "apology", due, settings));
                Journal(JournalEventType.ApologyRequired, elementId: process.Id, bookmarkId: apology.Id, due: state.DueAt, reason: $"the dossier is not done and an apology is due by {due:yyyy-MM-dd HH:mm}");
                Journal(JournalEventType.TaskCreated, elementId: process.Id, bookmarkId: apology.Id, due: due, name: ApologyTaskName);
                break;
            case Purposes.LateCheck when state.ApologyIssuedAt is null:
                state.LateWithoutApology = true;
                Journal(JournalEventType.LateWithoutApology, elementId: process.Id, due: state.DueAt, reason: "the due date passed and no apology letter was issued");
                break;
        }
    }

    private const string ApologyTaskName = "Phiếu xin lỗi và hẹn lại ngày trả kết quả";

    /// <summary>
    /// The leader signs the apology (outcome <c>issue</c>, with variables <c>newDueAt</c> and
    /// <c>reason</c>) or finds it not needed (outcome <c>not-needed</c>). The date moves only once.
    /// </summary>
    private void CompleteApology(CompleteTask command, Bookmark task)
    {
        var outcome = command.Outcome ?? "issue";
        if (outcome == "not-needed")
        {
            state.Bookmarks.Remove(task);
            Journal(JournalEventType.TaskCompleted, elementId: task.ElementId, bookmarkId: task.Id, actor: command.Actor, outcome: outcome, due: task.Due, evaluation: Punctuality.Evaluate(now, task.Due));
            return;
        }

        if (outcome != "issue")
        {
            Reject("outcome-not-allowed", $"the apology task '{task.Id}' accepts the outcomes issue, not-needed, not '{outcome}'");
            return;
        }

        var variables = command.Variables ?? new Dictionary<string, JsonElement>();
        if (!variables.TryGetValue("newDueAt", out var newDueJson) || newDueJson.ValueKind != JsonValueKind.String
            || !DateTimeOffset.TryParse(newDueJson.GetString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var newDue))
        {
            Reject("apology-invalid", "variables.newDueAt: the new date for the result is required, as an ISO 8601 date-time with offset");
            return;
        }

        if (newDue <= state.DueAt)
        {
            Reject("apology-invalid", $"variables.newDueAt: the new date {newDue:yyyy-MM-dd HH:mm} must be later than the current due date {state.DueAt:yyyy-MM-dd HH:mm}");
            return;
        }

        if (!variables.TryGetValue("reason", out var reasonJson) || reasonJson.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(reasonJson.GetString()))
        {
            Reject("apology-invalid", "variables.reason: the reason for the delay is required");
            return;
        }

        var original = state.DueAt!.Value;
        var reason = reasonJson.GetString()!;
        state.Bookmarks.Remove(task);
        SetVariables(variables);
        Journal(JournalEventType.TaskCompleted, elementId: task.ElementId, bookmarkId: task.Id, actor: command.Actor, outcome: outcome, due: task.Due, evaluation: Punctuality.Evaluate(now, task.Due));
        state.ApologyIssuedAt = now;
        state.DueAt = newDue;
        Journal(JournalEventType.DueDateMoved, elementId: process.Id, actor: command.Actor, due: newDue, reason: reason, value: JsonSerializer.SerializeToElement(original));
        _effects.Add(new ApologyIssued(task.Id, original, newDue, reason, command.Actor, options.ApologyTemplate));
        DisarmDossierTimers("due date moved");
        ArmDossierTimers();
    }

    /// <summary>Decree 61/2018 art. 19(4): a supplement is asked for at most once, within 3 working days of receipt.</summary>
    private string? SupplementRefusal()
    {
        if (state.ClockRestarts > 0)
        {
            return "a supplement may be requested only once per dossier (Decree 61/2018 art. 19(4))";
        }

        var deadline = options.Calendar.Add(state.StartedAt, new WorkingDuration(3, TimeSpan.Zero));
        return now > deadline
            ? $"a supplement must be requested within 3 working days of receipt, by {deadline:yyyy-MM-dd HH:mm} (Decree 61/2018 art. 19(4))"
            : null;
    }

    /// <summary>Applies <c>bpm:clock</c> when a token starts waiting at <paramref name="node"/>.</summary>
    private bool ClockOnWait(TokenState token, FlowNode node)
    {
        switch (node.Extensions.GetValueOrDefault("clock"))
        {
            case "restart" when SupplementRefusal() is { } refusal:
                RaiseIncident(token, node, refusal);
                return false;
            case "pause" or "restart" when state.ClockPausedAt is null:
                Pause(node.Extensions["clock"] == "pause" ? $"waiting at {node.Id}" : $"supplement requested at {node.Id}", "system");
                break;
        }

        return true;
    }

    /// <summary>Applies <c>bpm:clock</c> when a token leaves <paramref name="node"/>.</summary>
    private void ClockOnLeave(FlowNode node)
    {
        switch (node.Extensions.GetValueOrDefault("clock"))
        {
            case "pause" when state.ClockPausedAt is not null:
                Resume("system");
                break;
            case "restart":
                Restart($"complete dossier received at {node.Id}", "system");
                break;
        }
    }
}
