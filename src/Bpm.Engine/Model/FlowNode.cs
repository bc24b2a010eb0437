namespace Bpm.Engine;

/// <summary>A node of an executable process: an event, activity or gateway, validated and indexed.</summary>
public sealed class FlowNode
{
    internal FlowNode(string id, string? name, ElementKind kind, string xmlType, int line, ScopeModel container)
    {
        Id = id;
        Name = name;
        Kind = kind;
        XmlType = xmlType;
        Line = line;
        Container = container;
    }

    /// <summary>The element id.</summary>
    public string Id { get; }

    /// <summary>The element's name, if any.</summary>
    public string? Name { get; }

    /// <summary>What the engine does with it.</summary>
    public ElementKind Kind { get; }

    /// <summary>The BPMN element name, e.g. <c>userTask</c>.</summary>
    public string XmlType { get; }

    /// <summary>The source line.</summary>
    public int Line { get; }

    /// <summary>The process or sub-process that holds it.</summary>
    public ScopeModel Container { get; }

    /// <summary>Sequence flows into it.</summary>
    public IReadOnlyList<SequenceFlow> Incoming => IncomingList;

    /// <summary>Sequence flows out of it.</summary>
    public IReadOnlyList<SequenceFlow> Outgoing => OutgoingList;

    /// <summary>Boundary events attached to it.</summary>
    public IReadOnlyList<FlowNode> Boundaries => BoundaryList;

    /// <summary>For a boundary event, the activity it is attached to.</summary>
    public FlowNode? AttachedTo { get; internal set; }

    /// <summary>For a boundary event, whether it interrupts its activity.</summary>
    public bool CancelActivity { get; internal set; } = true;

    /// <summary>The <c>bpm:</c> attributes, by local name.</summary>
    public IReadOnlyDictionary<string, string> Extensions { get; internal set; } = new Dictionary<string, string>();

    /// <summary><c>bpm:unit</c>: the handling unit.</summary>
    public string? Unit => Extensions.GetValueOrDefault(BpmVocabulary.Attributes.Unit);

    /// <summary><c>bpm:role</c>: who in the unit takes the task.</summary>
    public string? Role => Extensions.GetValueOrDefault(BpmVocabulary.Attributes.Role);

    /// <summary><c>bpm:kind</c>: sla, handoff, fee, document or notify.</summary>
    public string? DomainKind => Extensions.GetValueOrDefault(BpmVocabulary.Attributes.Kind);

    /// <summary><c>bpm:allowance</c>: the step's time allowance in working time.</summary>
    public WorkingDuration? Allowance { get; internal set; }

    /// <summary><c>bpm:outcomes</c>: the decisions a task may be completed with (empty: any).</summary>
    public IReadOnlyList<string> Outcomes { get; internal set; } = [];

    /// <summary>For a fee step, its schedule: the one <c>bpm:feeSchedule</c> names, or the fixed <c>bpm:feeItems</c>.</summary>
    public FeeSchedule? FeeSchedule { get; internal set; }

    /// <summary>For timer events, when they fall due.</summary>
    public TimerDefinition? Timer { get; internal set; }

    /// <summary>For error end events, the code thrown; for error boundary events, the code caught (null: any).</summary>
    public string? ErrorCode { get; internal set; }

    /// <summary>For message waits, the message name.</summary>
    public string? MessageName { get; internal set; }

    /// <summary>For message waits, the expression whose value a message's key must equal.</summary>
    public ConditionExpression? CorrelationKey { get; internal set; }

    /// <summary>For call activities, the called process id.</summary>
    public string? CalledElement { get; internal set; }

    /// <summary>For call activities with fixed binding, the version to call (null: latest published).</summary>
    public int? CalledVersion { get; internal set; }

    /// <summary>For exclusive and inclusive gateways, the default flow.</summary>
    public SequenceFlow? DefaultFlow { get; internal set; }

    /// <summary>For a multi-instance activity, its loop characteristics; null for a plain activity.</summary>
    public MultiInstance? MultiInstance { get; internal set; }

    /// <summary>For sub-processes, the scope of their contents.</summary>
    public ScopeModel? Scope { get; internal set; }

    /// <summary>Whether a token stops here until a command moves it on.</summary>
    public bool IsWaitState => Kind switch
    {
        ElementKind.UserTask or ElementKind.ReceiveTask or ElementKind.MessageCatchEvent or ElementKind.TimerCatchEvent
            or ElementKind.CallActivity or ElementKind.SubProcess => true,
        ElementKind.ServiceTask or ElementKind.SendTask or ElementKind.Task or ElementKind.ManualTask => IsTaskKind,
        _ => false,
    };

    /// <summary>Whether the engine creates a task (work item) for it: user tasks, fee and handoff steps.</summary>
    public bool CreatesTask => Kind == ElementKind.UserTask || IsTaskKind;

    private bool IsTaskKind => DomainKind is BpmVocabulary.Kinds.Fee or BpmVocabulary.Kinds.Handoff;

    /// <summary>Whether it is a join: a gateway with more than one incoming flow.</summary>
    public bool IsJoin => IncomingList.Count > 1;

    internal int Index { get; set; }

    internal List<SequenceFlow> IncomingList { get; } = [];

    internal List<SequenceFlow> OutgoingList { get; } = [];

    internal List<FlowNode> BoundaryList { get; } = [];

    /// <summary>For an inclusive join: the nodes from which a token can still reach each incoming flow without passing the join.</summary>
    internal Dictionary<string, HashSet<FlowNode>>? UpstreamOfIncoming { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"{XmlType} {Id}";
}
