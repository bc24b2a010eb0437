using Bpm.Engine;

namespace Bpm.Engine.Tests.Runtime;

public sealed class EventGatewayTests
{
    private const string Supplement = "bo-sung-ho-so";

    private static EngineDriver AtGateway()
    {
        var run = EngineDriver.Started("event-gateway", new { dossierCode = "K-1" });
        run.Complete("request");
        return run;
    }

    [Fact]
    public void Arrive_WaitsAtTheGatewayForEveryEvent()
    {
        var run = AtGateway();

        var token = Assert.Single(run.State.Tokens);
        Assert.Equal(("whichFirst", true), (token.ElementId, token.Waiting));
        var subscription = Assert.Single(run.State.Bookmarks, b => b.Kind == BookmarkKind.Message);
        Assert.Equal(("supplement", "K-1"), (subscription.ElementId, subscription.CorrelationKey));
        Assert.Equal(TestModels.T0.AddDays(15), Assert.Single(run.Timers("deadline")).Due);
    }

    [Fact]
    public void MessageFirst_TakesItsBranchAndDisarmsTheDeadline()
    {
        var run = AtGateway();
        var deadline = Assert.Single(run.Timers("deadline"));
        run.Now = TestModels.T0.AddDays(3);

        run.Message(Supplement, "K-1");

        Assert.Equal(["check"], run.OpenTasks());
        Assert.DoesNotContain(run.State.Bookmarks, b => b.Kind != BookmarkKind.Task);
        Assert.Contains(run.Effects, e => e is TimerDisarmed d && d.TimerId == deadline.Id);
        var cancelled = Assert.Single(run.Of(JournalEventType.TimerCancelled));
        Assert.Equal("supplement happened first at whichFirst", cancelled.Reason);
        Assert.Equal(["f2"], run.Of(JournalEventType.GatewayDecision).Single(e => e.ElementId == "whichFirst").Flows);
        Assert.Equal(["f0", "f1", "f2", "f4"], run.Of(JournalEventType.FlowTaken).Select(e => e.FlowId));
    }

    [Fact]
    public void TimerFirst_TakesItsBranchAndWithdrawsTheSubscription()
    {
        var run = AtGateway();

        run.Fire(Assert.Single(run.Timers("deadline")));

        Assert.Equal(["refuse"], run.OpenTasks());
        var withdrawn = Assert.Single(run.Of(JournalEventType.MessageWithdrawn));
        Assert.Equal(("supplement", Supplement), (withdrawn.ElementId, withdrawn.Name));
        Assert.DoesNotContain(run.State.Bookmarks, b => b.Kind == BookmarkKind.Message);
        Assert.DoesNotContain(run.Effects, e => e is TimerDisarmed);

        // A supplement that comes too late finds nothing waiting: it is kept, not taken by the withdrawn branch.
        run.Message(Supplement, "K-1");
        Assert.Single(run.State.BufferedMessages);
        Assert.Equal(["refuse"], run.OpenTasks());
    }

    [Fact]
    public void MessageBufferedBeforeTheGateway_WinsAtOnceAndArmsNoTimer()
    {
        var run = EngineDriver.Started("event-gateway", new { dossierCode = "K-1" });
        run.Message(Supplement, "K-1");

        run.Complete("request");

        Assert.Equal(["check"], run.OpenTasks());
        Assert.DoesNotContain(run.Journal, e => e.Type == JournalEventType.TimerArmed && e.ElementId == "deadline");
        Assert.Equal("buffered", run.Of(JournalEventType.MessageCorrelated).Single().Reason);
    }

    [Fact]
    public void MessageWithAnotherKey_DoesNotWin()
    {
        var run = AtGateway();

        run.Message(Supplement, "K-2");

        Assert.Empty(run.OpenTasks());
        Assert.Single(run.Timers("deadline"));
        Assert.Single(run.State.BufferedMessages);
    }

    [Fact]
    public void CancelInstance_AtTheGateway_DisarmsTheTimerAndDropsTheSubscription()
    {
        var run = AtGateway();

        run.Run(new CancelInstance("withdrawn by applicant"));

        Assert.Empty(run.State.Bookmarks);
        Assert.Contains(run.Effects, e => e is TimerDisarmed d && d.ElementId == "deadline");
    }
}
