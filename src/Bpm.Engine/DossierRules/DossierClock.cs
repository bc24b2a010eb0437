namespace Bpm.Engine;

/// <summary>
/// The dossier's clock: a lawful pause moves the due date by the working time paused, and a
/// supplement restarts the legal time limit from zero, once, within
/// <see cref="DossierRuleOptions.SupplementWindow"/> of receipt (Decree 61/2018/ND-CP art. 19(4)).
/// Driven by the clock commands and by <c>bpm:clock</c> on a wait.
/// </summary>
internal sealed class DossierClock(CommandRun run)
{
    private RunContext Context => run.Context;

    private InstanceState State => run.Context.State;

    private DossierRuleOptions Rules => run.Context.Options.DossierRules;

    public void Apply(EngineCommand command)
    {
        switch (command)
        {
            case PauseClock when State.ClockPausedAt is not null:
                Context.Reject("clock-paused", $"the clock of instance '{State.InstanceId}' is already paused");
                break;
            case PauseClock pause:
                Pause(pause.Reason, pause.Actor);
                break;
            case ResumeClock when State.ClockPausedAt is null:
                Context.Reject("clock-running", $"the clock of instance '{State.InstanceId}' is not paused");
                break;
            case ResumeClock resume:
                Resume(resume.Actor);
                break;
            case RestartClock when SupplementRefusal() is { } refusal:
                Context.Reject("supplement-not-allowed", refusal);
                break;
            case RestartClock restart:
                Restart(restart.Reason, restart.Actor);
                break;
        }
    }

    /// <summary>Applies <c>bpm:clock</c> when a token starts waiting at <paramref name="node"/>; false when the wait is unlawful and an incident was raised.</summary>
    public bool OnWait(TokenState token, FlowNode node)
    {
        switch (node.Extensions.GetValueOrDefault(BpmVocabulary.Attributes.Clock))
        {
            case BpmVocabulary.Clock.Restart when SupplementRefusal() is { } refusal:
                run.Faults.RaiseIncident(token, node, refusal);
                return false;
            case BpmVocabulary.Clock.Pause when State.ClockPausedAt is null:
                Pause($"waiting at {node.Id}", "system");
                break;
            case BpmVocabulary.Clock.Restart when State.ClockPausedAt is null:
                Pause($"supplement requested at {node.Id}", "system");
                break;
        }

        return true;
    }

    /// <summary>Applies <c>bpm:clock</c> when a token leaves <paramref name="node"/>.</summary>
    public void OnLeave(FlowNode node)
    {
        switch (node.Extensions.GetValueOrDefault(BpmVocabulary.Attributes.Clock))
        {
            case BpmVocabulary.Clock.Pause when State.ClockPausedAt is not null:
                Resume("system");
                break;
            case BpmVocabulary.Clock.Restart:
                Restart($"complete dossier received at {node.Id}", "system");
                break;
        }
    }

    /// <summary>A dossier completed while paused counts the pause up to its end.</summary>
    public void ResumeOnCompletion()
    {
        if (State.ClockPausedAt is not null)
        {
            Resume("system");
        }
    }

    private void Pause(string reason, string actor)
    {
        State.ClockPausedAt = Context.Now;
        Context.Journal(JournalEventType.ClockPaused, actor: actor, reason: reason, due: State.DueAt);
        run.DossierTimers.Disarm("clock paused");
    }

    private void Resume(string actor)
    {
        var paused = Context.Calendar.CountWorkingTime(State.ClockPausedAt!.Value, Context.Now);
        State.ClockPausedAt = null;
        if (State.DueAt is { } due && paused > TimeSpan.Zero)
        {
            State.DueAt = Context.Calendar.Add(due, new WorkingDuration(0, paused));
        }

        Context.Journal(JournalEventType.ClockResumed, actor: actor, due: State.DueAt, reason: $"paused for {paused.TotalHours:0.##} working hours");
        run.DossierTimers.Arm();
    }

    private void Restart(string reason, string actor)
    {
        State.ClockPausedAt = null;
        State.ClockRestarts++;
        if (Context.TimeLimit is { } limit)
        {
            State.DueAt = Context.Calendar.Add(Context.Now, limit);
        }

        Context.Journal(JournalEventType.ClockRestarted, actor: actor, reason: reason, due: State.DueAt);
        run.DossierTimers.Disarm("time limit restarted");
        run.DossierTimers.Arm();
    }

    /// <summary>Decree 61/2018/ND-CP art. 19(4): a supplement is asked for at most once, within the window after receipt.</summary>
    private string? SupplementRefusal()
    {
        if (State.ClockRestarts > 0)
        {
            return "a supplement may be requested only once per dossier (Decree 61/2018 art. 19(4))";
        }

        var window = Rules.SupplementWindow;
        var deadline = Context.Calendar.Add(State.StartedAt, window);
        return Context.Now > deadline
            ? $"a supplement must be requested within {window.Days} working days of receipt, by {deadline:yyyy-MM-dd HH:mm} (Decree 61/2018 art. 19(4))"
            : null;
    }
}
