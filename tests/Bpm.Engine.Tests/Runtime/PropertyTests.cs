using Bpm.Engine;
using CsCheck;

namespace Bpm.Engine.Tests.Runtime;

/// <summary>Random walks of valid commands over the samples and test models.</summary>
public sealed class PropertyTests
{
    public static TheoryData<string> Processes() =>
    [
        "Models/sequence", "Models/exclusive-default", "Models/parallel-fork-join", "Models/boundary-timer-subprocess",
        "Models/non-interrupting-timer", "Models/terminate-in-subprocess", "Models/inclusive", "Models/errors",
        "Models/message-buffer", "Models/call-activity", "Models/timer-catch", "Models/mi-parallel-completion", "Models/mi-sequential",
        "Models/mi-cardinality", "Models/mi-nested-subprocess", "Models/event-gateway",
        "samples/civil-status-birth-registration", "samples/construction-permit", "samples/business-registration",
    ];

    [Theory]
    [MemberData(nameof(Processes))]
    public void RandomCompletions_NeverLeaveOrphansOrOpenWorkOnACompletedInstance(string model)
    {
        var definition = Load(model);
        Gen.Int[0, 1_000_000].Array[1, 40].Sample(choices =>
        {
            var host = new InMemoryHost(definition, TestModels.T0, new EngineOptions { Calendar = Calendar.CalendarData.Calendar });
            host.Start(TestModels.Vars(new
            {
                dossierCode = "K-1", needsA = choices[0] % 2 == 0, needsB = true, needsC = choices[0] % 3 == 0,
                agencies = new[] { "CA", "PCCC", "TNMT" }.Take(choices[0] % 4), signers = new[] { "an", "binh" }, copies = choices[0] % 3, reviewers = 1 + choices[0] % 2,
            }));
            foreach (var choice in choices)
            {
                if (!Act(host, definition, choice))
                {
                    break;
                }

                AssertConsistent(host);
            }
        }, iter: 150);
    }

    private static bool Act(InMemoryHost host, ExecutableDefinition definition, int choice)
    {
        var open = host.Instances.Where(i => i.Status is InstanceStatus.Running or InstanceStatus.Faulted)
            .SelectMany(i => i.Bookmarks.Select(b => (Instance: i, Bookmark: b))).ToList();
        if (open.Count == 0)
        {
            return false;
        }

        var (instance, bookmark) = open[choice % open.Count];
        switch (bookmark.Kind)
        {
            case BookmarkKind.Task when bookmark.Purpose == "apology-task":
                var newDue = (instance.DueAt ?? host.Now).AddDays(1 + choice % 5).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
                host.CompleteTask(bookmark.ElementId, choice % 3 == 0 ? "not-needed" : "issue", TestModels.Vars(new { newDueAt = newDue, reason = "chờ ý kiến" }), "leader");
                break;
            case BookmarkKind.Task:
                var node = definition.Processes.First(p => p.Id == instance.ProcessId).NodesById[bookmark.ElementId];
                var outcome = node.Outcomes.Count == 0 ? null : node.Outcomes[choice / 7 % node.Outcomes.Count];
                var error = choice % 11 == 0 ? "HS_KHONG_HOP_LE" : null;
                host.CompleteTask(bookmark.ElementId, outcome, null, "random", error);
                break;
            case BookmarkKind.Timer:
                host.AdvanceTo(bookmark.Due!.Value);
                break;
            case BookmarkKind.Message:
                host.Message(bookmark.MessageName!, bookmark.CorrelationKey, null);
                break;
            default:
                return false;
        }

        return true;
    }

    private static void AssertConsistent(InMemoryHost host)
    {
        foreach (var state in host.Instances)
        {
            if (state.Status is InstanceStatus.Completed or InstanceStatus.Cancelled)
            {
                Assert.Empty(state.Tokens);
                Assert.Empty(state.Bookmarks);
                Assert.Empty(state.Joins);
                Assert.Empty(state.Scopes);
                continue;
            }

            var scopes = state.Scopes.Select(s => s.Id).ToHashSet();
            var tokens = state.Tokens.Select(t => t.Id).ToHashSet();
            Assert.All(state.Tokens, t => Assert.Contains(t.ScopeId, scopes));
            Assert.All(state.Bookmarks, b =>
            {
                // The dossier's own timers and its apology task hang on the instance, not on a token.
                if (b.Purpose is "apology" or "late-check" or "apology-task")
                {
                    Assert.Equal("", b.TokenId);
                }
                else
                {
                    Assert.Contains(b.TokenId, tokens);
                }
            });
            Assert.All(state.Scopes.Where(s => s.ParentTokenId is not null), s => Assert.Contains(s.ParentTokenId!, tokens));
            Assert.Equal(state.Tokens.Count, tokens.Count);
        }
    }

    private static ExecutableDefinition Load(string model)
    {
        var path = model.StartsWith("samples/", StringComparison.Ordinal)
            ? Path.Combine(TestModels.RepositoryRoot(), "workflows", model + ".bpmn")
            : Path.Combine(AppContext.BaseDirectory, model + ".bpmn");
        return BpmnLoader.LoadFile(path).Definition!;
    }
}
