using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Bpm.Designer.Tests;

/// <summary>
/// The dashboard (/bao-cao) in a real browser at 1366×768: reception receives a birth registration
/// at Phương Lâm, the commune's leader finds it counted, opens the count into its dossiers and the
/// dossier's page, and prints the report. Each page gets a screenshot and an axe-core check.
/// </summary>
[Collection(DesignerCollection.Name)]
public sealed class DashboardFlowTests(DesignerFixture fixture, ITestOutputHelper output)
{
    private const string Unit = "XA-PHUONGLAM.MOTCUA";

    [SkippableFact]
    public async Task Dashboard_DossierReceived_CountedChartedDrilledDownAndPrinted()
    {
        fixture.RequireBrowser();
        await using var receptionContext = await WorkspaceBrowser.NewContextAsync(fixture);
        var desk = await WorkspaceBrowser.SignInAsync(receptionContext, "motcua.phuonglam", "/tiep-nhan");
        var code = await WorkspaceBrowser.ReceiveAsync(desk, "Vũ Thị Hoa", "001199012347");

        await using var leaderContext = await WorkspaceBrowser.NewContextAsync(fixture);
        var page = await WorkspaceBrowser.SignInAsync(leaderContext, "lanhdao.phuonglam", "/lanh-dao");
        await page.ClickAsync("nav.bpm-nav a:has-text('Báo cáo')");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Báo cáo một cửa");
        await page.SelectOptionAsync("#f-by", "don-vi");
        await page.FillAsync("#f-unit", Unit);
        await page.ClickAsync("form.bpm-filters button[type=submit]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("don-vi=" + Regex.Escape(Uri.EscapeDataString(Unit))));

        var received = page.Locator(".bpm-counters a", new PageLocatorOptions { HasText = "Tiếp nhận" });
        Assert.True(int.Parse((await received.Locator(".bpm-counter").TextContentAsync())!, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        await Assertions.Expect(page.Locator("figure.bpm-chart svg").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#t-by ~ div table tbody th").First).ToHaveTextAsync(Unit);
        await Check(page, "dashboard");

        await received.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Hồ sơ tiếp nhận");
        var link = page.Locator($"a[href='/dossiers/{Uri.EscapeDataString(code)}']");
        await Assertions.Expect(link).ToBeVisibleAsync();
        await Check(page, "dashboard-dossiers");
        await link.ClickAsync();
        await Assertions.Expect(page.Locator(".bpm-status")).ToHaveTextAsync("Đã tiếp nhận");

        await page.GotoAsync($"/bao-cao/ban-in?don-vi={Uri.EscapeDataString(Unit)}");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Báo cáo kết quả giải quyết thủ tục hành chính");
        await Assertions.Expect(page.Locator(".bpm-appbar")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".bpm-exports").First).ToBeHiddenAsync();
        await Check(page, "dashboard-print");
    }

    private async Task Check(IPage page, string name)
    {
        await Screenshots.SaveAsync(page, name, output);
        await Accessibility.CheckAsync(page, name, output);
    }
}
