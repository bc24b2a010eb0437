using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bpm.Dossiers.Dossiers;
using Bpm.Server.Tests.Infrastructure;

namespace Bpm.Server.Tests.Features.Tasks;

/// <summary>Handing a dossier's task to a colleague: who may take it, why another may not, and the dossier's timeline.</summary>
public abstract class DelegateTaskTestBase<TFixture>(TFixture fixture) : ServerTestBase<TFixture>(fixture)
    where TFixture : class, IServerFixture
{
    [SkippableFact]
    public async Task Delegate_ToAColleagueOfTheUnit_AssignedAndJournaledOnTheDossier()
    {
        SkipUnlessAvailable();
        var lan = await SignInAsync("motcua.phuonglam");
        var huong = await SignInAsync("motcua2.phuonglam");
        var (code, task) = await ReceiveAsync(lan);
        await JsonAsync(await lan.PostAsync($"/api/v1/tasks/{task}/claim", null), HttpStatusCode.OK);

        var delegated = await JsonAsync(await lan.PostAsJsonAsync($"/api/v1/tasks/{task}/delegate", new { userName = "motcua2.phuonglam", reason = "Chị Lan đi tập huấn chiều nay." }), HttpStatusCode.OK);

        Assert.Equal("motcua2.phuonglam", delegated.GetProperty("assignee").GetString());
        var mine = await JsonAsync(await huong.GetAsync($"/api/v1/tasks?dossierCode={Uri.EscapeDataString(code)}"), HttpStatusCode.OK);
        Assert.Equal("motcua2.phuonglam", Assert.Single(mine.GetProperty("items").EnumerateArray()).GetProperty("assignee").GetString());
        var handed = Assert.Single(await EventsAsync(lan, code), e => e.GetProperty("type").GetString() == "task-delegated");
        Assert.Equal("motcua.phuonglam", handed.GetProperty("actor").GetString());
        var payload = handed.GetProperty("payload");
        Assert.Equal(task, payload.GetProperty("taskId").GetString());
        Assert.Equal("motcua.phuonglam", payload.GetProperty("from").GetString());
        Assert.Equal("motcua2.phuonglam", payload.GetProperty("to").GetString());
        Assert.Equal("Chị Lan đi tập huấn chiều nay.", payload.GetProperty("reason").GetString());
        Assert.Equal("received", handed.GetProperty("status").GetString());
    }

    [SkippableFact]
    public async Task Delegate_ToSomeoneOfAnotherUnitOrUnknown_400SayingWhyAndNothingChanges()
    {
        SkipUnlessAvailable();
        var lan = await SignInAsync("motcua.phuonglam");
        var (code, task) = await ReceiveAsync(lan);
        await JsonAsync(await lan.PostAsync($"/api/v1/tasks/{task}/claim", null), HttpStatusCode.OK);
        var before = (await EventsAsync(lan, code)).Count;

        var stranger = await ProblemAsync(await lan.PostAsJsonAsync($"/api/v1/tasks/{task}/delegate", new { userName = "tuphap.hoabinh" }), HttpStatusCode.BadRequest);
        var unknown = await ProblemAsync(await lan.PostAsJsonAsync($"/api/v1/tasks/{task}/delegate", new { userName = "khong.co.ai" }), HttpStatusCode.BadRequest);
        var self = await ProblemAsync(await lan.PostAsJsonAsync($"/api/v1/tasks/{task}/delegate", new { userName = "motcua.phuonglam" }), HttpStatusCode.BadRequest);

        Assert.Contains("không thuộc đơn vị XA-PHUONGLAM.MOTCUA", FieldError(stranger, "userName"));
        Assert.Contains("Vũ Thị Mai", FieldError(stranger, "userName"));
        Assert.Contains("Không có người dùng 'khong.co.ai'", FieldError(unknown, "userName"));
        Assert.Contains("đang do motcua.phuonglam xử lý", FieldError(self, "userName"));
        var now = await JsonAsync(await lan.GetAsync($"/api/v1/tasks/{task}"), HttpStatusCode.OK);
        Assert.Equal("motcua.phuonglam", now.GetProperty("assignee").GetString());
        Assert.Equal(before, (await EventsAsync(lan, code)).Count);
    }

    [SkippableFact]
    public async Task Delegate_TaskAColleagueHolds_409ForAnotherOfficerAndAssigneeUnchanged()
    {
        SkipUnlessAvailable();
        var lan = await SignInAsync("motcua.phuonglam");
        var huong = await SignInAsync("motcua2.phuonglam");
        var (_, task) = await ReceiveAsync(lan);
        await JsonAsync(await lan.PostAsync($"/api/v1/tasks/{task}/claim", null), HttpStatusCode.OK);

        var refused = await ProblemAsync(await huong.PostAsJsonAsync($"/api/v1/tasks/{task}/delegate", new { userName = "motcua2.phuonglam" }), HttpStatusCode.Conflict);

        Assert.Contains("chỉ người nhận hoặc lãnh đạo đơn vị mới chuyển được", refused.GetProperty("detail").GetString());
        var now = await JsonAsync(await lan.GetAsync($"/api/v1/tasks/{task}"), HttpStatusCode.OK);
        Assert.Equal("motcua.phuonglam", now.GetProperty("assignee").GetString());
    }

    [SkippableFact]
    public async Task Claim_TaskAColleagueClaimed_409SayingWhoAndSinceWhen()
    {
        SkipUnlessAvailable();
        var lan = await SignInAsync("motcua.phuonglam");
        var huong = await SignInAsync("motcua2.phuonglam");
        var (_, task) = await ReceiveAsync(lan);
        var before = DateTimeOffset.UtcNow;
        await JsonAsync(await lan.PostAsync($"/api/v1/tasks/{task}/claim", null), HttpStatusCode.OK);
        var after = DateTimeOffset.UtcNow;

        var refused = await ProblemAsync(await huong.PostAsync($"/api/v1/tasks/{task}/claim", null), HttpStatusCode.Conflict);

        var claimedAt = refused.GetProperty("claimedAt").GetDateTimeOffset();
        Assert.InRange(claimedAt, before, after);
        Assert.Equal($"Công việc đang do motcua.phuonglam xử lý từ {DossierTime.Display(claimedAt)}.", refused.GetProperty("detail").GetString());
    }

    [SkippableFact]
    public async Task Complete_TaskDelegatedToAColleague_409SayingToWhomAndSinceWhen()
    {
        SkipUnlessAvailable();
        var lan = await SignInAsync("motcua.phuonglam");
        var (_, task) = await ReceiveAsync(lan);
        await JsonAsync(await lan.PostAsync($"/api/v1/tasks/{task}/claim", null), HttpStatusCode.OK);
        var before = DateTimeOffset.UtcNow;
        await JsonAsync(await lan.PostAsJsonAsync($"/api/v1/tasks/{task}/delegate", new { userName = "motcua2.phuonglam" }), HttpStatusCode.OK);
        var after = DateTimeOffset.UtcNow;

        var refused = await ProblemAsync(await lan.PostAsJsonAsync($"/api/v1/tasks/{task}/complete", new { outcome = "handoff" }), HttpStatusCode.Conflict);

        var claimedAt = refused.GetProperty("claimedAt").GetDateTimeOffset();
        Assert.InRange(claimedAt, before, after);
        Assert.Equal(
            $"Công việc đang do motcua2.phuonglam xử lý từ {DossierTime.Display(claimedAt)}; hãy nhận lại (claim) sau khi người đó trả lại.",
            refused.GetProperty("detail").GetString());
    }

    [SkippableFact]
    public async Task Unclaim_ThenAColleagueClaims_RefusalCarriesTheNewClaimTime()
    {
        SkipUnlessAvailable();
        var lan = await SignInAsync("motcua.phuonglam");
        var huong = await SignInAsync("motcua2.phuonglam");
        var (_, task) = await ReceiveAsync(lan);
        await JsonAsync(await lan.PostAsync($"/api/v1/tasks/{task}/claim", null), HttpStatusCode.OK);
        await JsonAsync(await lan.PostAsync($"/api/v1/tasks/{task}/unclaim", null), HttpStatusCode.OK);
        var before = DateTimeOffset.UtcNow;
        await JsonAsync(await huong.PostAsync($"/api/v1/tasks/{task}/claim", null), HttpStatusCode.OK);

        var refused = await ProblemAsync(await lan.PostAsync($"/api/v1/tasks/{task}/unclaim", null), HttpStatusCode.Conflict);

        Assert.StartsWith("Công việc đang do motcua2.phuonglam xử lý từ ", refused.GetProperty("detail").GetString());
        Assert.True(refused.GetProperty("claimedAt").GetDateTimeOffset() >= before);
    }

    /// <summary>Reception receives a birth registration; returns its code and the desk's open task.</summary>
    private async Task<(string Code, string Task)> ReceiveAsync(HttpClient reception)
    {
        var received = await JsonAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", new
        {
            procedureCode = "1.001193",
            applicant = new { kind = "person", fullName = "Nguyễn Văn An", identityNumber = "052099012345" },
            papers = new[] { new { id = "to-khai-khai-sinh", count = 1 } },
            channel = "desk",
        }), HttpStatusCode.Created);
        var code = received.GetProperty("code").GetString()!;
        var task = Assert.Single(await OpenTasksAsync(reception, code));
        return (code, task.GetProperty("id").GetString()!);
    }

    private static async Task<List<JsonElement>> EventsAsync(HttpClient client, string code) =>
        [.. (await JsonAsync(await client.GetAsync($"/api/v1/dossiers/{Uri.EscapeDataString(code)}"), HttpStatusCode.OK)).GetProperty("events").EnumerateArray()];

    private static string FieldError(JsonElement problem, string field) =>
        problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out var messages) ? string.Join(" ", messages.EnumerateArray().Select(m => m.GetString())) : "";
}
