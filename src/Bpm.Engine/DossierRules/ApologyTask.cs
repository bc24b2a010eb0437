using System.Globalization;
using System.Text.Json;

namespace Bpm.Engine;

/// <summary>
/// The apology obligation (Decree 61/2018/ND-CP art. 19(9)): a task for the deciding unit's leader
/// to sign the letter with a new date for the result. The date moves only once.
/// </summary>
internal sealed class ApologyTask(CommandRun run)
{
    public const string TaskName = "Phiếu xin lỗi và hẹn lại ngày trả kết quả";

    private RunContext Context => run.Context;

    private InstanceState State => run.Context.State;

    private DossierRuleOptions Rules => run.Context.Options.DossierRules;

    public Bookmark? Owns(string taskId) => State.Bookmarks.Find(b => b.Id == taskId && b.Purpose == DossierTimers.Purposes.Apology);

    public void Raise()
    {
        var process = Context.Process;
        var due = Context.Calendar.Subtract(State.DueAt!.Value, Rules.ApologyNotice!.Value);
        var unit = process.Extensions.GetValueOrDefault(BpmVocabulary.Attributes.DecidingUnit);
        var apology = new Bookmark { Id = Context.NewId("task-"), Kind = BookmarkKind.Task, ElementId = process.Id, TokenId = "", Due = due, Purpose = DossierTimers.Purposes.Apology };
        State.Bookmarks.Add(apology);
        var settings = new Dictionary<string, string> { [BpmVocabulary.Attributes.Template] = Rules.ApologyTemplate };
        Context.Emit(new TaskCreated(apology.Id, process.Id, TaskName, unit, BpmVocabulary.Roles.Leader, BpmVocabulary.Kinds.Apology, due, settings));
        Context.Journal(JournalEventType.ApologyRequired, elementId: process.Id, bookmarkId: apology.Id, due: State.DueAt, reason: $"the dossier is not done and an apology is due by {due:yyyy-MM-dd HH:mm}");
        Context.Journal(JournalEventType.TaskCreated, elementId: process.Id, bookmarkId: apology.Id, due: due, name: TaskName);
    }

    /// <summary>
    /// The leader signs the apology (outcome <c>issue</c>, with variables <c>newDueAt</c> and
    /// <c>reason</c>) or finds it not needed (outcome <c>not-needed</c>).
    /// </summary>
    public void Complete(CompleteTask command, Bookmark task)
    {
        var outcome = command.Outcome ?? "issue";
        if (outcome == "not-needed")
        {
            State.Bookmarks.Remove(task);
            Context.Journal(JournalEventType.TaskCompleted, elementId: task.ElementId, bookmarkId: task.Id, actor: command.Actor, outcome: outcome, due: task.Due, evaluation: Punctuality.Evaluate(Context.Now, task.Due));
            return;
        }

        if (outcome != "issue")
        {
            Context.Reject("outcome-not-allowed", $"the apology task '{task.Id}' accepts the outcomes issue, not-needed, not '{outcome}'");
            return;
        }

        var variables = command.Variables ?? new Dictionary<string, JsonElement>();
        if (!variables.TryGetValue("newDueAt", out var newDueJson) || newDueJson.ValueKind != JsonValueKind.String
            || !DateTimeOffset.TryParse(newDueJson.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var newDue))
        {
            Context.Reject("apology-invalid", "variables.newDueAt: the new date for the result is required, as an ISO 8601 date-time with offset");
            return;
        }

        if (newDue <= State.DueAt)
        {
            Context.Reject("apology-invalid", $"variables.newDueAt: the new date {newDue:yyyy-MM-dd HH:mm} must be later than the current due date {State.DueAt:yyyy-MM-dd HH:mm}");
            return;
        }

        if (!variables.TryGetValue("reason", out var reasonJson) || reasonJson.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(reasonJson.GetString()))
        {
            Context.Reject("apology-invalid", "variables.reason: the reason for the delay is required");
            return;
        }

        var original = State.DueAt!.Value;
        var reason = reasonJson.GetString()!;
        State.Bookmarks.Remove(task);
        Context.SetVariables(variables);
        Context.Journal(JournalEventType.TaskCompleted, elementId: task.ElementId, bookmarkId: task.Id, actor: command.Actor, outcome: outcome, due: task.Due, evaluation: Punctuality.Evaluate(Context.Now, task.Due));
        State.ApologyIssuedAt = Context.Now;
        State.DueAt = newDue;
        Context.Journal(JournalEventType.DueDateMoved, elementId: Context.Process.Id, actor: command.Actor, due: newDue, reason: reason, value: JsonSerializer.SerializeToElement(original));
        Context.Emit(new ApologyIssued(task.Id, original, newDue, reason, command.Actor, Rules.ApologyTemplate));
        run.DossierTimers.Disarm("due date moved");
        run.DossierTimers.Arm();
    }
}
