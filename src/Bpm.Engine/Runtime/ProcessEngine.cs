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

        if (command is MigrateInstance)
        {
            return Rejected(state, "needs-target", "a migration needs both versions: run it with ProcessEngine.Migrate");
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

    /// <summary>
    /// Moves <paramref name="state"/> from <paramref name="source"/> to <paramref name="target"/>
    /// (<see cref="MigrateInstance"/>): rejected <c>same-version</c> when both versions are the same,
    /// <c>not-running</c> unless the instance runs, <c>not-mappable</c> when an active element has no
    /// counterpart (<see cref="InstanceMigration.Check"/>). The state passed in is never modified.
    /// </summary>
    public CommandResult Migrate(ExecutableProcess source, ExecutableProcess target, InstanceState state, MigrateInstance command, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        if (command.FromVersion == command.ToVersion)
        {
            return Rejected(state, "same-version", $"toVersion: instance '{state.InstanceId}' already runs version {command.FromVersion}; it can move only to another version");
        }

        if (state.Status != InstanceStatus.Running)
        {
            return Rejected(state, "not-running", $"instance '{state.InstanceId}' is {state.Status.ToString().ToLowerInvariant()}; only running instances move");
        }

        var check = InstanceMigration.Check(source, target, state, command.Mapping);
        return check.Refusal is { } refusal
            ? Rejected(state, "not-mappable", refusal)
            : new MigrationRun(source, target, state.Clone(), _options, context.Now).Run(command, check.Mapping);
    }

    private static CommandResult Rejected(InstanceState state, string code, string message) =>
        new(state, [], [], new CommandRejection(code, message));
}
