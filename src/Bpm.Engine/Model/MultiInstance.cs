namespace Bpm.Engine;

/// <summary>
/// An activity's <c>multiInstanceLoopCharacteristics</c>: how many instances run (a
/// <c>loopCardinality</c> or a <c>bpm:collection</c> list), one after another or side by side,
/// when the whole is done early (<c>completionCondition</c>) and each instance's own time limit.
/// </summary>
public sealed class MultiInstance
{
    internal MultiInstance(bool isSequential) => IsSequential = isSequential;

    /// <summary>True when the instances run one after another, in collection order.</summary>
    public bool IsSequential { get; }

    /// <summary><c>loopCardinality</c>: an expression giving the number of instances.</summary>
    public ConditionExpression? Cardinality { get; internal set; }

    /// <summary><c>bpm:collection</c>: the variable holding the list with one item per instance.</summary>
    public string? Collection { get; internal set; }

    /// <summary><c>bpm:elementVariable</c>: the name under which each instance sees its item.</summary>
    public string? ElementVariable { get; internal set; }

    /// <summary><c>completionCondition</c>: when it holds after an instance ends, the remaining instances are cancelled.</summary>
    public ConditionExpression? CompletionCondition { get; internal set; }

    /// <summary><c>bpm:timeLimit</c>: how long each instance may take, in working time; when it passes the instance ends without a result.</summary>
    public WorkingDuration? InstanceTimeLimit { get; internal set; }
}
