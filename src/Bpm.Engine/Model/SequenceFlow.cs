namespace Bpm.Engine;

/// <summary>A sequence flow between two nodes of the same scope.</summary>
public sealed class SequenceFlow
{
    internal SequenceFlow(string id, string? name, FlowNode source, FlowNode target, ConditionExpression? condition, int line)
    {
        Id = id;
        Name = name;
        Source = source;
        Target = target;
        Condition = condition;
        Line = line;
    }

    /// <summary>The flow's id.</summary>
    public string Id { get; }

    /// <summary>The flow's name, if any.</summary>
    public string? Name { get; }

    /// <summary>Where it starts.</summary>
    public FlowNode Source { get; }

    /// <summary>Where it ends.</summary>
    public FlowNode Target { get; }

    /// <summary>Its condition, if any.</summary>
    public ConditionExpression? Condition { get; }

    /// <summary>The source line.</summary>
    public int Line { get; }

    /// <inheritdoc />
    public override string ToString() => $"sequenceFlow {Id}";
}
