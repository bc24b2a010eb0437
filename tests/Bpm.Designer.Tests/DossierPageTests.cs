using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Bpm.Designer.Tests.WorkspaceBrowser;

namespace Bpm.Designer.Tests;

/// <summary>
/// The dossier page's islands and the desk's scans in a real browser: the officer's keys and clicks
/// counted by a listener in the page, scans by file input and drag-and-drop with their SHA-256, the
/// process map after an enhanced navigation, and the leader's pages on a 390×844 phone.
/// </summary>
[Collection(DesignerCollection.Name)]
public sealed class DossierPageTests(DesignerFixture fixture, ITestOutputHelper output)
{

    /// <summary>
    /// Counts, in every document of the context, the keys pressed (a keydown, or a character inserted
    /// without one, as an input method or Playwright does for "ễ") and the mouse presses, kept in
    /// sessionStorage so that the count survives the desk's page loads.
    /// </summary>
    private const string CountingListener = """
        (() => {
          const key = 'bpm-counted';
          const counts = JSON.parse(sessionStorage.getItem(key) ?? '{"keys":0,"clicks":0}');
          const save = () => sessionStorage.setItem(key, JSON.stringify(counts));
          let inKey = false;
          addEventListener('keydown', e => { if (e.isTrusted) { counts.keys++; inKey = true; save(); } }, true);
          addEventListener('keyup', () => { inKey = false; }, true);
          addEventListener('input', e => { if (e.isTrusted && !inKey && e.inputType === 'insertText') { counts.keys += (e.data ?? '').length; save(); } }, true);
          addEventListener('mousedown', e => { if (e.isTrusted) { counts.clicks++; save(); } }, true);
          window.bpmResetCount = () => { counts.keys = 0; counts.clicks = 0; save(); };
        })();
        """;

    /// <summary>A picture big enough to be seen as the scan's thumbnail in the screenshots.</summary>
    private static readonly byte[] Png = File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "tests", "conformance", "bpmn-miwg", "A.1.0.png"));

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    [SkippableFact]
    public async Task Desk_TrainedOfficerReceivesABirthRegistration_KeysAndClicksCountedInThePage()
    {
        fixture.RequireBrowser();
        await EnsureReceptionAtTheDeskAsync(fixture);
        await using var context = await NewContextAsync(1366, 768);
        await context.AddInitScriptAsync(CountingListener);
        var page = await SignInAsync(context, Reception, "/tiep-nhan");
        // Signing in is not part of receiving.
        await page.EvaluateAsync("() => window.bpmResetCount()");

        // What a trained officer does, by keyboard but for the two paper ticks and the two buttons.
        string[] typed = ["1.001193", "Nguyễn Thị Hoa", "052099012399", "0912345679"];
        await page.Keyboard.TypeAsync(typed[0]);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#fullName")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(typed[1]);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(typed[2]);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(typed[3]);
        await page.ClickAsync("#paper-0-received");
        await page.ClickAsync("#paper-1-received");
        await page.ClickAsync("button[value=receive]");
        var received = page.Locator(".bpm-received");
        await Assertions.Expect(received).ToContainTextAsync("Đã tiếp nhận hồ sơ");
        await Assertions.Expect(received).ToContainTextAsync("Nguyễn Thị Hoa");
        await page.ClickAsync(".bpm-received button[type=submit]");
        await Assertions.Expect(received).ToContainTextAsync("Đang xử lý");
        var code = (await received.Locator("code.bpm-code").TextContentAsync())!.Trim();
        await Assertions.Expect(received.Locator("a[target=_blank]")).ToHaveAttributeAsync("href", $"/api/v1/dossiers/{code}/forms/01");

        var counted = await page.EvaluateAsync<JsonElement>("() => JSON.parse(sessionStorage.getItem('bpm-counted'))");
        var keys = counted.GetProperty("keys").GetInt32();
        var clicks = counted.GetProperty("clicks").GetInt32();
        var message = $"reception of {code}, counted in the page: {keys} keystrokes + {clicks} clicks = {keys + clicks} actions";
        output.WriteLine(message);
        Console.WriteLine(message);
        // The listener saw every key and click the test made, and the page asked for nothing more.
        Assert.Equal(typed.Sum(t => t.Length) + 3, keys);
        Assert.Equal(4, clicks);
        await Check(page, "count-received");
    }

    [SkippableFact]
    public async Task Desk_ScansByFileInputAndDrop_StoredWithTheirSha256AndRefusalsNamed()
    {
        fixture.RequireBrowser();
        await EnsureReceptionAtTheDeskAsync(fixture);
        await using var context = await NewContextAsync(1366, 768);
        var page = await SignInAsync(context, Reception, "/tiep-nhan");
        var code = await ReceiveAsync(page, "Vũ Thị Giang", "001199012377");
        var rows = page.Locator(".bpm-received .bpm-scan");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        var first = rows.Nth(0);
        var second = rows.Nth(1);
        // The zones appear once the island is mounted (after the page's scripts).
        await Assertions.Expect(second.Locator(".bpm-drop")).ToBeVisibleAsync();

        // A scanner's file through the file input.
        await first.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "to-khai.png", MimeType = "image/png", Buffer = Png });
        await Assertions.Expect(first.Locator(".bpm-scan-status")).ToContainTextAsync($"Đã lưu 'to-khai.png'");
        await Assertions.Expect(first.Locator(".bpm-scan-status")).ToContainTextAsync(Sha256(Png));

        // A file dropped on the second paper's zone.
        await second.Locator(".bpm-drop").EvaluateAsync("""
            (zone, bytes) => {
              const data = new DataTransfer();
              data.items.add(new File([ new Uint8Array(bytes) ], 'giay-chung-sinh.pdf', { type: 'application/pdf' }));
              zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
            }
            """, Pdf.Select(b => (int)b).ToArray());
        await Assertions.Expect(second.Locator(".bpm-scan-status")).ToContainTextAsync("Đã lưu 'giay-chung-sinh.pdf'");
        await Assertions.Expect(second.Locator(".bpm-scan-files")).ToContainTextAsync(Sha256(Pdf));

        // Refused: a text file (the store's type check) and one over the size limit, each named.
        await second.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "ghi-chu.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes("không phải bản chụp") });
        await Assertions.Expect(second.Locator(".bpm-scan-status.bpm-scan-refused")).ToContainTextAsync("Không nhận: Tệp \"ghi-chu.txt\"");
        await Assertions.Expect(second.Locator(".bpm-scan-status")).ToContainTextAsync("Không có tệp nào được lưu.");
        await Check(page, "desk-scans-refused-type");
        await first.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "qua-lon.pdf", MimeType = "application/pdf", Buffer = new byte[(20 * 1024 * 1024) + 1] });
        await Assertions.Expect(first.Locator(".bpm-scan-status.bpm-scan-refused")).ToContainTextAsync(new Regex(@"Không nhận tệp 'qua-lon\.pdf': .*lớn hơn giới hạn 20 MB"));

        // The dossier page lists what was stored, the picture shown, each file downloadable as stored.
        await page.GotoAsync($"/dossiers/{code}");
        var files = page.Locator(".bpm-scans .bpm-scan-files li");
        await Assertions.Expect(files).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator(".bpm-scans img.bpm-scan-thumb")).ToHaveCountAsync(1);
        var href = await files.Filter(new LocatorFilterOptions { HasText = "giay-chung-sinh.pdf" }).Locator("a").GetAttributeAsync("href");
        var download = await context.APIRequest.GetAsync(href!);
        Assert.Equal(200, download.Status);
        Assert.Equal(Sha256(Pdf), Convert.ToHexStringLower(SHA256.HashData(await download.BodyAsync())));
        await Check(page, "dossier-scans");
    }

    [SkippableFact]
    public async Task Desk_ScanChosenBeforeSaving_KeptThroughAFailedPostAndShownOnTheDossierPage()
    {
        fixture.RequireBrowser();
        await EnsureReceptionAtTheDeskAsync(fixture);
        await using var context = await NewContextAsync(1366, 768);
        var page = await SignInAsync(context, Reception, "/tiep-nhan?thu-tuc=1.001193");
        await page.FillAsync("#fullName", "Đặng Văn Minh");
        await page.FillAsync("#identityNumber", "001199012366");
        var row = page.Locator(".bpm-checklist tbody tr").Nth(1);
        await Assertions.Expect(row.Locator(".bpm-drop")).ToBeVisibleAsync();
        // The papers this procedure asks as originals show the form without a choice.
        await Assertions.Expect(row).ToContainTextAsync("bản chính");

        await row.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "giay-chung-sinh.png", MimeType = "image/png", Buffer = Png });
        await Assertions.Expect(row.Locator(".bpm-scan-status")).ToContainTextAsync("Đã lưu 'giay-chung-sinh.png'");
        await Assertions.Expect(row.Locator(".bpm-scan-files")).ToContainTextAsync(Sha256(Png));
        await Check(page, "desk-scan-pending");

        // Receiving with the scanned paper not ticked: refused beside the row, the scan and the typing kept.
        await page.CheckAsync("#paper-0-received");
        await page.ClickAsync("button[value=receive]");
        await Assertions.Expect(row.Locator(".validation-message")).ToContainTextAsync("có bản chụp nhưng chưa đánh dấu đã nhận");
        await Assertions.Expect(page.Locator("#fullName")).ToHaveValueAsync("Đặng Văn Minh");
        await Assertions.Expect(row.Locator(".bpm-scan-files li")).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator(".bpm-scan-files")).ToContainTextAsync(Sha256(Png));
        await Check(page, "desk-scan-kept");

        await page.CheckAsync("#paper-1-received");
        await page.ClickAsync("button[value=receive]");
        var code = page.Locator(".bpm-received code.bpm-code");
        await Assertions.Expect(code).ToBeVisibleAsync();
        var received = (await code.TextContentAsync())!.Trim();
        await Assertions.Expect(page.Locator(".bpm-received .bpm-scan").Nth(1).Locator(".bpm-scan-files")).ToContainTextAsync(Sha256(Png));

        await page.GotoAsync($"/dossiers/{received}");
        var files = page.Locator(".bpm-scans .bpm-scan-files li");
        await Assertions.Expect(files).ToHaveCountAsync(1);
        await Assertions.Expect(files).ToContainTextAsync("giay-chung-sinh.png");
        await Assertions.Expect(page.Locator(".bpm-scans")).ToContainTextAsync("1 bản chính");
        var href = await files.Locator("a").GetAttributeAsync("href");
        Assert.Equal(Sha256(Png), Convert.ToHexStringLower(SHA256.HashData(await (await context.APIRequest.GetAsync(href!)).BodyAsync())));
        await Check(page, "dossier-scan-before-saving");
    }

    [SkippableFact]
    public async Task DossierPage_ReachedByAnEnhancedLink_MapMarksTheCurrentStepAndThePassedOnes()
    {
        fixture.RequireBrowser();
        await EnsureReceptionAtTheDeskAsync(fixture);
        await using var context = await NewContextAsync(1366, 768);
        var page = await SignInAsync(context, Reception, "/tiep-nhan");
        var code = await ReceiveAsync(page, "Hoàng Văn Khánh", "001199012388");
        await page.ClickAsync(".bpm-received button[type=submit]");
        await Assertions.Expect(page.Locator(".bpm-received")).ToContainTextAsync("Đang xử lý");

        // Blazor's enhanced navigation runs no script of the new page: js/islands.js mounts the map.
        await page.ClickAsync(".bpm-received a:has-text('Xem hồ sơ')");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(code);
        var map = page.Locator(".bpm-map");
        await Assertions.Expect(map).ToHaveAttributeAsync("data-island-ready", "true");
        await Assertions.Expect(map.Locator("[data-element-id=Task_ThamDinh].bpm-map-current")).ToHaveCountAsync(1);
        await Assertions.Expect(map.Locator("[data-element-id=Task_TiepNhan].bpm-map-done")).ToHaveCountAsync(1);
        await Assertions.Expect(map.Locator("[data-element-id=StartEvent_NopHoSo].bpm-map-done")).ToHaveCountAsync(1);
        await Assertions.Expect(map.Locator("[data-element-id=Task_LanhDaoKy].bpm-map-current, [data-element-id=Task_LanhDaoKy].bpm-map-done")).ToHaveCountAsync(0);
        await Assertions.Expect(map).ToHaveAttributeAsync("aria-label", new Regex("đang ở: Công chức tư pháp – hộ tịch thẩm định hồ sơ"));

        await page.ClickAsync("button[data-map-zoom=in]");
        await page.ClickAsync("button[data-map-zoom=fit]");
        await Check(page, "dossier-map");
    }

    [SkippableFact]
    public async Task Leader_OnAPhone_LeaderViewAndDossierPageFitTheScreenAndTheApprovalWorks()
    {
        fixture.RequireBrowser();
        await EnsureReceptionAtTheDeskAsync(fixture);
        await using var deskContext = await NewContextAsync(1366, 768);
        var desk = await SignInAsync(deskContext, Reception, "/tiep-nhan");
        var code = await ReceiveAsync(desk, "Ngô Thị Lan", "001199012399");
        await desk.ClickAsync(".bpm-received button[type=submit]");
        await Assertions.Expect(desk.Locator(".bpm-received")).ToContainTextAsync("Đang xử lý");
        await ApproveAsSpecialistAsync(code);

        await using var phone = await NewContextAsync(390, 844, mobile: true);
        var leader = await SignInAsync(phone, Leader, "/lanh-dao");
        var decision = leader.Locator("form tbody tr", new PageLocatorOptions { HasText = code });
        await Assertions.Expect(decision).ToContainTextAsync("Lãnh đạo UBND xã ký Giấy khai sinh");
        await AssertFitsAsync(leader, "/lanh-dao");
        var approve = decision.Locator("button", new LocatorLocatorOptions { HasText = "Đồng ý" });
        await AssertOnScreenAsync(approve, "Đồng ý");
        await Check(leader, "phone-leader", fullPage: true);

        await decision.Locator("a").First.ClickAsync();
        await Assertions.Expect(leader.Locator("h1")).ToContainTextAsync(code);
        await Assertions.Expect(leader.Locator(".bpm-map [data-element-id=Task_LanhDaoKy].bpm-map-current")).ToHaveCountAsync(1);
        await AssertFitsAsync(leader, $"/dossiers/{code}");
        await Check(leader, "phone-dossier", fullPage: true);

        await leader.GoBackAsync();
        await Assertions.Expect(leader).ToHaveURLAsync(new Regex("/lanh-dao$"));
        await AssertOnScreenAsync(approve, "Đồng ý");
        await approve.ClickAsync();
        await Assertions.Expect(leader.Locator(".bpm-alert")).ToContainTextAsync($"Đã đồng ý hồ sơ {code}.");
        await AssertFitsAsync(leader, "/lanh-dao after approving");
    }

    /// <summary>The specialist's step, through the API: claim and approve the open task of the dossier.</summary>
    private async Task ApproveAsSpecialistAsync(string code)
    {
        await using var context = await NewContextAsync(1366, 768);
        var api = context.APIRequest;
        var login = await api.PostAsync("api/v1/auth/login", new APIRequestContextOptions { DataObject = new { userName = Specialist, password = DesignerApi.DemoPassword } });
        Assert.True(login.Ok, $"sign-in as {Specialist}: {login.Status} {await login.TextAsync()}");
        var tasks = await (await api.GetAsync($"api/v1/tasks?dossierCode={Uri.EscapeDataString(code)}")).JsonAsync();
        var id = tasks!.Value.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("elementId").GetString() == "Task_ThamDinh").GetProperty("id").GetString()!;
        foreach (var (path, body) in new (string, object?)[] { ("claim", null), ("complete", new { outcome = "approve", comment = "Đủ điều kiện." }) })
        {
            var response = await api.PostAsync($"api/v1/tasks/{Uri.EscapeDataString(id)}/{path}", new APIRequestContextOptions { DataObject = body ?? new { } });
            Assert.True(response.Ok, $"{path} {id}: {response.Status} {await response.TextAsync()}");
        }
    }

    private static async Task AssertFitsAsync(IPage page, string where)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"{where} scrolls sideways on a phone: the page is {widths[0]} px wide in a {widths[1]} px window");
    }

    private static async Task AssertOnScreenAsync(ILocator action, string name)
    {
        await action.ScrollIntoViewIfNeededAsync();
        var box = await action.BoundingBoxAsync();
        Assert.True(box is { X: >= 0 } && box.X + box.Width <= 390, $"'{name}' is not within the phone's 390 px: {box?.X} + {box?.Width}");
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private async Task Check(IPage page, string name, bool fullPage = false)
    {
        var path = await Screenshots.SaveAsync(page, "workspace-" + name, output);
        if (fullPage)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        }

        await Accessibility.CheckAsync(page, name, output);
    }

    private Task<IBrowserContext> NewContextAsync(int width, int height, bool mobile = false) => WorkspaceBrowser.NewContextAsync(fixture, width, height, mobile);
}
