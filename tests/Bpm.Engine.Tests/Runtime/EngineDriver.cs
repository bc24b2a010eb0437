using Bpm.Engine;

namespace Bpm.Engine.Tests.Runtime;

/// <summary>
/// Runs one instance straight through <see cref="ProcessEngine"/>, addressing tasks and timers by
/// their own ids (a multi-instance activity has several open at one element), and records every
/// command so that the history can be replayed.
/// </summary>
internal sealed class EngineDriver(ExecutableProcess process, EngineOptions? options = null)
{
    private readonly ProcessEngine _engine = new(options);

    public ExecutableProcess Process { get; } = process;

    public InstanceState State { get; private set; } = null!;

    public DateTimeOffset Now { get; set; } = TestModels.T0;

    public List<RecordedCommand> Commands { get; } = [];

    public List<JournalEvent> Journal { get; } = [];

    public List<SideEffect> Effects { get; } = [];

    public static EngineDriver Started(string model, object? variables = null)
    {
        var driver = new EngineDriver(TestModels.Load(model).Main);
        driver.Run(new StartInstance("i-1", "K-1", TestModels.Vars(variables)));
        return driver;
    }

    public CommandResult Run(EngineCommand command)
    {
        var result = _engine.Execute(Process, Commands.Count == 0 ? null : State, command, new CommandContext(Now));
        Assert.True(result.Applied, result.Rejection?.Message);
        Commands.Add(new RecordedCommand(command, Now));
        Journal.AddRange(result.Events);
        Effects.AddRange(result.SideEffects);
        State = result.State;
        return result;
    }

    public Bookmark[] Tasks(string elementId) => State.Bookmarks.Where(b => b.Kind == BookmarkKind.Task && b.ElementId == elementId).ToArray();

    public Bookmark[] Timers(string elementId) => State.Bookmarks.Where(b => b.Kind == BookmarkKind.Timer && b.ElementId == elementId).ToArray();

    public string[] OpenTasks() => State.Bookmarks.Where(b => b.Kind == BookmarkKind.Task).Select(b => b.ElementId).Order(StringComparer.Ordinal).ToArray();

    public void Complete(Bookmark task, string? outcome = null, object? variables = null, string? error = null) =>
        Run(new CompleteTask(task.Id, outcome, TestModels.Vars(variables), error) { Actor = "tester" });

    public void Complete(string elementId) => Complete(Tasks(elementId).First());

    public void Fire(Bookmark timer)
    {
        Now = timer.Due!.Value;
        Run(new FireTimer(timer.Id));
    }

    public void Message(string name, string? key) => Run(new CorrelateMessage(name, key, null) { Actor = "applicant" });

    public IEnumerable<JournalEvent> Of(JournalEventType type) => Journal.Where(e => e.Type == type);
}
