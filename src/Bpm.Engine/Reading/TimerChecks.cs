namespace Bpm.Engine.Reading;

/// <summary>
/// Timers that would not wait meaningfully (issue 10, finding 7): one that waits no time at all, a
/// cycle that repeats more often than <see cref="MinimumRepeat"/>, and a timer on a loop that
/// can come round again with nothing but timers to stop it while it waits less than that (or at a
/// fixed date, which has passed after the first round). The validator refuses them, so a
/// published definition can never spin the scheduler and the journal.
/// </summary>
internal sealed class TimerChecks(DiagnosticSink diagnostics)
{
    /// <summary>The shortest wait of a timer that can fire again and again.</summary>
    public static readonly TimeSpan MinimumRepeat = TimeSpan.FromMinutes(1);

    private const string MinimumRepeatText = "PT1M";

    public void Run(ScopeModel scope)
    {
        foreach (var node in scope.Nodes)
        {
            if (node.Timer is not { } timer)
            {
                continue;
            }

            var wait = ShortestWait(timer);
            if (wait == TimeSpan.Zero)
            {
                diagnostics.Report(DiagnosticCodes.TimerWaitsNothing, node, node.Id);
            }
            else if (timer.Repetitions is not null && wait < MinimumRepeat)
            {
                diagnostics.Report(DiagnosticCodes.CycleTooFast, node, timer.Expression, MinimumRepeatText);
            }
            else if ((wait is null || wait < MinimumRepeat) && ComesRound(node))
            {
                diagnostics.Report(DiagnosticCodes.TimerLoopTooFast, node, node.Id, MinimumRepeatText);
            }
        }
    }

    /// <summary>The least time the timer waits; null for a fixed date, which waits only the first time.</summary>
    private static TimeSpan? ShortestWait(TimerDefinition timer)
    {
        if (timer.WorkingDuration is { } w)
        {
            return w.Days > 0 ? TimeSpan.MaxValue : w.Time;
        }

        if (timer.Duration is { } d)
        {
            return d.Years > 0 || d.Months > 0 || d.Weeks > 0 || d.Days > 0 ? TimeSpan.MaxValue : d.Time;
        }

        return null;
    }

    /// <summary>
    /// True when a token leaving the timer can arrive where the timer is armed again (the timer
    /// itself, or the activity a boundary timer hangs on) passing no wait state but other timers.
    /// </summary>
    private static bool ComesRound(FlowNode timer)
    {
        var armedAt = timer.AttachedTo ?? timer;
        var seen = new HashSet<FlowNode>();
        var stack = new Stack<FlowNode>(timer.Outgoing.Select(f => f.Target));
        while (stack.TryPop(out var node))
        {
            if (node == armedAt)
            {
                return true;
            }

            if (!seen.Add(node) || node.IsWaitState && node.Kind != ElementKind.TimerCatchEvent)
            {
                continue;
            }

            foreach (var flow in node.Outgoing)
            {
                stack.Push(flow.Target);
            }
        }

        return false;
    }
}
