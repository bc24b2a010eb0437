using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Bpm.Designer.Tests.WorkspaceBrowser;

namespace Bpm.Designer.Tests;

/// <summary>
/// The staff workspace in a real browser at 1366×768, three people in one test: reception receives a
/// birth registration (1.001193 at XA-PHUONGLAM.MOTCUA) by keyboard, the specialist completes the
/// check, the leader approves, and reception hands the result over. Every page gets a screenshot and
/// an axe-core check.
/// </summary>
[Collection(DesignerCollection.Name)]
public sealed class WorkspaceFlowTests(DesignerFixture fixture, ITestOutputHelper output)
{

    [SkippableFact]
    public async Task BirthRegistration_ReceivedCheckedApprovedReturned_ThroughTheWorkspacePages()
    {
        fixture.RequireBrowser();
        await WorkspaceBrowser.EnsureReceptionAtTheDeskAsync(fixture);
        await using var receptionContext = await NewContextAsync();
        var desk = await SignInAsync(receptionContext, Reception, "/tiep-nhan");
        await Check(desk, "desk-empty");

        // What the officer does, counted: each key pressed and each click.
        var input = new CountedInput(desk);
        await input.TypeAsync("1.001193");
        await input.PressAsync("Enter");
        await Assertions.Expect(desk.Locator("#fullName")).ToBeFocusedAsync();
        await input.TypeAsync("Nguyễn Văn An");
        await input.PressAsync("Tab");
        await input.TypeAsync("052099012345");
        await input.PressAsync("Tab");
        await input.TypeAsync("0912345678");
        await input.ClickAsync("#paper-0-received");
        await input.ClickAsync("#paper-1-received");
        await Assertions.Expect(desk.Locator(".bpm-due-preview")).ToContainTextAsync(new Regex(@"\d{2}/\d{2}/\d{4} \d{2}:\d{2}"));
        await Check(desk, "desk-filled");
        await input.ClickAsync("button[value=receive]");

        var received = desk.Locator(".bpm-received");
        await Assertions.Expect(received).ToContainTextAsync("Đã tiếp nhận hồ sơ");
        var code = (await received.Locator("code.bpm-code").TextContentAsync())!.Trim();
        Assert.Matches(@"^000\.27\.22\.H10-\d{6}-\d{4}$", code);
        await Assertions.Expect(received.Locator("a[target=_blank]")).ToHaveAttributeAsync("href", $"/api/v1/dossiers/{code}/forms/01");
        await Check(desk, "desk-received");
        await input.ClickAsync(".bpm-received button[type=submit]");
        await Assertions.Expect(received).ToContainTextAsync("Đang xử lý");
        var message = $"reception of {code}: {input.Keystrokes} keystrokes + {input.Clicks} clicks = {input.Keystrokes + input.Clicks} actions";
        output.WriteLine(message);
        Console.WriteLine(message);

        // The specialist finds it in the inbox, opens it and finds the dossier eligible.
        await using var specialistContext = await NewContextAsync();
        var inbox = await SignInAsync(specialistContext, Specialist, "/inbox");
        var row = inbox.Locator(".bpm-inbox tbody tr", new PageLocatorOptions { HasText = code });
        await Assertions.Expect(row).ToContainTextAsync("Nguyễn Văn An");
        await Assertions.Expect(row.Locator(".bpm-due-chip")).ToContainTextAsync(new Regex("còn .+ làm việc|đến hạn|quá hạn"));
        await Check(inbox, "inbox");
        await row.Locator("button", new LocatorLocatorOptions { HasText = "Nhận" }).ClickAsync();
        await Assertions.Expect(inbox.Locator(".bpm-alert")).ToContainTextAsync("Đã nhận 1 công việc.");
        await Assertions.Expect(row).ToContainTextAsync(Specialist);
        await row.Locator("a", new LocatorLocatorOptions { HasText = "Xử lý" }).ClickAsync();
        await Assertions.Expect(inbox.Locator("h1")).ToContainTextAsync("thẩm định");
        await inbox.CheckAsync("#outcome-approve");
        await inbox.FillAsync("#comment", "Hồ sơ đủ điều kiện.");
        await Check(inbox, "task");
        await inbox.ClickAsync("button[value=complete]");
        await Assertions.Expect(inbox.Locator(".bpm-alert")).ToContainTextAsync($"Đã hoàn thành công việc của hồ sơ {code}.");

        // The leader approves from the leader's view.
        await using var leaderContext = await NewContextAsync();
        var leader = await SignInAsync(leaderContext, Leader, "/lanh-dao");
        var decision = leader.Locator("form tbody tr", new PageLocatorOptions { HasText = code });
        await Assertions.Expect(decision).ToContainTextAsync("Lãnh đạo UBND xã ký Giấy khai sinh");
        await Check(leader, "leader");
        await decision.Locator("button", new LocatorLocatorOptions { HasText = "Đồng ý" }).ClickAsync();
        await Assertions.Expect(leader.Locator(".bpm-alert")).ToContainTextAsync($"Đã đồng ý hồ sơ {code}.");

        // Back at the desk: reception hands the result over and the dossier closes.
        await desk.GotoAsync("/tra-ket-qua");
        var waiting = desk.Locator(".bpm-results tbody tr", new PageLocatorOptions { HasText = code });
        await Assertions.Expect(waiting).ToContainTextAsync("Nguyễn Văn An");
        await Check(desk, "result-desk");
        await waiting.Locator("button", new LocatorLocatorOptions { HasText = "Đã trao tại quầy" }).ClickAsync();
        await Assertions.Expect(desk.Locator(".bpm-alert")).ToContainTextAsync($"Đã trả kết quả hồ sơ {code}");

        await desk.GotoAsync($"/dossiers/{code}");
        await Assertions.Expect(desk.Locator(".bpm-status")).ToHaveTextAsync("Đã trả kết quả");
        var timeline = desk.Locator(".bpm-timeline");
        foreach (var step in new[] { "Tiếp nhận hồ sơ", "Chuyển hồ sơ đi xử lý", "Đã có kết quả", "Trả kết quả" })
        {
            await Assertions.Expect(timeline).ToContainTextAsync(step);
        }

        await Assertions.Expect(desk.Locator(".bpm-print a").First).ToHaveAttributeAsync("href", $"/api/v1/dossiers/{code}/forms/01");
        await Check(desk, "dossier");
    }

    [SkippableFact]
    public async Task BirthRegistration_SupplementRequestedThenHandedIn_BackToReceived()
    {
        fixture.RequireBrowser();
        await WorkspaceBrowser.EnsureReceptionAtTheDeskAsync(fixture);
        await using var context = await NewContextAsync();
        var page = await SignInAsync(context, Reception, "/tiep-nhan");
        var code = await ReceiveAsync(page, "Trần Thị Bình", "001199012346");

        await page.GotoAsync($"/dossiers/{code}");
        await page.CheckAsync("#lp-giay-chung-sinh");
        await page.FillAsync("#reason", "Giấy chứng sinh bị mờ, không đọc được ngày sinh.");
        await page.ClickAsync("button[value=supplement-request]");
        await Assertions.Expect(page.Locator(".bpm-status")).ToHaveTextAsync("Chờ bổ sung hồ sơ");
        await Assertions.Expect(page.Locator(".bpm-timeline")).ToContainTextAsync("Giấy chứng sinh bị mờ");
        await Check(page, "dossier-waiting-for-supplement");

        await page.CheckAsync("#lp-giay-chung-sinh");
        await page.ClickAsync("button[value=supplement]");
        await Assertions.Expect(page.Locator(".bpm-status")).ToHaveTextAsync("Đã tiếp nhận");
        await Assertions.Expect(page.Locator(".bpm-timeline")).ToContainTextAsync("Nhận hồ sơ bổ sung");
    }

    [SkippableFact]
    public async Task BirthRegistration_RefusedWithoutAReasonThenWithOne_AskedForItThenClosed()
    {
        fixture.RequireBrowser();
        await WorkspaceBrowser.EnsureReceptionAtTheDeskAsync(fixture);
        await using var context = await NewContextAsync();
        var page = await SignInAsync(context, Reception, "/tiep-nhan");
        var code = await ReceiveAsync(page, "Lê Văn Cường", "079088001234");

        await page.GotoAsync($"/dossiers/{code}");
        await page.ClickAsync("button[value=refusal]");
        await Assertions.Expect(page.Locator("#reason-error")).ToContainTextAsync("Hãy nêu rõ lý do từ chối");
        await Assertions.Expect(page.Locator(".bpm-status")).ToHaveTextAsync("Đã tiếp nhận");

        await page.FillAsync("#reason", "Trẻ đã được đăng ký khai sinh tại xã khác.");
        await page.ClickAsync("button[value=refusal]");
        await Assertions.Expect(page.Locator(".bpm-status")).ToHaveTextAsync("Từ chối giải quyết");
        await Assertions.Expect(page.Locator(".bpm-timeline")).ToContainTextAsync("Trẻ đã được đăng ký khai sinh tại xã khác.");
        await Assertions.Expect(page.Locator(".bpm-print a[href$='/forms/03']")).ToBeVisibleAsync();
        await Check(page, "dossier-refused");
    }

    [SkippableFact]
    public async Task Desk_BadIdentityNumberAndNoPapers_ErrorsBesideTheFieldsAndNothingLost()
    {
        fixture.RequireBrowser();
        await using var context = await NewContextAsync();
        var page = await SignInAsync(context, Reception, "/tiep-nhan");
        await page.FillAsync("#q", "dang ky khai sinh");
        await page.Keyboard.PressAsync("Enter");
        await page.ClickAsync(".bpm-matches a[href$='thu-tuc=1.001193']");
        await page.FillAsync("#fullName", "Phạm Thị Dung");
        await page.FillAsync("#identityNumber", "999199012345");
        // The as-you-type check answers once the number is complete, before anything is submitted.
        await Assertions.Expect(page.Locator("#identityNumber-error")).ToContainTextAsync("Mã tỉnh '999'");
        await page.ClickAsync("button[value=receive]");

        await Assertions.Expect(page.Locator("#identityNumber-error")).ToContainTextAsync("Mã tỉnh '999'");
        await Assertions.Expect(page.Locator("#papers-error")).ToContainTextAsync("Thiếu giấy tờ bắt buộc 'to-khai-khai-sinh'");
        await Assertions.Expect(page.Locator("#fullName")).ToHaveValueAsync("Phạm Thị Dung");
        await Assertions.Expect(page.Locator("#identityNumber")).ToHaveValueAsync("999199012345");
        await Assertions.Expect(page.Locator(".bpm-received")).ToHaveCountAsync(0);
        await Check(page, "desk-errors");
    }

    [SkippableFact]
    public async Task Task_CompletedByAColleagueMeanwhile_SaysWhoAndWhenAndKeepsTheComment()
    {
        fixture.RequireBrowser();
        await WorkspaceBrowser.EnsureReceptionAtTheDeskAsync(fixture);
        await using var context = await NewContextAsync();
        var page = await SignInAsync(context, Reception, "/tiep-nhan");
        var code = await ReceiveAsync(page, "Đỗ Văn Em", "036201004567");
        await page.GotoAsync($"/dossiers/{code}");
        await page.ClickAsync("a.bpm-button:has-text('Xử lý')");
        await page.FillAsync("#comment", "Đã kiểm tra đủ giấy tờ.");

        // Meanwhile the other officer at the desk hands the dossier over, which completes the same step.
        await using var colleagueContext = await NewContextAsync();
        var colleague = await SignInAsync(colleagueContext, "motcua2.phuonglam", $"/dossiers/{code}");
        await colleague.ClickAsync("button[value=handover]");
        await Assertions.Expect(colleague.Locator(".bpm-status")).ToHaveTextAsync("Đang xử lý");

        await page.ClickAsync("button[value=complete]");
        await Assertions.Expect(page.Locator(".mud-alert [role=alert]")).ToContainTextAsync(new Regex(@"Công việc đã được motcua2\.phuonglam hoàn thành lúc \d{2}/\d{2}/\d{4} \d{2}:\d{2}"));
        await Assertions.Expect(page.Locator("#comment")).ToHaveValueAsync("Đã kiểm tra đủ giấy tờ.");
        await Check(page, "task-conflict");
    }

    private async Task Check(IPage page, string name)
    {
        await Screenshots.SaveAsync(page, "workspace-" + name, output);
        await Accessibility.CheckAsync(page, name, output);
    }

    private Task<IBrowserContext> NewContextAsync() => WorkspaceBrowser.NewContextAsync(fixture);

    /// <summary>Keyboard and mouse on a page, counting every key pressed and every click.</summary>
    private sealed class CountedInput(IPage page)
    {
        public int Keystrokes { get; private set; }

        public int Clicks { get; private set; }

        public async Task TypeAsync(string text)
        {
            await page.Keyboard.TypeAsync(text);
            Keystrokes += text.Length;
        }

        public async Task PressAsync(string key)
        {
            await page.Keyboard.PressAsync(key);
            Keystrokes++;
        }

        public async Task ClickAsync(string selector)
        {
            await page.ClickAsync(selector);
            Clicks++;
        }
    }
}
