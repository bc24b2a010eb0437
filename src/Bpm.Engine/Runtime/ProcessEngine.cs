namespace Bpm.Engine;

/// <summary>Settings of the engine.</summary>
public sealed record EngineOptions
{
    /// <summary>Counts working-time durations (SLA timers, allowances, the legal time limit).</summary>
    public IWorkingCalendar Calendar { get; init; } = AroundTheClockCalendar.Instance;

    /// <summary>How many nodes one command may execute before it raises an incident instead of looping on.</summary>
    public int MaxSteps { get; init; } = 10_000;

    /// <summary>The one-stop law's numbers for the dossier's clock: supplement window, apology and warning lead times.</summary>
    public DossierRuleOptions DossierRules { get; init; } = new();
}

/// <summary>
/// The engine's facade. It is pure: given a process, a state and a command, it returns the next
/// state, the journal events and the side effects, reading time only from the command's context
/// and numbering new ids from the state. The state passed in is never modified.
/// </summary>
public sealed class ProcessEngine(EngineOptions? options = null)
{
    private readonly EngineOptions _options = options ?? new EngineOptions();

    /// <summary>The settings in use.</summary>
    public EngineOptions Options => _options;

    /// <summary>Runs <paramref name="command"/> against <paramref name="state"/> (null only for <see cref="StartInstance"/>).</summary>
    public CommandResult Execute(ExecutableProcess process, InstanceState? state, EngineCommand command, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        if (state is null)
        {
            return command is StartInstance
                ? new CommandRun(process, new InstanceState(), _options, context.Now).Run(command)
                : Rejected(new InstanceState(), "not-started", "the instance has not been started");
        }

        if (command is StartInstance)
        {
            return Rejected(state, "already-started", $"instance '{state.InstanceId}' has already started");
        }

        if (state.ProcessId != process.Id)
        {
            return Rejected(state, "wrong-process", $"instance '{state.InstanceId}' runs process '{state.ProcessId}', not '{process.Id}'");
        }

        if (state.Status is InstanceStatus.Completed or InstanceStatus.Cancelled || state.Status == InstanceStatus.Faulted && state.EndedAt is not null)
        {
            return command is FireTimer
                ? new CommandResult(state, [], [])
                : Rejected(state, "not-running", $"instance '{state.InstanceId}' is {state.Status.ToString().ToLowerInvariant()}");
        }

        var result = new CommandRun(process, state.Clone(), _options, context.Now).Run(command);
        return result.Rejection is { } r ? Rejected(state, r.Code, r.Message) : result;
    }

    private static CommandResult Rejected(InstanceState state, string code, string message) =>
        new(state, [], [], new CommandRejection(code, message));
}
