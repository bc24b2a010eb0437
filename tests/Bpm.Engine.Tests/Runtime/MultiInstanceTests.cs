using System.Text.Json;
using Bpm.Engine;

namespace Bpm.Engine.Tests.Runtime;

public sealed class MultiInstanceTests
{
    private static readonly string[] Agencies = ["CA", "PCCC", "TNMT"];

    [Fact]
    public void ParallelCollection_Entered_CreatesOneTaskPerItemWithItsOwnVariables()
    {
        var run = EngineDriver.Started("mi-parallel-completion", new { agencies = Agencies });

        Assert.Equal(3, run.Tasks("consult").Length);
        var created = run.Effects.OfType<TaskCreated>().ToList();
        Assert.Equal(Agencies, created.Select(t => t.Locals!["agency"].GetString()));
        Assert.Equal([0, 1, 2], created.Select(t => t.Locals!["loopCounter"].GetInt32()));
        var started = Assert.Single(run.Of(JournalEventType.MultiInstanceStarted));
        Assert.Equal(3, started.Value!.Value.GetProperty("instances").GetInt32());
        Assert.Equal(3, run.Of(JournalEventType.LoopInstanceStarted).Count());

        // The process variables are not overwritten by an instance's item.
        Assert.False(run.State.Variables.ContainsKey("agency"));
    }

    [Fact]
    public void ParallelCollection_CompletionConditionMet_CancelsTheRemainingInstance()
    {
        var run = EngineDriver.Started("mi-parallel-completion", new { agencies = Agencies });
        var tasks = run.Tasks("consult");

        run.Complete(tasks[2]);
        Assert.Equal(2, run.Tasks("consult").Length);
        run.Complete(tasks[0]);

        var cancelled = Assert.Single(run.Of(JournalEventType.TaskCancelled));
        Assert.Equal(tasks[1].Id, cancelled.BookmarkId);
        Assert.Equal("completion condition of consult met", cancelled.Reason);
        Assert.Contains(run.Effects, e => e is TaskCancelled c && c.TaskId == tasks[1].Id);
        Assert.Equal("completion condition met", Assert.Single(run.Of(JournalEventType.MultiInstanceCompleted)).Reason);
        Assert.Equal(["decide"], run.OpenTasks());

        // Every instance's time limit and due warning is disarmed, and the body scope is gone.
        Assert.Empty(run.Timers("consult"));
        var armed = run.Effects.OfType<TimerArmed>().Where(t => t.ElementId == "consult").Select(t => t.TimerId).Order(StringComparer.Ordinal);
        Assert.Equal(6, armed.Count());
        Assert.Equal(armed, run.Effects.OfType<TimerDisarmed>().Select(t => t.TimerId).Order(StringComparer.Ordinal));
        Assert.Single(run.State.Scopes);
        Assert.Single(run.State.Tokens);
    }

    [Fact]
    public void InstanceTimeLimit_Passes_EndsThatInstanceAndCountsItAsCompleted()
    {
        var run = EngineDriver.Started("mi-parallel-completion", new { agencies = Agencies });
        var tasks = run.Tasks("consult");
        var limits = run.Timers("consult").Where(t => t.Purpose == "instance-time-limit").ToArray();
        Assert.Equal(3, limits.Length);
        Assert.All(limits, t => Assert.Equal(TestModels.T0.AddDays(5), t.Due));

        run.Complete(tasks[0]);
        run.Fire(limits.Single(t => t.TokenId == tasks[1].TokenId));

        var timedOut = Assert.Single(run.Of(JournalEventType.LoopInstanceTimedOut));
        Assert.Equal(tasks[1].TokenId, timedOut.TokenId);
        Assert.Contains(run.Journal, e => e.Type == JournalEventType.TaskCancelled && e.BookmarkId == tasks[1].Id);

        // One opinion and one silence make two ended instances: the condition holds and the third is cancelled too.
        Assert.Contains(run.Journal, e => e.Type == JournalEventType.TaskCancelled && e.BookmarkId == tasks[2].Id);
        Assert.Equal(["decide"], run.OpenTasks());
    }

    [Fact]
    public void SequentialCollection_RunsOneInstanceAtATimeInListOrder()
    {
        var run = EngineDriver.Started("mi-sequential", new { signers = new[] { "an", "binh", "chi" } });
        var order = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var open = Assert.Single(run.Tasks("sign"));
            order.Add(run.Effects.OfType<TaskCreated>().Single(t => t.TaskId == open.Id).Locals!["signer"].GetString()!);
            run.Complete(open);
        }

        Assert.Equal(["an", "binh", "chi"], order);
        Assert.Equal(InstanceStatus.Completed, run.State.Status);
        Assert.Equal("all instances completed", Assert.Single(run.Of(JournalEventType.MultiInstanceCompleted)).Reason);
    }

    [Theory]
    [InlineData("mi-cardinality", "{\"copies\":0}")]
    [InlineData("mi-parallel-completion", "{\"agencies\":[]}")]
    [InlineData("mi-sequential", "{\"signers\":[]}")]
    public void ZeroItems_PassesStraightThroughWithoutInstances(string model, string variables)
    {
        var run = EngineDriver.Started(model, JsonSerializer.Deserialize<JsonElement>(variables));

        Assert.Empty(run.Of(JournalEventType.LoopInstanceStarted));
        Assert.DoesNotContain(run.Journal, e => e.Type == JournalEventType.TaskCreated && e.ElementId is "copy" or "consult" or "sign");
        Assert.Equal("no instances", Assert.Single(run.Of(JournalEventType.MultiInstanceCompleted)).Reason);
        Assert.DoesNotContain(run.State.Scopes, s => s.Loop is not null);
    }

    [Theory]
    [InlineData("{}", "the multi-instance collection variable 'agencies' is not set")]
    [InlineData("{\"agencies\":\"CA\"}", "the multi-instance collection variable 'agencies' holds string, not a list")]
    public void Collection_MissingOrNotAList_RaisesAnIncidentAtTheActivity(string variables, string message)
    {
        var run = EngineDriver.Started("mi-parallel-completion", JsonSerializer.Deserialize<JsonElement>(variables));

        Assert.Equal(InstanceStatus.Faulted, run.State.Status);
        var incident = Assert.Single(run.State.Incidents);
        Assert.Equal(("consult", message), (incident.ElementId, incident.Message));
        Assert.Empty(run.Tasks("consult"));
    }

    [Theory]
    [InlineData("{\"copies\":1.5}", "loopCardinality 'copies' gives 1.5, not a whole number of instances")]
    [InlineData("{\"copies\":-1}", "loopCardinality 'copies' gives -1, not a whole number of instances")]
    [InlineData("{\"copies\":\"two\"}", "loopCardinality 'copies' gives a string, not a number")]
    public void Cardinality_NotAWholeNumber_RaisesAnIncident(string variables, string message)
    {
        var run = EngineDriver.Started("mi-cardinality", JsonSerializer.Deserialize<JsonElement>(variables));

        Assert.Equal(message, Assert.Single(run.State.Incidents).Message);
    }

    [Fact]
    public void NestedInSubProcess_EachInstanceSeesItsOwnItemAndInnerInstancesAllComplete()
    {
        var run = EngineDriver.Started("mi-nested-subprocess", new { agencies = new[] { "CA", "PCCC" }, reviewers = 2 });
        Assert.Equal(4, run.Tasks("review").Length);
        Assert.Equal(["CA", "CA", "PCCC", "PCCC"], run.Effects.OfType<TaskCreated>().Select(t => t.Locals!["agency"].GetString()));

        foreach (var task in run.Tasks("review").Reverse())
        {
            run.Complete(task);
        }

        // Only the fire police's instance takes the inspection branch: the gateway reads the instance's own agency.
        Assert.Equal(["inspect"], run.OpenTasks());
        run.Complete("inspect");
        Assert.Equal(["decide"], run.OpenTasks());
        Assert.Equal(3, run.Of(JournalEventType.MultiInstanceCompleted).Count());
        Assert.Single(run.State.Scopes);
    }

    [Fact]
    public void BoundaryTimerOnMultiInstanceSubProcess_ArmedOnceAndInterruptingCancelsEveryInstance()
    {
        var run = EngineDriver.Started("mi-nested-subprocess", new { agencies = new[] { "CA", "PCCC" }, reviewers = 2 });
        var boundary = Assert.Single(run.Timers("tooLong"));
        run.Complete(run.Tasks("review")[0]);

        run.Fire(boundary);

        Assert.Equal(3, run.Of(JournalEventType.TaskCancelled).Count());
        Assert.Equal(InstanceStatus.Completed, run.State.Status);
        Assert.Empty(run.State.Bookmarks);
        Assert.Contains(run.Journal, e => e.Type == JournalEventType.ElementEntered && e.ElementId == "late");
    }

    [Fact]
    public void ErrorFromOneInstance_IsCaughtOnTheWholeActivity()
    {
        var xml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Models", "mi-parallel-completion.bpmn")).Replace(
            "<endEvent id=\"end\"/>",
            "<endEvent id=\"end\"/><boundaryEvent id=\"bad\" attachedToRef=\"consult\"><errorEventDefinition/></boundaryEvent>"
            + "<sequenceFlow id=\"f9\" sourceRef=\"bad\" targetRef=\"fix\"/><userTask id=\"fix\" bpm:unit=\"UBND-XA\" bpm:role=\"leader\"/>"
            + "<sequenceFlow id=\"f10\" sourceRef=\"fix\" targetRef=\"end\"/>", StringComparison.Ordinal);
        var loaded = BpmnLoader.Load(xml);
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        var run = new EngineDriver(loaded.Definition!.Main);
        run.Run(new StartInstance("i-1", "K-1", TestModels.Vars(new { agencies = Agencies })));

        run.Complete(run.Tasks("consult")[1], error: "HS_KHONG_HOP_LE");

        Assert.Equal(["fix"], run.OpenTasks());
        Assert.Equal(2, run.Of(JournalEventType.TaskCancelled).Count());
        Assert.Single(run.State.Scopes);
        Assert.Empty(run.Timers("consult"));
    }

    [Fact]
    public void CallActivity_SequentialOverCollection_StartsOneCallPerItemWithItsItemAndWaitsForEach()
    {
        var xml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Models", "call-activity.bpmn")).Replace(
            "<callActivity id=\"call\" calledElement=\"child\" bpm:versionBinding=\"latest\"/>",
            "<callActivity id=\"call\" calledElement=\"child\"><multiInstanceLoopCharacteristics isSequential=\"true\" bpm:collection=\"agencies\" bpm:elementVariable=\"agency\"/></callActivity>",
            StringComparison.Ordinal);
        var loaded = BpmnLoader.Load(xml);
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        var run = new EngineDriver(loaded.Definition!.Main);
        run.Run(new StartInstance("i-1", "K-1", TestModels.Vars(new { agencies = Agencies })));

        foreach (var agency in Agencies)
        {
            var call = run.Effects.OfType<CallToStart>().Last();
            Assert.Equal(agency, call.Variables["agency"].GetString());
            Assert.Single(run.State.Bookmarks, b => b.Kind == BookmarkKind.Call);
            run.Run(new CompleteCall(call.CallId));
        }

        Assert.Equal(3, run.Effects.OfType<CallToStart>().Count());
        Assert.Equal(["after"], run.OpenTasks());
    }

    [Fact]
    public void Migrate_RunningMultiInstanceToAPlainTask_IsRefusedNamingTheActivity()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Models", "mi-parallel-completion.bpmn");
        var xml = File.ReadAllText(path);
        var start = xml.IndexOf("<multiInstanceLoopCharacteristics", StringComparison.Ordinal);
        var end = xml.IndexOf("</multiInstanceLoopCharacteristics>", StringComparison.Ordinal) + "</multiInstanceLoopCharacteristics>".Length;
        var plain = BpmnLoader.Load(xml[..start] + xml[end..]).Definition!.Main;
        var run = EngineDriver.Started("mi-parallel-completion", new { agencies = Agencies });

        var result = new ProcessEngine().Migrate(run.Process, plain, run.State, new MigrateInstance(1, 2), new CommandContext(run.Now));

        Assert.False(result.Applied);
        Assert.Equal("not-mappable", result.Rejection!.Code);
        Assert.Contains("'consult' and 'consult' differ in being multi-instance", result.Rejection.Message, StringComparison.Ordinal);
        Assert.True(InstanceMigration.Check(run.Process, run.Process, run.State).CanMove);
    }

    [Fact]
    public void StateWithInstances_RoundTripsThroughJson()
    {
        var run = EngineDriver.Started("mi-parallel-completion", new { agencies = Agencies });
        run.Complete(run.Tasks("consult")[0]);

        var copy = JsonSerializer.Deserialize<InstanceState>(JsonSerializer.Serialize(run.State))!;
        var next = new ProcessEngine().Execute(run.Process, copy, new CompleteTask(run.Tasks("consult")[0].Id), new CommandContext(run.Now));

        Assert.True(next.Applied, next.Rejection?.Message);
        Assert.Equal(["decide"], next.State.Bookmarks.Where(b => b.Kind == BookmarkKind.Task).Select(b => b.ElementId));
    }
}
