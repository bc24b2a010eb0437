namespace Bpm.Engine;

/// <summary>
/// The timers the one-stop law hangs on a dossier rather than on a BPMN element: the due warning
/// on each task with a due date, the apology obligation before the dossier's due date
/// (Decree 61/2018/ND-CP art. 19(9)) and the late check at the due date itself.
/// </summary>
internal sealed class DossierTimers(CommandRun run)
{
    /// <summary>The <see cref="Bookmark.Purpose"/> of the dossier's own bookmarks.</summary>
    public static class Purposes
    {
        public const string DueWarning = "due-warning";
        public const string ApologyTimer = "apology";
        public const string Apology = "apology-task";
        public const string LateCheck = "late-check";
    }

    private RunContext Context => run.Context;

    private InstanceState State => run.Context.State;

    private DossierRuleOptions Rules => run.Context.Options.DossierRules;

    /// <summary>Warns the task's unit <see cref="DossierRuleOptions.DueWarning"/> before the task falls due, unless that moment has passed.</summary>
    public void ArmDueWarning(FlowNode node, TokenState token, DateTimeOffset due)
    {
        if (Rules.DueWarning is { } warning && Context.Calendar.Subtract(due, warning, node.Unit) is var warnAt && warnAt > Context.Now)
        {
            ArmPurposeTimer(Purposes.DueWarning, node.Id, token.Id, warnAt);
        }
    }

    /// <summary>
    /// Arms the dossier's own timers from its due date: the apology obligation one working day
    /// before the latest moment an apology may be sent (<see cref="DossierRuleOptions.ApologyShortLead"/>
    /// before it when less time is left), and the late check at the due date itself. When even that
    /// moment has passed, only the late check is armed.
    /// </summary>
    public void Arm()
    {
        if (State.DueAt is not { } due || State.ClockPausedAt is not null || State.Status is not (InstanceStatus.Running or InstanceStatus.Faulted))
        {
            return;
        }

        if (Rules.ApologyNotice is { } notice && State.ApologyIssuedAt is null && !State.Bookmarks.Exists(b => b.Purpose == Purposes.Apology))
        {
            var lastDay = Context.Calendar.Subtract(due, notice);
            var raise = Context.Calendar.Subtract(due, notice with { Days = notice.Days + 1 });
            if (raise <= Context.Now)
            {
                raise = Context.Calendar.Subtract(lastDay, Rules.ApologyShortLead);
            }

            if (raise > Context.Now)
            {
                ArmPurposeTimer(Purposes.ApologyTimer, Context.Process.Id, "", raise);
            }
        }

        ArmPurposeTimer(Purposes.LateCheck, Context.Process.Id, "", due);
    }

    public void Disarm(string reason)
    {
        for (var i = State.Bookmarks.Count - 1; i >= 0; i--)
        {
            var b = State.Bookmarks[i];
            if (b.Kind == BookmarkKind.Timer && b.Purpose is Purposes.ApologyTimer or Purposes.LateCheck)
            {
                State.Bookmarks.RemoveAt(i);
                Context.Emit(new TimerDisarmed(b.Id, b.ElementId));
                Context.Journal(JournalEventType.TimerCancelled, elementId: b.ElementId, bookmarkId: b.Id, reason: reason, name: b.Purpose);
            }
        }
    }

    /// <summary>Ends the dossier's own timers and an open apology task when the instance ends.</summary>
    public void CloseDossierWork(string reason)
    {
        Disarm(reason);
        foreach (var task in State.Bookmarks.Where(b => b.Purpose == Purposes.Apology).ToList())
        {
            State.Bookmarks.Remove(task);
            Context.Emit(new TaskCancelled(task.Id, task.ElementId));
            Context.Journal(JournalEventType.TaskCancelled, elementId: task.ElementId, bookmarkId: task.Id, reason: reason);
        }
    }

    public void Fire(Bookmark timer)
    {
        Context.Journal(JournalEventType.TimerFired, elementId: timer.ElementId, tokenId: timer.TokenId.Length == 0 ? null : timer.TokenId, bookmarkId: timer.Id, due: timer.Due, name: timer.Purpose);
        switch (timer.Purpose)
        {
            case Purposes.DueWarning:
                var task = State.Bookmarks.Find(b => b.Kind == BookmarkKind.Task && b.TokenId == timer.TokenId && b.Purpose is null);
                if (task?.Due is { } taskDue)
                {
                    var node = Context.Node(task.ElementId);
                    Context.Emit(new TaskDueSoon(task.Id, node.Id, node.Unit, node.Role, taskDue));
                    Context.Journal(JournalEventType.TaskDueSoon, elementId: node.Id, bookmarkId: task.Id, due: taskDue);
                }

                break;
            case Purposes.ApologyTimer:
                run.Apology.Raise();
                break;
            case Purposes.LateCheck when State.ApologyIssuedAt is null:
                State.LateWithoutApology = true;
                Context.Journal(JournalEventType.LateWithoutApology, elementId: Context.Process.Id, due: State.DueAt, reason: "the due date passed and no apology letter was issued");
                break;
        }
    }

    public void ArmPurposeTimer(string purpose, string elementId, string tokenId, DateTimeOffset due)
    {
        var timer = new Bookmark { Id = Context.NewId("timer-"), Kind = BookmarkKind.Timer, ElementId = elementId, TokenId = tokenId, Due = due, Purpose = purpose };
        State.Bookmarks.Add(timer);
        Context.Emit(new TimerArmed(timer.Id, elementId, due));
        Context.Journal(JournalEventType.TimerArmed, elementId: elementId, tokenId: tokenId.Length == 0 ? null : tokenId, bookmarkId: timer.Id, due: due, name: purpose);
    }
}
