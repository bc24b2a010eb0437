using System.Text.Json;
using Bpm.Engine;
using CsCheck;

namespace Bpm.Engine.Tests.Runtime;

/// <summary>Random orders of completing, timing out and racing the instances of multi-instance activities and event gateways.</summary>
public sealed class MultiInstancePropertyTests
{
    [Fact]
    public void ParallelCardinality_CompletesAfterExactlyNCompletionsWhateverTheOrder()
    {
        Gen.Int[0, 8].SelectMany(n => Gen.Int[0, 1_000].Array[n].Select(order => (n, order))).Sample(sample =>
        {
            var (n, order) = sample;
            var run = EngineDriver.Started("mi-cardinality", new { copies = n });
            for (var done = 0; done < n; done++)
            {
                Assert.Empty(run.Tasks("deliver"));
                var open = run.Tasks("copy");
                Assert.Equal(n - done, open.Length);
                run.Complete(open[order[done] % open.Length]);
            }

            Assert.Empty(run.Tasks("copy"));
            Assert.Single(run.Tasks("deliver"));
            Assert.Equal(n, run.Of(JournalEventType.LoopInstanceCompleted).Count());
            AssertReplayReproduces(run);
        }, iter: 100);
    }

    [Fact]
    public void CompletionCondition_EndsWithExactlyTwoInstancesEndedAndTheRestCancelled()
    {
        Gen.Int[0, 1_000].Array[6].Sample(choices =>
        {
            var agencies = Enumerable.Range(0, 2 + choices[0] % 4).Select(i => "CQ" + i).ToArray();
            var run = EngineDriver.Started("mi-parallel-completion", new { agencies });
            for (var i = 1; run.Tasks("consult").Length > 0; i++)
            {
                var open = run.Tasks("consult");
                var pick = open[choices[i % choices.Length] % open.Length];
                if (choices[i % choices.Length] % 3 == 0)
                {
                    run.Fire(run.State.Bookmarks.Single(b => b.Purpose == "instance-time-limit" && b.TokenId == pick.TokenId));
                }
                else
                {
                    run.Complete(pick);
                }
            }

            Assert.Equal(2, run.Of(JournalEventType.LoopInstanceCompleted).Count() + run.Of(JournalEventType.LoopInstanceTimedOut).Count());
            Assert.Equal(agencies.Length - 2, run.Of(JournalEventType.TaskCancelled).Count(e => e.ElementId == "consult" && e.Reason == "completion condition of consult met"));
            Assert.Equal(["decide"], run.OpenTasks());
            Assert.DoesNotContain(run.State.Bookmarks, b => b.ElementId == "consult");
            AssertReplayReproduces(run);
        }, iter: 100);
    }

    [Fact]
    public void NestedSubProcess_AnyOrder_ReachesTheDecisionWithNothingLeftInside()
    {
        Gen.Int[0, 1_000].Array[1, 12].Sample(choices =>
        {
            var run = EngineDriver.Started("mi-nested-subprocess", new { agencies = new[] { "CA", "PCCC", "TNMT" }, reviewers = 1 + choices[0] % 3 });
            for (var i = 0; run.Tasks("decide").Length == 0; i++)
            {
                var open = run.State.Bookmarks.Where(b => b.Kind == BookmarkKind.Task).ToArray();
                run.Complete(open[choices[i % choices.Length] % open.Length]);
            }

            Assert.Single(run.State.Scopes);
            Assert.Single(run.State.Tokens);
            AssertReplayReproduces(run);
        }, iter: 60);
    }

    [Fact]
    public void EventGateway_WhicheverComesFirst_LeavesExactlyOneBranchAndNoWaitBehind()
    {
        Gen.Bool.Sample(messageFirst =>
        {
            var run = EngineDriver.Started("event-gateway", new { dossierCode = "K-1" });
            run.Complete("request");
            if (messageFirst)
            {
                run.Message("bo-sung-ho-so", "K-1");
            }
            else
            {
                run.Fire(run.Timers("deadline").Single());
            }

            Assert.Equal([messageFirst ? "check" : "refuse"], run.OpenTasks());
            Assert.DoesNotContain(run.State.Bookmarks, b => b.Kind != BookmarkKind.Task);
            AssertReplayReproduces(run);
        }, iter: 10);
    }

    /// <summary>Replaying the recorded commands gives the same journal and the same state.</summary>
    private static void AssertReplayReproduces(EngineDriver run)
    {
        var replay = Replayer.Replay(run.Process, run.Commands, run.Journal);

        Assert.True(replay.Matches, replay.Divergence?.ToString());
        Assert.Equal(JsonSerializer.Serialize(run.State), JsonSerializer.Serialize(replay.State));
    }
}
