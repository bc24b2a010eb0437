using System.Net;
using System.Net.Http.Json;
using Bpm.Server.Tests.Infrastructure;

namespace Bpm.Server.Tests.Features.Tasks;

/// <summary>A sample procedure through the API from receipt to result, and what staff do on the way.</summary>
public abstract class ProcedureLifeTestBase<TFixture>(TFixture fixture) : ServerTestBase<TFixture>(fixture)
    where TFixture : class, IServerFixture
{
    [SkippableFact]
    public async Task BirthRegistration_FromReceiptToResult_CompletesWithIntactJournal()
    {
        SkipUnlessAvailable();
        var reception = await SignInAsync("motcua.phuonglam");
        var specialist = await SignInAsync("tuphap.phuonglam");
        var leader = await SignInAsync("lanhdao.phuonglam");
        var (instanceId, receipt, code) = await StartBirthRegistrationAsync(reception);

        Assert.Empty(await OpenTasksAsync(specialist, code));
        await CompleteAsync(reception, receipt);

        var review = await SingleTaskAsync(specialist, code, "Task_ThamDinh");
        var claimed = await JsonAsync(await specialist.PostAsync($"/api/v1/tasks/{review}/claim", null), HttpStatusCode.OK);
        Assert.Equal("tuphap.phuonglam", claimed.GetProperty("assignee").GetString());
        var reviewed = await CompleteAsync(specialist, review, "approve");
        Assert.Equal("approve", reviewed.GetProperty("task").GetProperty("outcome").GetString());

        var signature = await SingleTaskAsync(leader, code, "Task_LanhDaoKy");
        await CompleteAsync(leader, signature, "approve");

        var handOver = await SingleTaskAsync(reception, code, "Task_TraKetQua");
        var last = await CompleteAsync(reception, handOver);
        Assert.Equal("completed", last.GetProperty("instanceStatus").GetString());

        var instance = await JsonAsync(await reception.GetAsync($"/api/v1/instances/{instanceId}"), HttpStatusCode.OK);
        Assert.Equal("completed", instance.GetProperty("status").GetString());
        Assert.Empty(instance.GetProperty("openTasks").EnumerateArray());

        var auditor = await SignInAsync("kiemtra");
        var journal = await JsonAsync(await auditor.GetAsync($"/api/v1/instances/{instanceId}/journal?pageSize=200"), HttpStatusCode.OK);
        var entries = journal.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(journal.GetProperty("total").GetInt32(), entries.Count);
        Assert.Equal("instance-started", entries[0].GetProperty("type").GetString());
        Assert.Equal("instance-completed", entries[^1].GetProperty("type").GetString());
        var completions = entries.Where(e => e.GetProperty("type").GetString() == "task-completed").Select(e => e.GetProperty("actor").GetString()).ToList();
        Assert.Equal(["motcua.phuonglam", "tuphap.phuonglam", "lanhdao.phuonglam", "motcua.phuonglam"], completions);

        var verdict = await JsonAsync(await auditor.GetAsync($"/api/v1/instances/{instanceId}/verify"), HttpStatusCode.OK);
        Assert.True(verdict.GetProperty("intact").GetBoolean());
        Assert.Equal(entries.Count, verdict.GetProperty("rows").GetInt64());
    }

    [SkippableFact]
    public async Task Complete_SameTaskTwice_ReturnsFirstResultWithoutSecondTransition()
    {
        SkipUnlessAvailable();
        var reception = await SignInAsync("motcua.phuonglam");
        var (instanceId, receipt, code) = await StartBirthRegistrationAsync(reception);
        var first = await CompleteAsync(reception, receipt);
        Assert.False(first.GetProperty("replayed").GetBoolean());
        var journalAfterFirst = await JsonAsync(await reception.GetAsync($"/api/v1/instances/{instanceId}/journal"), HttpStatusCode.OK);

        var second = await CompleteAsync(reception, receipt);

        Assert.True(second.GetProperty("replayed").GetBoolean());
        Assert.Equal(first.GetProperty("task").GetProperty("completedAt").GetString(), second.GetProperty("task").GetProperty("completedAt").GetString());
        var journalAfterSecond = await JsonAsync(await reception.GetAsync($"/api/v1/instances/{instanceId}/journal"), HttpStatusCode.OK);
        Assert.Equal(journalAfterFirst.GetProperty("total").GetInt32(), journalAfterSecond.GetProperty("total").GetInt32());
        var specialist = await SignInAsync("tuphap.phuonglam");
        Assert.Single(await OpenTasksAsync(specialist, code));
    }

    [SkippableFact]
    public async Task Complete_TwiceAtOnce_ExactlyOneTransition()
    {
        SkipUnlessAvailable();
        var reception = await SignInAsync("motcua.phuonglam");
        var (instanceId, receipt, code) = await StartBirthRegistrationAsync(reception);

        var responses = await Task.WhenAll(
            reception.PostAsJsonAsync($"/api/v1/tasks/{receipt}/complete", new { }),
            reception.PostAsJsonAsync($"/api/v1/tasks/{receipt}/complete", new { }));

        var bodies = new List<System.Text.Json.JsonElement>();
        foreach (var response in responses)
        {
            bodies.Add(await JsonAsync(response, HttpStatusCode.OK));
        }

        Assert.Single(bodies, b => !b.GetProperty("replayed").GetBoolean());
        var specialist = await SignInAsync("tuphap.phuonglam");
        Assert.Single(await OpenTasksAsync(specialist, code));
        var verdict = await JsonAsync(await reception.GetAsync($"/api/v1/instances/{instanceId}/verify"), HttpStatusCode.OK);
        Assert.True(verdict.GetProperty("intact").GetBoolean());
    }

    [SkippableFact]
    public async Task Return_FromLeaderSignature_GoesBackToReview()
    {
        SkipUnlessAvailable();
        var reception = await SignInAsync("motcua.phuonglam");
        var specialist = await SignInAsync("tuphap.phuonglam");
        var leader = await SignInAsync("lanhdao.phuonglam");
        var (_, receipt, code) = await StartBirthRegistrationAsync(reception);
        await CompleteAsync(reception, receipt);
        await CompleteAsync(specialist, await SingleTaskAsync(specialist, code, "Task_ThamDinh"), "approve");
        var signature = await SingleTaskAsync(leader, code, "Task_LanhDaoKy");

        var returned = await JsonAsync(await leader.PostAsJsonAsync($"/api/v1/tasks/{signature}/return", new { comment = "Bổ sung thông tin người cha." }), HttpStatusCode.OK);

        Assert.Equal("return", returned.GetProperty("task").GetProperty("outcome").GetString());
        await SingleTaskAsync(specialist, code, "Task_ThamDinh");
        Assert.Empty(await OpenTasksAsync(leader, code));
    }

    [SkippableFact]
    public async Task Return_StepWithoutReturnPath_Conflict()
    {
        SkipUnlessAvailable();
        var reception = await SignInAsync("motcua.phuonglam");
        var (_, receipt, code) = await StartBirthRegistrationAsync(reception);

        await ProblemAsync(await reception.PostAsJsonAsync($"/api/v1/tasks/{receipt}/return", new { }), HttpStatusCode.Conflict);

        await SingleTaskAsync(reception, code, "Task_TiepNhan");
    }

    [SkippableFact]
    public async Task Complete_OutcomeNotOffered_BadRequestNamingOutcome()
    {
        SkipUnlessAvailable();
        var reception = await SignInAsync("motcua.phuonglam");
        var specialist = await SignInAsync("tuphap.phuonglam");
        var (_, receipt, code) = await StartBirthRegistrationAsync(reception);
        await CompleteAsync(reception, receipt);
        var review = await SingleTaskAsync(specialist, code, "Task_ThamDinh");

        var problem = await ProblemAsync(await specialist.PostAsJsonAsync($"/api/v1/tasks/{review}/complete", new { outcome = "maybe" }), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("outcome", out _));
        await SingleTaskAsync(specialist, code, "Task_ThamDinh");
    }

    [SkippableFact]
    public async Task Claim_TaskHeldByColleague_ConflictUntilDelegated()
    {
        SkipUnlessAvailable();
        var lan = await SignInAsync("motcua.phuonglam");
        var huong = await SignInAsync("motcua2.phuonglam");
        var (_, receipt, _) = await StartBirthRegistrationAsync(lan);

        await JsonAsync(await lan.PostAsync($"/api/v1/tasks/{receipt}/claim", null), HttpStatusCode.OK);
        var taken = await ProblemAsync(await huong.PostAsync($"/api/v1/tasks/{receipt}/claim", null), HttpStatusCode.Conflict);
        Assert.Equal("motcua.phuonglam", taken.GetProperty("assignee").GetString());
        await ProblemAsync(await huong.PostAsJsonAsync($"/api/v1/tasks/{receipt}/complete", new { }), HttpStatusCode.Conflict);

        var delegated = await JsonAsync(await lan.PostAsJsonAsync($"/api/v1/tasks/{receipt}/delegate", new { userName = "motcua2.phuonglam" }), HttpStatusCode.OK);
        Assert.Equal("motcua2.phuonglam", delegated.GetProperty("assignee").GetString());
        await ProblemAsync(await lan.PostAsJsonAsync($"/api/v1/tasks/{receipt}/complete", new { }), HttpStatusCode.Conflict);
        var done = await CompleteAsync(huong, receipt);
        Assert.Equal("motcua2.phuonglam", done.GetProperty("task").GetProperty("completedBy").GetString());
    }

    [SkippableFact]
    public async Task Delegate_ToSomeoneOutsideTheUnit_RefusedAndUnclaimReleases()
    {
        SkipUnlessAvailable();
        var reception = await SignInAsync("motcua.phuonglam");
        var (_, receipt, _) = await StartBirthRegistrationAsync(reception);
        await JsonAsync(await reception.PostAsync($"/api/v1/tasks/{receipt}/claim", null), HttpStatusCode.OK);

        var refused = await ProblemAsync(await reception.PostAsJsonAsync($"/api/v1/tasks/{receipt}/delegate", new { userName = "tuphap.phuonglam" }), HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("userName", out _));

        await JsonAsync(await reception.PostAsync($"/api/v1/tasks/{receipt}/unclaim", null), HttpStatusCode.OK);
        var task = await JsonAsync(await reception.GetAsync($"/api/v1/tasks/{receipt}"), HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, task.GetProperty("assignee").ValueKind);
    }

    [SkippableFact]
    public async Task Cancel_ByLeaderOfTheCommune_StopsDossierAndCancelsTasks()
    {
        SkipUnlessAvailable();
        var reception = await SignInAsync("motcua.phuonglam");
        var leader = await SignInAsync("lanhdao.phuonglam");
        var (instanceId, _, code) = await StartBirthRegistrationAsync(reception);

        await ProblemAsync(await leader.PostAsJsonAsync($"/api/v1/instances/{instanceId}/cancel", new { }), HttpStatusCode.BadRequest);
        var cancelled = await JsonAsync(await leader.PostAsJsonAsync($"/api/v1/instances/{instanceId}/cancel", new { reason = "Người nộp rút hồ sơ." }), HttpStatusCode.OK);

        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.Empty(await OpenTasksAsync(reception, code));
        await ProblemAsync(await leader.PostAsJsonAsync($"/api/v1/instances/{instanceId}/cancel", new { reason = "lần hai" }), HttpStatusCode.Conflict);
    }

    [SkippableFact]
    public async Task ListTasks_OrderedByDueDateAndFilteredByProcedure()
    {
        SkipUnlessAvailable();
        var reception = await SignInAsync("motcua.phuonglam");
        await StartBirthRegistrationAsync(reception);
        await StartBirthRegistrationAsync(reception);

        var list = await JsonAsync(await reception.GetAsync($"/api/v1/tasks?procedure={BirthRegistration}&pageSize=200"), HttpStatusCode.OK);
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.True(items.Count >= 2);
        Assert.All(items, i => Assert.Equal(BirthRegistration, i.GetProperty("definitionId").GetString()));
        var due = items.Select(i => i.GetProperty("dueAt").GetDateTimeOffset()).ToList();
        Assert.Equal(due.Order().ToList(), due);

        var none = await JsonAsync(await reception.GetAsync("/api/v1/tasks?procedure=business-registration"), HttpStatusCode.OK);
        Assert.Equal(0, none.GetProperty("total").GetInt32());
    }
}
