using System.Text.Json;

namespace Bpm.Engine;

/// <summary>
/// One command's execution: dispatches the command, then lets the agenda move tokens through the
/// process until each waits or ends. The parts of the interpreter share one <see cref="RunContext"/>
/// and reach each other through this run; the dossier rules live apart in <c>DossierRules/</c>.
/// </summary>
internal sealed class CommandRun
{
    public CommandRun(ExecutableProcess process, InstanceState state, EngineOptions options, DateTimeOffset now)
    {
        Context = new RunContext(process, state, options, now);
        Agenda = new Agenda(this);
        Nodes = new NodeExecution(this);
        WaitStates = new WaitStates(this);
        Gateways = new Gateways(this);
        Scopes = new Scopes(this);
        Faults = new Faults(this);
        MultiInstances = new MultiInstances(this);
        Clock = new DossierClock(this);
        DossierTimers = new DossierTimers(this);
        Apology = new ApologyTask(this);
    }

    public RunContext Context { get; }

    public Agenda Agenda { get; }

    public NodeExecution Nodes { get; }

    public WaitStates WaitStates { get; }

    public Gateways Gateways { get; }

    public Scopes Scopes { get; }

    public Faults Faults { get; }

    public MultiInstances MultiInstances { get; }

    public DossierClock Clock { get; }

    public DossierTimers DossierTimers { get; }

    public ApologyTask Apology { get; }

    private InstanceState State => Context.State;

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
            case PauseClock or ResumeClock or RestartClock:
                Clock.Apply(command);
                break;
            default:
                Context.Reject("unknown-command", $"the engine does not know the command {command.GetType().Name}");
                break;
        }

        if (Context.Rejection is null)
        {
            Agenda.Drain();
        }

        return new CommandResult(State, Context.Events, Context.Effects, Context.Rejection);
    }

    private void Start(StartInstance start)
    {
        var process = Context.Process;
        State.InstanceId = start.InstanceId;
        State.ProcessId = process.Id;
        State.BusinessKey = start.BusinessKey;
        State.Status = InstanceStatus.Running;
        State.StartedAt = Context.Now;
        State.TimeLimit = start.TimeLimit;
        if (Context.TimeLimit is { } limit)
        {
            State.DueAt = Context.Calendar.Add(Context.Now, limit);
        }

        var root = new ScopeState(Context.NewId("s"), process.Id, null, null);
        State.Scopes.Add(root);

        // The given limit is journalled (ISO 8601) so that the history shows what set the due date; without one the event is as it always was.
        var given = start.TimeLimit is { } g ? JsonSerializer.SerializeToElement(g.ToString()) : (JsonElement?)null;
        Context.Journal(JournalEventType.InstanceStarted, scopeId: root.Id, actor: start.Actor, due: State.DueAt, name: start.BusinessKey, value: given);
        Context.SetVariables(start.Variables);
        DossierTimers.Arm();
        Agenda.Enter(Context.NewToken(root.Id, process.Start), null);
    }

    private void CompleteTask(CompleteTask command)
    {
        if (Apology.Owns(command.TaskId) is { } apology)
        {
            Apology.Complete(command, apology);
            return;
        }

        if (!TryTakeBookmark(command.TaskId, BookmarkKind.Task, "task", out var bookmark, out var node, out var token))
        {
            return;
        }

        // A step that offers decisions is left only with one of them: without it the gateway after the
        // step finds no 'outcome' and faults the instance, whichever host (API, page, desk step) completed it.
        if (command.ErrorCode is null && node.Outcomes.Count > 0 && (command.Outcome is null || !node.Outcomes.Contains(command.Outcome)))
        {
            State.Bookmarks.Add(bookmark);
            var offered = string.Join(", ", node.Outcomes);
            Context.Reject("outcome-not-allowed", command.Outcome is null
                ? $"task '{command.TaskId}' ({node.Id}) needs one of the outcomes {offered}"
                : $"task '{command.TaskId}' ({node.Id}) accepts the outcomes {offered}, not '{command.Outcome}'");
            return;
        }

        Context.SetVariables(command.Variables);
        if (command.Outcome is not null)
        {
            Context.SetVariable("outcome", JsonSerializer.SerializeToElement(command.Outcome));
        }

        Context.Journal(JournalEventType.TaskCompleted, elementId: node.Id, tokenId: token.Id, bookmarkId: bookmark.Id, actor: command.Actor, outcome: command.Outcome,
            reason: command.ErrorCode is null ? null : "error " + command.ErrorCode, due: bookmark.Due, evaluation: Punctuality.Evaluate(Context.Now, bookmark.Due));
        if (command.ErrorCode is { } code)
        {
            Context.Journal(JournalEventType.ErrorThrown, elementId: node.Id, tokenId: token.Id, reason: code);
            Faults.ThrowError(node, token, code);
            return;
        }

        Agenda.Leave(token, node);
    }

    private void FireTimer(FireTimer command)
    {
        var bookmark = State.Bookmarks.Find(b => b.Id == command.TimerId && b.Kind == BookmarkKind.Timer);
        if (bookmark is null)
        {
            return;
        }

        State.Bookmarks.Remove(bookmark);
        if (bookmark.Purpose == MultiInstances.TimeLimitPurpose)
        {
            MultiInstances.TimeOut(bookmark);
            return;
        }

        if (bookmark.Purpose is not null)
        {
            DossierTimers.Fire(bookmark);
            return;
        }

        var node = Context.Node(bookmark.ElementId);
        var token = Context.Token(bookmark.TokenId);
        Context.Journal(JournalEventType.TimerFired, elementId: node.Id, tokenId: token.Id, bookmarkId: bookmark.Id, due: bookmark.Due);
        if (node.Kind == ElementKind.TimerCatchEvent)
        {
            Gateways.EventHappened(token, node);
            return;
        }

        if (node.CancelActivity)
        {
            Scopes.CancelToken(token, $"interrupted by timer {node.Id}");
        }
        else if (bookmark.RemainingRepetitions is { } left && left != 1)
        {
            WaitStates.ArmTimer(node, token, bookmark.Due ?? Context.Now, left == -1 ? -1 : left - 1);
        }

        Agenda.Enter(Context.NewToken(token.ScopeId, node), null);
    }

    private void Correlate(CorrelateMessage command)
    {
        var bookmark = State.Bookmarks.Find(b => b.Kind == BookmarkKind.Message && b.MessageName == command.MessageName
            && (b.CorrelationKey is null || b.CorrelationKey == command.CorrelationKey));
        var payload = command.Payload is null ? [] : command.Payload.ToDictionary(p => p.Key, p => p.Value.Clone());
        if (bookmark is null)
        {
            State.BufferedMessages.Add(new BufferedMessage(command.MessageName, command.CorrelationKey, payload, Context.Now));
            Context.Journal(JournalEventType.MessageBuffered, name: command.MessageName, value: RunContext.Key(command.CorrelationKey), actor: command.Actor);
            return;
        }

        State.Bookmarks.Remove(bookmark);
        var node = Context.Node(bookmark.ElementId);
        var token = Context.Token(bookmark.TokenId);
        Context.Journal(JournalEventType.MessageCorrelated, elementId: node.Id, tokenId: token.Id, bookmarkId: bookmark.Id, name: command.MessageName,
            value: RunContext.Key(command.CorrelationKey), actor: command.Actor);
        Context.SetVariables(payload);
        Gateways.EventHappened(token, node);
    }

    private void CompleteCall(CompleteCall command)
    {
        if (!TryTakeBookmark(command.CallId, BookmarkKind.Call, "call", out var bookmark, out var node, out var token))
        {
            return;
        }

        Context.Journal(JournalEventType.CallCompleted, elementId: node.Id, tokenId: token.Id, bookmarkId: bookmark.Id, actor: command.Actor);
        Context.SetVariables(command.Variables);
        Agenda.Leave(token, node);
    }

    private void Cancel(CancelInstance command)
    {
        DossierTimers.CloseDossierWork(command.Reason);
        var root = State.Scopes.Find(s => s.ParentScopeId is null)!;
        foreach (var token in State.Tokens.Where(t => t.ScopeId == root.Id).ToList())
        {
            Scopes.CancelToken(token, command.Reason);
        }

        State.Tokens.Clear();
        State.Bookmarks.Clear();
        State.Joins.Clear();
        State.BufferedMessages.Clear();
        State.Incidents.Clear();
        State.Scopes.Clear();
        State.Status = InstanceStatus.Cancelled;
        State.EndedAt = Context.Now;
        Context.Journal(JournalEventType.InstanceCancelled, actor: command.Actor, reason: command.Reason);
        Context.Emit(new InstanceEnded(InstanceStatus.Cancelled));
    }

    private bool TryTakeBookmark(string id, BookmarkKind kind, string what, out Bookmark bookmark, out FlowNode node, out TokenState token)
    {
        var found = State.Bookmarks.Find(b => b.Id == id && b.Kind == kind);
        if (found is null)
        {
            bookmark = null!;
            node = null!;
            token = null!;
            Context.Reject("not-found", $"instance '{State.InstanceId}' has no open {what} '{id}'");
            return false;
        }

        bookmark = found;
        State.Bookmarks.Remove(found);
        node = Context.Node(found.ElementId);
        token = Context.Token(found.TokenId);
        return true;
    }
}
