using Bpm.Engine;

namespace Bpm.Engine.Tests.Runtime;

public sealed class SemanticsTests
{
    [Fact]
    public void Sequence_CompletedInOrder_CompletesWithJournalOfEveryFlow()
    {
        var host = TestModels.Host("sequence");
        Assert.Equal(["receive"], host.OpenTasks());
        host.Complete("receive");
        host.Complete("review", "approve");

        Assert.Equal(InstanceStatus.Completed, host.State.Status);
        Assert.Equal(["f1", "f2", "f3"], host.Of(JournalEventType.FlowTaken).Select(e => e.FlowId));
        Assert.Equal(Enumerable.Range(1, host.Journal.Count).Select(i => (long)i), host.Journal.Select(e => e.Seq));
        Assert.Empty(host.State.Tokens);
        Assert.Empty(host.State.Bookmarks);
    }

    [Fact]
    public void Start_ProcessWithTimeLimit_SetsDueDateAndTaskDueFromAllowance()
    {
        var host = TestModels.Host("sequence");
        Assert.Equal(TestModels.T0.AddDays(3), host.State.DueAt);
        var created = Assert.Single(host.Of(JournalEventType.TaskCreated));
        Assert.Equal(TestModels.T0.AddHours(4), created.Due);
    }

    [Fact]
    public void CompleteTask_OutcomeNotAllowed_IsRejectedAndChangesNothing()
    {
        var host = TestModels.Host("sequence");
        host.Complete("receive");
        var before = host.Journal.Count;
        var result = host.CompleteTask("review", "maybe", null, "tester");

        Assert.False(result.Applied);
        Assert.Equal("outcome-not-allowed", result.Rejection!.Code);
        Assert.Equal(before, host.Journal.Count);
        Assert.Equal(["review"], host.OpenTasks());
    }

    [Fact]
    public void CompleteTask_NoOutcomeOnAStepThatOffersThem_IsRejectedAndChangesNothing()
    {
        var host = TestModels.Host("sequence");
        host.Complete("receive");
        var before = host.Journal.Count;
        var result = host.CompleteTask("review", null, null, "tester");

        Assert.False(result.Applied);
        Assert.Equal("outcome-not-allowed", result.Rejection!.Code);
        Assert.Contains("needs one of the outcomes", result.Rejection.Message);
        Assert.Equal(before, host.Journal.Count);
        Assert.Equal(["review"], host.OpenTasks());
        Assert.Equal(InstanceStatus.Running, host.State.Status);
    }

    [Fact]
    public void ParallelJoin_TwoTokensOnOneFlow_DoesNotFireUntilEveryFlowHasOne()
    {
        var host = TestModels.Host("parallel-join-two-tokens");
        Assert.Equal(["c", "x1", "x2"], host.OpenTasks());
        host.Complete("x1");
        host.Complete("x2");

        // Two tokens wait on flow fm; flow fc has none, so the join must not fire.
        Assert.Equal(["c"], host.OpenTasks());
        Assert.Equal(2, host.State.Joins.Single().Arrived["fm"]);

        host.Complete("c");
        Assert.Equal(["d"], host.OpenTasks());
        Assert.Single(host.Journal, e => e.Type == JournalEventType.GatewayDecision && e.ElementId == "join" && e.Reason == "joined");

        // The second token on fm is left waiting at the join for a partner that can never come.
        host.Complete("d");
        Assert.Equal(InstanceStatus.Faulted, host.State.Status);
        Assert.Contains("fc", Assert.Single(host.State.Incidents).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParallelForkJoin_BranchesComplete_InstanceCompletes()
    {
        var host = TestModels.Host("parallel-fork-join");
        Assert.Equal(["a"], host.OpenTasks());
        host.Complete("a");
        Assert.Equal(InstanceStatus.Completed, host.State.Status);
        Assert.Empty(host.State.Joins);
    }

    [Fact]
    public void InterruptingTimer_OnSubProcess_CancelsEveryTaskInside()
    {
        var host = TestModels.Host("boundary-timer-subprocess");
        Assert.Equal(["inner1", "inner2"], host.OpenTasks());
        host.Complete("inner1");

        var fired = host.AdvanceTo(TestModels.T0.AddHours(2));

        Assert.Single(fired);
        Assert.Equal(["escalate"], host.OpenTasks());
        Assert.Single(host.State.Scopes);
        var cancelled = fired[0].SideEffects.OfType<TaskCancelled>().Select(t => t.ElementId);
        Assert.Equal(["inner2"], cancelled);
        Assert.Contains(host.Journal, e => e.Type == JournalEventType.ElementCancelled && e.ElementId == "sub");
        Assert.Empty(host.State.Joins);
    }

    [Fact]
    public void InterruptingTimer_SubProcessFinishesFirst_TimerIsCancelled()
    {
        var host = TestModels.Host("boundary-timer-subprocess");
        host.Complete("inner1");
        host.Complete("inner2");

        Assert.Equal(["done"], host.OpenTasks());
        Assert.Single(host.Of(JournalEventType.TimerCancelled));
        Assert.Empty(host.AdvanceTo(TestModels.T0.AddDays(1)));
    }

    [Fact]
    public void NonInterruptingCycleTimer_Fires_TaskStaysOpenAndTimerRearmsUntilCountIsSpent()
    {
        var host = TestModels.Host("non-interrupting-timer");
        var fired = host.AdvanceTo(TestModels.T0.AddHours(5));

        Assert.Equal(2, fired.Count);
        Assert.Equal(["review"], host.OpenTasks());
        Assert.Equal(2, host.Journal.Count(e => e.Type == JournalEventType.MessageSent && e.ElementId == "notify"));
        Assert.DoesNotContain(host.State.Bookmarks, b => b.Kind == BookmarkKind.Timer);
        host.Complete("review");
        Assert.Equal(InstanceStatus.Completed, host.State.Status);
    }

    [Fact]
    public void NonInterruptingTimer_TaskCompletedBeforeSecondFiring_DisarmsIt()
    {
        var host = TestModels.Host("non-interrupting-timer");
        host.AdvanceTo(TestModels.T0.AddHours(1));
        var result = host.CompleteTask("review", null, null, "tester");

        Assert.Single(result.SideEffects.OfType<TimerDisarmed>());
        Assert.Equal(InstanceStatus.Completed, host.State.Status);
    }

    [Fact]
    public void TerminateEnd_InsideSubProcess_EndsOnlyTheSubProcess()
    {
        var host = TestModels.Host("terminate-in-subprocess");
        host.Complete("quick");

        Assert.Equal(["after"], host.OpenTasks());
        Assert.Equal(InstanceStatus.Running, host.State.Status);
        Assert.Contains(host.Journal, e => e.Type == JournalEventType.TaskCancelled && e.ElementId == "slow");
        Assert.Contains(host.Journal, e => e.Type == JournalEventType.ElementLeft && e.ElementId == "sub");
    }

    [Theory]
    [InlineData(20, "bigTask")]
    [InlineData(3, "smallTask")]
    public void ExclusiveGateway_ConditionTrue_TakesThatFlow(int amount, string task)
    {
        var host = TestModels.Host("exclusive", new { amount });
        Assert.Equal([task], host.OpenTasks());
        Assert.Single(host.Of(JournalEventType.GatewayDecision));
    }

    [Fact]
    public void ExclusiveGateway_NoConditionTrueAndNoDefault_RaisesIncident()
    {
        var host = TestModels.Host("exclusive", new { amount = 7 });

        Assert.Equal(InstanceStatus.Faulted, host.State.Status);
        var incident = Assert.Single(host.State.Incidents);
        Assert.Equal("gw", incident.ElementId);
        Assert.Contains("no default flow", incident.Message, StringComparison.Ordinal);
        Assert.Contains(host.State.Tokens, t => t.ElementId == "gw" && !t.Waiting);
    }

    [Fact]
    public void ExclusiveGateway_UnsetVariable_RaisesIncidentNamingIt()
    {
        var host = TestModels.Host("exclusive");
        Assert.Contains("variable 'amount' is not set", Assert.Single(host.State.Incidents).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExclusiveGateway_Default_TakenWhenNoConditionHolds_AndLoopBackReopensTask()
    {
        var host = TestModels.Host("exclusive-default");
        host.Complete("review", "supplement");
        Assert.Equal(["review"], host.OpenTasks());
        host.Complete("review", "reject");
        Assert.Equal(InstanceStatus.Completed, host.State.Status);
        Assert.Contains(host.Journal, e => e.Type == JournalEventType.FlowTaken && e.FlowId == "toReject");
    }

    [Fact]
    public void Message_ArrivesBeforeItsWaitState_IsBufferedThenConsumed()
    {
        var host = TestModels.Host("message-buffer", new { dossierCode = "H10-1" });
        var early = host.Message("bo-sung-ho-so", "H10-1", TestModels.Vars(new { pages = 3 }));
        Assert.True(early.Applied);
        Assert.Single(host.State.BufferedMessages);
        Assert.Contains(host.Journal, e => e.Type == JournalEventType.MessageBuffered);

        host.Complete("request");

        // The receive task takes the buffered message at once; the catch event after it waits.
        Assert.Empty(host.State.BufferedMessages);
        Assert.Equal(3, host.State.Variables["pages"].GetInt32());
        var waiting = Assert.Single(host.State.Bookmarks);
        Assert.Equal("catch", waiting.ElementId);
    }

    [Fact]
    public void Message_WrongCorrelationKey_DoesNotResumeTheWait()
    {
        var host = TestModels.Host("message-buffer", new { dossierCode = "H10-1" });
        host.Complete("request");
        host.Message("bo-sung-ho-so", "H10-2", null);

        Assert.Equal("wait", Assert.Single(host.State.Bookmarks).ElementId);
        Assert.Single(host.State.BufferedMessages);

        // The receive task takes the right key; the catch event after it has no key, so it takes the kept message.
        host.Message("bo-sung-ho-so", "H10-1", null);
        Assert.Empty(host.State.BufferedMessages);
        Assert.Equal(InstanceStatus.Completed, host.State.Status);
    }

    [Fact]
    public void LoopGuard_MoreStepsThanAllowed_RaisesIncidentInsteadOfRunningOn()
    {
        var host = TestModels.Host("long-chain", options: new EngineOptions { MaxSteps = 4 });

        Assert.Equal(InstanceStatus.Faulted, host.State.Status);
        Assert.Contains("more than 4 steps", host.State.Incidents[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoopGuard_DefaultLimit_ChainRunsToTheEnd()
    {
        var host = TestModels.Host("long-chain");
        Assert.Equal(InstanceStatus.Completed, host.State.Status);
        Assert.Equal(5, host.Of(JournalEventType.ServiceRequested).Count());
    }

    [Fact]
    public void InclusiveGateway_OneBranchTaken_JoinDoesNotWaitForBranchesNeverTaken()
    {
        var host = TestModels.Host("inclusive", new { needsA = true, needsB = false, needsC = false });
        Assert.Equal(["after"], host.OpenTasks());
    }

    [Fact]
    public void InclusiveGateway_TokenStillUpstream_JoinWaitsForIt()
    {
        var host = TestModels.Host("inclusive", new { needsA = true, needsB = true, needsC = false });

        // Branch a passed straight through to the join; b still holds a token that can reach it.
        Assert.Equal(["b"], host.OpenTasks());
        host.Complete("b");
        Assert.Equal(["after"], host.OpenTasks());
        var fired = host.Journal.Single(e => e.Type == JournalEventType.GatewayDecision && e.ElementId == "join" && e.Reason == "joined");
        Assert.Equal(["a2", "b2"], fired.Flows);
    }

    [Fact]
    public void InclusiveGateway_NothingTrueNoDefault_RaisesIncident()
    {
        var host = TestModels.Host("inclusive", new { needsA = false, needsB = false, needsC = false });
        Assert.Equal("split", Assert.Single(host.State.Incidents).ElementId);
    }

    [Fact]
    public void ErrorFromTask_WithMatchingBoundary_IsCaught()
    {
        var host = TestModels.Host("errors");
        host.Complete("check", error: "HS_KHONG_HOP_LE");
        Assert.Equal(["refuse"], host.OpenTasks());
        Assert.Contains(host.Journal, e => e.Type == JournalEventType.ErrorThrown && e.Reason == "HS_KHONG_HOP_LE");
    }

    [Fact]
    public void ErrorEnd_InSubProcess_CaughtByCatchAllBoundary_CancelsSiblings()
    {
        var host = TestModels.Host("errors");
        host.Complete("check");
        Assert.Equal(["other", "verify"], host.OpenTasks());
        host.Complete("verify", "bad");

        Assert.Equal(["refuse"], host.OpenTasks());
        Assert.Contains(host.Journal, e => e.Type == JournalEventType.TaskCancelled && e.ElementId == "other");
        Assert.Single(host.State.Scopes);
    }

    [Fact]
    public void ErrorFromTask_NoBoundaryAnywhere_FaultsInstance()
    {
        var host = TestModels.Host("errors");
        host.Complete("check");
        host.Complete("other", error: "OTHER");

        // The catch-all boundary on the sub-process catches it.
        Assert.Equal(["refuse"], host.OpenTasks());

        var second = TestModels.Host("sequence");
        second.Complete("receive", error: "ANY");
        Assert.Equal(InstanceStatus.Faulted, second.State.Status);
        Assert.NotNull(second.State.EndedAt);
        Assert.Empty(second.OpenTasks());
    }

    [Fact]
    public void CallActivity_ChildCompletes_ParentResumes()
    {
        var host = TestModels.Host("call-activity");
        Assert.Equal(["cTask"], host.OpenTasks());
        Assert.Equal(2, host.Instances.Count());

        host.Complete("cTask", variables: new { result = "ok" });

        Assert.Equal(["after"], host.OpenTasks());
        Assert.Equal("ok", host.State.Variables["result"].GetString());
        Assert.Contains(host.Journal, e => e.Type == JournalEventType.CallCompleted);
    }

    [Fact]
    public void TimerCatch_DateThenWorkingDuration_FiresInDueOrder()
    {
        var host = TestModels.Host("timer-catch");
        var due = new DateTimeOffset(2026, 3, 5, 17, 0, 0, TimeSpan.FromHours(7));
        Assert.Equal(due, host.State.Bookmarks.Single().Due);

        host.AdvanceTo(due.AddDays(2));

        Assert.Equal(InstanceStatus.Completed, host.State.Status);
        var fired = host.Of(JournalEventType.TimerFired).ToList();
        Assert.Equal([due, due.AddDays(1)], fired.Select(e => e.At));
    }

    [Fact]
    public void Cancel_RunningInstance_CancelsTasksAndTimers()
    {
        var host = TestModels.Host("boundary-timer-subprocess");
        var result = host.Cancel("applicant withdrew", "officer");

        Assert.Equal(InstanceStatus.Cancelled, host.State.Status);
        Assert.Equal(2, result.SideEffects.OfType<TaskCancelled>().Count());
        Assert.Single(result.SideEffects.OfType<TimerDisarmed>());
        Assert.Empty(host.State.Tokens);
        var cancelled = host.Journal[^1];
        Assert.Equal((JournalEventType.InstanceCancelled, "officer", "applicant withdrew"), (cancelled.Type, cancelled.Actor, cancelled.Reason));
        Assert.False(host.CompleteTask("inner1", null, null, "x").Applied);
    }

    [Fact]
    public void FireTimer_AlreadyGone_DoesNothing()
    {
        var engine = new ProcessEngine();
        var process = TestModels.Load("non-interrupting-timer").Main;
        var started = engine.Execute(process, null, new StartInstance("i1", null), new CommandContext(TestModels.T0));
        var result = engine.Execute(process, started.State, new FireTimer("timer-404"), new CommandContext(TestModels.T0));

        Assert.True(result.Applied);
        Assert.Empty(result.Events);
    }

    [Fact]
    public void Execute_Rejected_LeavesInputStateUntouched()
    {
        var engine = new ProcessEngine();
        var process = TestModels.Load("sequence").Main;
        var started = engine.Execute(process, null, new StartInstance("i1", "K"), new CommandContext(TestModels.T0));
        var snapshot = System.Text.Json.JsonSerializer.Serialize(started.State);

        var result = engine.Execute(process, started.State, new CompleteTask("task-404"), new CommandContext(TestModels.T0));
        var applied = engine.Execute(process, started.State, new CompleteTask(started.State.Bookmarks.First(b => b.Kind == BookmarkKind.Task).Id), new CommandContext(TestModels.T0));

        Assert.Equal("not-found", result.Rejection!.Code);
        Assert.True(applied.Applied);
        Assert.Equal(snapshot, System.Text.Json.JsonSerializer.Serialize(started.State));
    }
}
