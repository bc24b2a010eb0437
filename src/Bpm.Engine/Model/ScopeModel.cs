namespace Bpm.Engine;

/// <summary>A process or an embedded sub-process: the nodes and flows it holds directly.</summary>
public class ScopeModel
{
    internal ScopeModel(string id, FlowNode? owner)
    {
        Id = id;
        Owner = owner;
    }

    /// <summary>The process id, or the sub-process's element id.</summary>
    public string Id { get; }

    /// <summary>The sub-process node that owns this scope; null for the process itself.</summary>
    public FlowNode? Owner { get; }

    /// <summary>The none start event.</summary>
    public FlowNode Start { get; internal set; } = null!;

    /// <summary>The nodes directly in this scope, in document order.</summary>
    public IReadOnlyList<FlowNode> Nodes => NodeList;

    internal List<FlowNode> NodeList { get; } = [];
}

/// <summary>An executable process: the root scope with every node and flow indexed by id.</summary>
public sealed class ExecutableProcess : ScopeModel
{
    internal ExecutableProcess(string id, string? name) : base(id, null) => Name = name;

    /// <summary>The process name.</summary>
    public string? Name { get; }

    /// <summary>The <c>bpm:</c> attributes on the process.</summary>
    public IReadOnlyDictionary<string, string> Extensions { get; internal set; } = new Dictionary<string, string>();

    /// <summary><c>bpm:procedureCode</c>.</summary>
    public string? ProcedureCode => Extensions.GetValueOrDefault(BpmVocabulary.Attributes.ProcedureCode);

    /// <summary><c>bpm:decidingUnit</c>: the agency that decides the dossier.</summary>
    public string? DecidingUnit => Extensions.GetValueOrDefault(BpmVocabulary.Attributes.DecidingUnit);

    /// <summary><c>bpm:level</c>.</summary>
    public string? Level => Extensions.GetValueOrDefault(BpmVocabulary.Attributes.Level);

    /// <summary><c>bpm:timeLimit</c>: the legal time limit in working time.</summary>
    public WorkingDuration? TimeLimit { get; internal set; }

    /// <summary>Every node, at any depth, by id.</summary>
    public IReadOnlyDictionary<string, FlowNode> NodesById => NodeIndex;

    /// <summary>Every sequence flow, at any depth, by id.</summary>
    public IReadOnlyDictionary<string, SequenceFlow> FlowsById => FlowIndex;

    internal Dictionary<string, FlowNode> NodeIndex { get; } = [];

    internal Dictionary<string, SequenceFlow> FlowIndex { get; } = [];

    internal FlowNode[] NodesByIndex { get; set; } = [];

    internal int Line { get; set; }
}

/// <summary>A read BPMN document: its executable processes.</summary>
public sealed class ExecutableDefinition
{
    internal ExecutableDefinition(IReadOnlyList<ExecutableProcess> processes, ExecutableProcess main)
    {
        Processes = processes;
        Main = main;
    }

    /// <summary>Every process of the document.</summary>
    public IReadOnlyList<ExecutableProcess> Processes { get; }

    /// <summary>The process that a new instance of this definition runs: the one marked executable, else the first.</summary>
    public ExecutableProcess Main { get; }
}
