namespace Bpm.Engine;

/// <summary>The kinds of flow node the engine executes.</summary>
public enum ElementKind
{
    /// <summary>A none start event.</summary>
    StartEvent,

    /// <summary>A none end event.</summary>
    EndEvent,

    /// <summary>An end event that terminates its scope.</summary>
    TerminateEndEvent,

    /// <summary>An end event that throws a BPMN error.</summary>
    ErrorEndEvent,

    /// <summary>A none intermediate throw event (a milestone that passes straight through).</summary>
    IntermediateThrowEvent,

    /// <summary>A user task: a person's work item.</summary>
    UserTask,

    /// <summary>A service task.</summary>
    ServiceTask,

    /// <summary>A send task.</summary>
    SendTask,

    /// <summary>A receive task: waits for a message.</summary>
    ReceiveTask,

    /// <summary>A manual task (done outside the system; passes through).</summary>
    ManualTask,

    /// <summary>An untyped task (passes through).</summary>
    Task,

    /// <summary>An exclusive (XOR) gateway.</summary>
    ExclusiveGateway,

    /// <summary>A parallel (AND) gateway.</summary>
    ParallelGateway,

    /// <summary>An inclusive (OR) gateway.</summary>
    InclusiveGateway,

    /// <summary>An embedded sub-process.</summary>
    SubProcess,

    /// <summary>A call activity: starts another process and waits for it.</summary>
    CallActivity,

    /// <summary>An intermediate timer catch event.</summary>
    TimerCatchEvent,

    /// <summary>An intermediate message catch event.</summary>
    MessageCatchEvent,

    /// <summary>A boundary timer event.</summary>
    TimerBoundaryEvent,

    /// <summary>A boundary error event.</summary>
    ErrorBoundaryEvent,

    /// <summary>An exclusive event-based gateway: the first of its catch events to happen wins.</summary>
    EventBasedGateway,
}
