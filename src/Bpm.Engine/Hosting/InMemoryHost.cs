using System.Text.Json;

namespace Bpm.Engine;

/// <summary>
/// Runs instances of one definition in memory with a simulated clock: it delivers side effects
/// itself (starts called processes, resumes their callers, fires timers when the clock passes
/// them). For the command line, tests and benchmarks; the server uses the database instead.
/// </summary>
public sealed class InMemoryHost
{
    private readonly ProcessEngine _engine;
    private readonly Func<string, int?, ExecutableProcess?> _resolve;
    private readonly Dictionary<string, (ExecutableProcess Process, InstanceState State)> _instances = [];
    private readonly Dictionary<string, (string ParentId, string CallId)> _callers = [];
    private readonly List<JournalEvent> _journal = [];
    private int _instanceCount;

    /// <summary>Creates a host whose clock starts at <paramref name="start"/>.</summary>
    /// <param name="main">The process that <see cref="Start"/> runs.</param>
    /// <param name="start">The initial clock.</param>
    /// <param name="options">Engine settings.</param>
    /// <param name="resolve">Finds a called process by id and optional version (default: none).</param>
    public InMemoryHost(ExecutableProcess main, DateTimeOffset start, EngineOptions? options = null, Func<string, int?, ExecutableProcess?>? resolve = null)
    {
        Main = main;
        Now = start;
        _engine = new ProcessEngine(options);
        _resolve = resolve ?? ((_, _) => null);
    }

    /// <summary>Creates a host for a definition; call activities resolve to its other processes.</summary>
    public InMemoryHost(ExecutableDefinition definition, DateTimeOffset start, EngineOptions? options = null)
        : this(definition.Main, start, options, (id, _) => definition.Processes.FirstOrDefault(p => p.Id == id))
    {
    }

    /// <summary>The main process.</summary>
    public ExecutableProcess Main { get; }

    /// <summary>The simulated clock.</summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary>The main instance's id, once started.</summary>
    public string? MainInstanceId { get; private set; }

    /// <summary>The main instance's state.</summary>
    public InstanceState State => _instances[MainInstanceId ?? throw new InvalidOperationException("not started")].State;

    /// <summary>The main instance's journal so far.</summary>
    public IReadOnlyList<JournalEvent> Journal => _journal;

    /// <summary>Every instance, the main one and called ones.</summary>
    public IEnumerable<InstanceState> Instances => _instances.Values.Select(i => i.State);

    /// <summary>Starts the main instance.</summary>
    public CommandResult Start(IReadOnlyDictionary<string, JsonElement>? variables = null, string? businessKey = null, string actor = "system")
    {
        if (MainInstanceId is not null)
        {
            return Rejected("already-started", "the instance has already been started");
        }

        MainInstanceId = NextInstanceId();
        return StartInstance(Main, MainInstanceId, variables, businessKey, actor);
    }

    /// <summary>Completes the open task at <paramref name="elementId"/> (in the main instance, else in a called one).</summary>
    public CommandResult CompleteTask(string elementId, string? outcome, IReadOnlyDictionary<string, JsonElement>? variables, string actor, string? errorCode = null)
    {
        var found = OpenBookmarks(BookmarkKind.Task).FirstOrDefault(b => b.Bookmark.ElementId == elementId);
        return found.InstanceId is null
            ? Rejected("not-found", $"no open task at '{elementId}'")
            : Apply(found.InstanceId, new CompleteTask(found.Bookmark.Id, outcome, variables, errorCode) { Actor = actor });
    }

    /// <summary>Delivers a message to the instance that waits for it, else keeps it in the main instance.</summary>
    public CommandResult Message(string name, string? key, IReadOnlyDictionary<string, JsonElement>? payload, string actor = "system")
    {
        var waiting = OpenBookmarks(BookmarkKind.Message)
            .FirstOrDefault(b => b.Bookmark.MessageName == name && (b.Bookmark.CorrelationKey is null || b.Bookmark.CorrelationKey == key));
        var target = waiting.InstanceId ?? MainInstanceId;
        return target is null
            ? Rejected("not-started", "the instance has not been started")
            : Apply(target, new CorrelateMessage(name, key, payload) { Actor = actor });
    }

    /// <summary>Moves the clock to <paramref name="to"/>, firing every timer that falls due on the way, in due order.</summary>
    public IReadOnlyList<CommandResult> AdvanceTo(DateTimeOffset to)
    {
        var results = new List<CommandResult>();
        while (true)
        {
            var next = OpenBookmarks(BookmarkKind.Timer)
                .Where(b => b.Bookmark.Due <= to)
                .OrderBy(b => b.Bookmark.Due)
                .ThenBy(b => b.Bookmark.Id, StringComparer.Ordinal)
                .FirstOrDefault();
            if (next.InstanceId is null)
            {
                break;
            }

            if (next.Bookmark.Due > Now)
            {
                Now = next.Bookmark.Due!.Value;
            }

            results.Add(Apply(next.InstanceId, new FireTimer(next.Bookmark.Id)));
        }

        if (to > Now)
        {
            Now = to;
        }

        return results;
    }

    /// <summary>Cancels the main instance.</summary>
    public CommandResult Cancel(string reason, string actor = "system") =>
        MainInstanceId is null ? Rejected("not-started", "the instance has not been started") : Apply(MainInstanceId, new CancelInstance(reason) { Actor = actor });

    private CommandResult StartInstance(ExecutableProcess process, string id, IReadOnlyDictionary<string, JsonElement>? variables, string? businessKey, string actor)
    {
        var result = _engine.Execute(process, null, new StartInstance(id, businessKey, variables) { Actor = actor }, new CommandContext(Now));
        _instances[id] = (process, result.State);
        Record(id, result);
        Deliver(id, result);
        return result;
    }

    private CommandResult Apply(string instanceId, EngineCommand command)
    {
        var (process, state) = _instances[instanceId];
        var result = _engine.Execute(process, state, command, new CommandContext(Now));
        if (result.Applied)
        {
            _instances[instanceId] = (process, result.State);
            Record(instanceId, result);
            Deliver(instanceId, result);
        }

        return result;
    }

    private void Record(string instanceId, CommandResult result)
    {
        if (instanceId == MainInstanceId)
        {
            _journal.AddRange(result.Events);
        }
    }

    private void Deliver(string instanceId, CommandResult result)
    {
        foreach (var effect in result.SideEffects)
        {
            switch (effect)
            {
                case CallToStart call:
                    var called = _resolve(call.ProcessId, call.Version);
                    if (called is null)
                    {
                        Apply(instanceId, new CancelInstance($"called process '{call.ProcessId}' is not available"));
                        return;
                    }

                    var childId = NextInstanceId();
                    _callers[childId] = (instanceId, call.CallId);
                    StartInstance(called, childId, call.Variables, result.State.BusinessKey, "system");
                    break;
                case CallToCancel cancel:
                    var child = _callers.FirstOrDefault(c => c.Value.CallId == cancel.CallId && c.Value.ParentId == instanceId).Key;
                    if (child is not null)
                    {
                        Apply(child, new CancelInstance($"caller {instanceId} interrupted {cancel.ElementId}"));
                    }

                    break;
                case InstanceEnded { Status: InstanceStatus.Completed } when _callers.TryGetValue(instanceId, out var caller):
                    Apply(caller.ParentId, new CompleteCall(caller.CallId, result.State.Variables));
                    break;
            }
        }
    }

    private IEnumerable<(string? InstanceId, Bookmark Bookmark)> OpenBookmarks(BookmarkKind kind) =>
        _instances.OrderBy(i => i.Key != MainInstanceId).SelectMany(i => i.Value.State.Bookmarks.Where(b => b.Kind == kind).Select(b => ((string?)i.Key, b)));

    private string NextInstanceId() => "i" + (++_instanceCount).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private CommandResult Rejected(string code, string message) =>
        new(MainInstanceId is null ? new InstanceState() : State, [], [], new CommandRejection(code, message));
}
