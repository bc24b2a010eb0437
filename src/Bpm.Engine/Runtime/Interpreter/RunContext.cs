using System.Globalization;
using System.Text.Json;

namespace Bpm.Engine;

/// <summary>
/// The execution context of one command: the process, the state being changed, the command's
/// time, new ids, the journal and the side effects. Every interpreter part reads time and ids only
/// from here, which is what lets a recorded history replay identically.
/// </summary>
internal sealed class RunContext(ExecutableProcess process, InstanceState state, EngineOptions options, DateTimeOffset now)
{
    private readonly List<JournalEvent> _events = [];
    private readonly List<SideEffect> _effects = [];

    public ExecutableProcess Process { get; } = process;

    public InstanceState State { get; } = state;

    public EngineOptions Options { get; } = options;

    public IWorkingCalendar Calendar => Options.Calendar;

    public DateTimeOffset Now { get; } = now;

    /// <summary>The time limit the dossier's clock counts: the one the start gave, else the process's <c>bpm:timeLimit</c>.</summary>
    public WorkingDuration? TimeLimit => State.TimeLimit ?? Process.TimeLimit;

    public IReadOnlyList<JournalEvent> Events => _events;

    public IReadOnlyList<SideEffect> Effects => _effects;

    public CommandRejection? Rejection { get; private set; }

    public FlowNode Node(string id) => Process.NodeIndex[id];

    public string NewId(string prefix) => prefix + (++State.LastId).ToString(CultureInfo.InvariantCulture);

    public void Emit(SideEffect effect) => _effects.Add(effect);

    public void Reject(string code, string message) => Rejection = new CommandRejection(code, message);

    public void Journal(
        JournalEventType type, string? elementId = null, string? flowId = null, string? tokenId = null, string? scopeId = null,
        string? bookmarkId = null, string? actor = null, string? outcome = null, string? reason = null, DateTimeOffset? due = null,
        string? name = null, JsonElement? value = null, IReadOnlyList<string>? flows = null, string? evaluation = null) =>
        _events.Add(new JournalEvent
        {
            Seq = ++State.LastSequence, At = Now, Type = type, ElementId = elementId, FlowId = flowId, TokenId = tokenId, ScopeId = scopeId,
            BookmarkId = bookmarkId, Actor = actor, Outcome = outcome, Reason = reason, Due = due, Name = name, Value = value, Flows = flows,
            Evaluation = evaluation,
        });

    public TokenState NewToken(string scopeId, FlowNode node)
    {
        var token = new TokenState { Id = NewId("k"), ScopeId = scopeId, ElementId = node.Id };
        State.Tokens.Add(token);
        return token;
    }

    public TokenState Token(string id)
    {
        foreach (var token in State.Tokens)
        {
            if (token.Id == id)
            {
                return token;
            }
        }

        throw new InvalidOperationException($"instance '{State.InstanceId}' state is inconsistent: token '{id}' is missing");
    }

    public bool IsLive(TokenState token)
    {
        foreach (var t in State.Tokens)
        {
            if (ReferenceEquals(t, token))
            {
                return true;
            }
        }

        return false;
    }

    public bool HasTokenIn(string scopeId)
    {
        foreach (var token in State.Tokens)
        {
            if (token.ScopeId == scopeId)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The variables a token sees: the process variables, overlaid by the locals of every
    /// multi-instance instance it runs in (the innermost wins). Without such instances, the process variables themselves.
    /// </summary>
    public IReadOnlyDictionary<string, JsonElement> VariablesOf(TokenState token) =>
        Layers(token) is { } layers ? Merge(State.Variables, layers) : State.Variables;

    /// <summary>Only the instance variables a token sees (for a task's inbox row); null outside multi-instance activities.</summary>
    public IReadOnlyDictionary<string, JsonElement>? LocalsOf(TokenState token) =>
        Layers(token) is { } layers ? Merge(null, layers) : null;

    public ScopeState? Scope(string id)
    {
        foreach (var scope in State.Scopes)
        {
            if (scope.Id == id)
            {
                return scope;
            }
        }

        return null;
    }

    public void SetVariables(IReadOnlyDictionary<string, JsonElement>? variables)
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

    public void SetVariable(string name, JsonElement value)
    {
        if (State.Variables.TryGetValue(name, out var old) && old.ValueKind == value.ValueKind && old.GetRawText() == value.GetRawText())
        {
            return;
        }

        State.Variables[name] = value;
        Journal(JournalEventType.VariableChanged, name: name, value: value);
    }

    /// <summary>The locals of the token and of every instance token it runs in, innermost first.</summary>
    private List<Dictionary<string, JsonElement>>? Layers(TokenState token)
    {
        List<Dictionary<string, JsonElement>>? layers = null;
        for (var t = token; ;)
        {
            if (t.Locals is not null)
            {
                (layers ??= []).Add(t.Locals);
            }

            if (State.Scopes.Count == 1 || Scope(t.ScopeId)?.ParentTokenId is not { } parent)
            {
                return layers;
            }

            t = Token(parent);
        }
    }

    private static Dictionary<string, JsonElement> Merge(Dictionary<string, JsonElement>? variables, List<Dictionary<string, JsonElement>> layers)
    {
        var merged = variables is null ? [] : new Dictionary<string, JsonElement>(variables);
        for (var i = layers.Count - 1; i >= 0; i--)
        {
            foreach (var (name, value) in layers[i])
            {
                merged[name] = value;
            }
        }

        return merged;
    }

    public static JsonElement? Key(string? key) => key is null ? null : JsonSerializer.SerializeToElement(key);
}
