using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Bpm.Designer.Tests;

/// <summary>
/// The inbox kept current for two officers at one desk (a task arriving, a colleague claiming,
/// a colleague handing it over), and the late path: a dossier about to miss its due date gives its
/// leader the apology task, which signs form 04 and tells the applicant. The late path runs on its
/// own server whose clock the test moves (<c>Bpm:Testing:MovableClock</c>, Development only), so
/// the shared server's clock never jumps under the other browser tests.
/// </summary>
[Collection(DesignerCollection.Name)]
public sealed class InboxLiveAndApologyTests(DesignerFixture fixture, ITestOutputHelper output)
{
    private const string Lan = "motcua.phuonglam";
    private const string Huong = "motcua2.phuonglam";
    private const string Leader = "lanhdao.phuonglam";

    /// <summary>A poll of the live inbox is 10 s; an update within three polls is "without a reload".</summary>
    private static readonly LocatorAssertionsToContainTextOptions Live = new() { Timeout = 35_000 };

    [SkippableFact]
    public async Task Inbox_TaskArrivesColleagueClaimsAndHandsItOver_OpenInboxFollowsWithoutReload()
    {
        fixture.RequireBrowser();
        var identity = NewIdentityNumber();
        await using var huongContext = await NewContextAsync(fixture.Server!);
        var huong = await WorkspaceBrowser.SignInAsync(huongContext, Huong, $"/inbox?nguoi-nop={identity}");
        await Assertions.Expect(huong.Locator("#inbox-grid")).ToContainTextAsync("Không có công việc nào");
        // Set on this document only: still there after the updates means the page was never reloaded.
        await huong.EvaluateAsync("() => window.bpmNotReloaded = true");

        await using var lanContext = await NewContextAsync(fixture.Server!);
        var lan = await WorkspaceBrowser.SignInAsync(lanContext, Lan, "/inbox");
        var code = await ReceiveAsync(lan, "1.001193", "Võ Thị Nhung", identity);

        var row = huong.Locator(".bpm-inbox tbody tr", new PageLocatorOptions { HasText = code });
        await Assertions.Expect(row).ToContainTextAsync("chưa ai nhận", Live);
        await Assertions.Expect(huong.Locator("#inbox-live-status")).ToHaveTextAsync("Hộp công việc vừa được cập nhật.");
        await Check(huong, "inbox-live-arrived");

        await lan.GotoAsync($"/inbox?ma={code}");
        await lan.Locator(".bpm-inbox tbody tr", new PageLocatorOptions { HasText = code }).Locator("button", new LocatorLocatorOptions { HasText = "Nhận" }).ClickAsync();
        await Assertions.Expect(lan.Locator(".bpm-alert")).ToContainTextAsync("Đã nhận 1 công việc.");
        await Assertions.Expect(row).ToContainTextAsync(Lan, Live);
        await Assertions.Expect(row.Locator("button", new LocatorLocatorOptions { HasText = "Nhận" })).ToHaveCountAsync(0);

        // Lan hands the task to Hương from the task page; a stranger to the desk is not offered.
        await lan.Locator(".bpm-inbox tbody tr", new PageLocatorOptions { HasText = code }).Locator("a", new LocatorLocatorOptions { HasText = "Xử lý" }).ClickAsync();
        var offered = await lan.Locator("#delegate-to option").AllTextContentsAsync();
        Assert.Contains(offered, o => o.Contains("Lý Thị Hương"));
        Assert.DoesNotContain(offered, o => o.Contains("Trần Văn Minh"));
        await lan.SelectOptionAsync("#delegate-to", Huong);
        await lan.FillAsync("#delegate-reason", "Chị Lan đi tập huấn chiều nay.");
        await Check(lan, "task-delegate");
        await lan.ClickAsync("button[value=delegate]");
        await Assertions.Expect(lan.Locator(".bpm-alert")).ToContainTextAsync($"Đã chuyển công việc của hồ sơ {code} cho {Huong}.");

        await Assertions.Expect(row).ToContainTextAsync(Huong, Live);
        await Assertions.Expect(row.Locator("button", new LocatorLocatorOptions { HasText = "Trả lại" })).ToBeVisibleAsync();
        Assert.True(await huong.EvaluateAsync<bool>("() => window.bpmNotReloaded === true"), "the inbox was reloaded instead of updated in place");
        await Check(huong, "inbox-live-delegated");

        await huong.GotoAsync($"/dossiers/{code}");
        await Assertions.Expect(huong.Locator(".bpm-timeline")).ToContainTextAsync("Chị Lan đi tập huấn chiều nay.");
    }

    [SkippableFact]
    public async Task LatePath_DossierAboutToBeLate_LeaderSignsTheApologyFromTheLeaderView()
    {
        fixture.RequireBrowser();
        var root = WorkflowsReceivingFiveDayProcedure();
        try
        {
            await LatePathAsync(root);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private async Task LatePathAsync(string root)
    {
        await using var server = await ServerProcess.StartAsync(new Dictionary<string, string>
        {
            ["Bpm__Testing__MovableClock"] = "true",
            ["Bpm__RepositoryRoot"] = root,
        });
        await using var receptionContext = await NewContextAsync(server);
        var reception = await WorkspaceBrowser.SignInAsync(receptionContext, Lan, "/inbox");
        // Birth registration is due the same day, too soon for an apology task: a procedure of five
        // working days (re-registration of a death, 1.005461, received at Phương Lâm's desk in this
        // server's copy of the catalogue) run on the birth registration's process.
        await PublishFiveDayProcessAsync(server);
        var code = await ReceiveAsync(reception, FiveDayProcedure, "Nguyễn Văn Phúc", NewIdentityNumber());
        var dossier = await JsonAsync(await receptionContext.APIRequest.GetAsync($"/api/v1/dossiers/{code}"));
        var due = dossier.GetProperty("dueAt").GetDateTimeOffset();

        // Half an hour before the due date: the apology timer (a working day before) has fallen due and fires.
        var moved = await receptionContext.APIRequest.PostAsync("/dev/clock", new APIRequestContextOptions { DataObject = new { to = due.AddMinutes(-30) } });
        Assert.True(moved.Ok, $"moving the clock: {moved.Status} {await moved.TextAsync()}");

        await using var leaderContext = await NewContextAsync(server);
        var leader = await WorkspaceBrowser.SignInAsync(leaderContext, Leader, "/lanh-dao");
        var apology = leader.Locator("fieldset.bpm-apology", new PageLocatorOptions { HasText = code });
        await WaitForAsync(leader, apology, "the apology task raised by the scheduler");
        await Assertions.Expect(apology).ToContainTextAsync($"Hẹn trả kết quả {Display(due)}");
        await Assertions.Expect(apology).ToContainTextAsync("Văn bản xin lỗi phải gửi người nộp trước");
        await Check(leader, "leader-apology");

        // Without a reason: asked for it beside the field, the date kept.
        var newDay = Vietnam(due).Date.AddDays(7);
        var newDate = newDay.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        await apology.Locator("input[id$=-date]").FillAsync(newDate);
        await apology.Locator("button[type=submit]").ClickAsync();
        apology = leader.Locator("fieldset.bpm-apology", new PageLocatorOptions { HasText = code });
        await Assertions.Expect(apology.Locator("[id$=-reason-error]")).ToContainTextAsync("Hãy nêu lý do chậm trả kết quả");
        await Assertions.Expect(apology.Locator("input[id$=-date]")).ToHaveValueAsync(newDate);

        await apology.Locator("textarea[id$=-reason]").FillAsync("Chờ Công an xã xác minh nơi cư trú cuối cùng của người chết.");
        await apology.Locator("input[id$=-number]").FillAsync("07/PXL-UBND");
        await apology.Locator("button[type=submit]").ClickAsync();
        var signed = leader.Locator(".bpm-apology-signed");
        await Assertions.Expect(signed).ToContainTextAsync($"hẹn trả mới {newDate} 17:00");
        await Assertions.Expect(signed).ToContainTextAsync("Đã gửi thông báo cho người nộp qua tin nhắn SMS");
        await Assertions.Expect(leader.Locator("fieldset.bpm-apology", new PageLocatorOptions { HasText = code })).ToHaveCountAsync(0);
        await Check(leader, "leader-apology-signed");

        var form = await leaderContext.APIRequest.GetAsync(await signed.Locator("a[href$='/forms/04']").GetAttributeAsync("href") ?? "");
        Assert.True(form.Ok, $"form 04: {form.Status}");
        var letter = await form.TextAsync();
        Assert.Contains("07/PXL-UBND", letter);
        Assert.Contains("xác minh nơi cư trú cuối cùng của người chết", letter);
        Assert.Contains($"ngày {newDay.Day} tháng {newDay.Month} năm {newDay.Year}", letter);
        // The leader's session: reception's ended with the clock's jump (sessions last 8 hours).
        var after = await JsonAsync(await leaderContext.APIRequest.GetAsync($"/api/v1/dossiers/{code}"));
        Assert.Equal(new DateTimeOffset(newDay.AddHours(17), TimeSpan.FromHours(7)), after.GetProperty("dueAt").GetDateTimeOffset());
    }

    private const string FiveDayProcedure = "1.005461";

    /// <summary>
    /// A copy of workflows/ in a temporary folder, for the late path's server: its catalogue lets
    /// Phương Lâm's desk receive <see cref="FiveDayProcedure"/> (the repository's names a desk for 1.001193 only).
    /// </summary>
    private static string WorkflowsReceivingFiveDayProcedure()
    {
        var root = Path.Combine(Path.GetTempPath(), "bpm-late-path-" + Guid.NewGuid().ToString("N"));
        var source = Path.Combine(RepositoryPaths.Root, "workflows");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(root, "workflows", Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var catalogue = Path.Combine(root, "workflows", "catalog", "procedures.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(catalogue))!;
        var procedure = json["procedures"]!.AsArray().Single(p => (string?)p!["code"] == FiveDayProcedure)!;
        procedure["levels"]![0]!["receivingUnits"] = new System.Text.Json.Nodes.JsonArray("XA-PHUONGLAM.MOTCUA");
        File.WriteAllText(catalogue, json.ToJsonString());
        return root;
    }

    /// <summary>The designer publishes the birth registration's process as the one of <see cref="FiveDayProcedure"/> (five working days, as the catalogue says).</summary>
    private static async Task PublishFiveDayProcessAsync(ServerProcess server)
    {
        using var designer = await DesignerApi.SignInAsync(server.BaseAddress);
        var xml = (await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "workflows", "samples", "civil-status-birth-registration.bpmn")))
            .Replace("bpm:procedureCode=\"1.001193\"", $"bpm:procedureCode=\"{FiveDayProcedure}\"", StringComparison.Ordinal)
            .Replace("bpm:timeLimit=\"P1D\"", "bpm:timeLimit=\"P5D\"", StringComparison.Ordinal);
        var draft = await designer.PutAsync("api/v1/definitions/test-five-day-process/draft", new { xml });
        await designer.PostAsync($"api/v1/definitions/test-five-day-process/versions/{draft.GetProperty("version").GetInt32()}/publish", new { changeNote = "thử: hồ sơ năm ngày làm việc" });
    }

    /// <summary>Reception receives a dossier through the API (the desk page has its own tests), with every paper the catalogue requires and a phone for the notices.</summary>
    private static async Task<string> ReceiveAsync(IPage page, string procedure, string name, string identity)
    {
        var catalogue = await JsonAsync(await page.Context.APIRequest.GetAsync($"/api/v1/procedures/{procedure}"));
        var papers = catalogue.GetProperty("papers").EnumerateArray()
            .Where(p => p.GetProperty("required").GetBoolean() && !(p.TryGetProperty("presentOnly", out var present) && present.ValueKind == JsonValueKind.True))
            .Select(p => new { id = p.GetProperty("id").GetString(), count = 1 })
            .ToList();
        var received = await page.Context.APIRequest.PostAsync("/api/v1/dossiers", new APIRequestContextOptions
        {
            DataObject = new
            {
                procedureCode = procedure,
                applicant = new { kind = "person", fullName = name, identityNumber = identity, phone = "0912 345 678" },
                papers,
                channel = "desk",
            },
        });
        var body = await received.TextAsync();
        Assert.True(received.Status == 201, $"reception of {procedure}: {received.Status} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("code").GetString()!;
    }

    /// <summary>Reloads the page until <paramref name="locator"/> shows: the scheduler fires in its own time (its idle wait is 30 s of wall clock).</summary>
    private static async Task WaitForAsync(IPage page, ILocator locator, string what)
    {
        for (var attempt = 0; attempt < 30; attempt++)
        {
            if (await locator.CountAsync() > 0)
            {
                return;
            }

            await page.WaitForTimeoutAsync(3_000);
            await page.ReloadAsync();
        }

        Assert.Fail($"waited 90 s for {what} on {page.Url}");
    }

    /// <summary>A valid identity number no other test uses (province 052, born 1999), so an inbox filtered by it shows this test's dossier only.</summary>
    private static string NewIdentityNumber() => "052099" + Random.Shared.Next(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    private static DateTime Vietnam(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(7)).DateTime;

    private static string Display(DateTimeOffset at) => Vietnam(at).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    private static async Task<JsonElement> JsonAsync(IAPIResponse response)
    {
        var body = await response.TextAsync();
        Assert.True(response.Ok, $"{response.Url}: {response.Status} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task Check(IPage page, string name)
    {
        await Screenshots.SaveAsync(page, "workspace-" + name, output);
        await Accessibility.CheckAsync(page, name, output);
    }

    private Task<IBrowserContext> NewContextAsync(ServerProcess server) => WorkspaceBrowser.NewContextAsync(fixture.Browser!, server.BaseAddress);
}
