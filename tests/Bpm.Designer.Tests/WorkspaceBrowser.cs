using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Playwright;

namespace Bpm.Designer.Tests;

/// <summary>
/// What the staff workspace's browser tests share: the demo staff of Phường Lâm, a browser context
/// sized like theirs, signing in through the login page, and receiving a birth registration.
/// </summary>
internal static class WorkspaceBrowser
{
    public const string Reception = "motcua.phuonglam";
    public const string Specialist = "tuphap.phuonglam";
    public const string Leader = "lanhdao.phuonglam";

    private const string Sample = "civil-status-birth-registration";
    private const string DeskUnit = "XA-PHUONGLAM.MOTCUA";

    /// <summary>A new context (own cookies) at <paramref name="width"/>×<paramref name="height"/>; a phone's when <paramref name="mobile"/>.</summary>
    public static Task<IBrowserContext> NewContextAsync(DesignerFixture fixture, int width = 1366, int height = 768, bool mobile = false) =>
        NewContextAsync(fixture.Browser!, fixture.Server!.BaseAddress, width, height, mobile);

    /// <summary>The same on another server than the fixture's (a test that needs a server of its own).</summary>
    public static Task<IBrowserContext> NewContextAsync(IBrowser browser, Uri server, int width = 1366, int height = 768, bool mobile = false) =>
        browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            IsMobile = mobile,
            HasTouch = mobile,
            Locale = "vi-VN",
            // axe-core is injected as an inline script, which the server's CSP (script-src 'self') refuses.
            BypassCSP = true,
        });

    public static async Task<IPage> SignInAsync(IBrowserContext context, string userName, string path)
    {
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login?returnUrl=" + Uri.EscapeDataString(path));
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", DesignerApi.DemoPassword);
        await page.ClickAsync("form[action='/account/login'] button[type=submit]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(path) + "$"), new PageAssertionsToHaveURLOptions { Timeout = 60_000 });
        return page;
    }

    /// <summary>Receives a birth registration at the desk with the two papers and returns its code.</summary>
    public static async Task<string> ReceiveAsync(IPage page, string name, string identityNumber)
    {
        await page.GotoAsync("/tiep-nhan?thu-tuc=1.001193");
        await page.FillAsync("#fullName", name);
        await page.FillAsync("#identityNumber", identityNumber);
        await page.CheckAsync("#paper-0-received");
        await page.CheckAsync("#paper-1-received");
        await page.ClickAsync("button[value=receive]");
        var code = page.Locator(".bpm-received code.bpm-code");
        await Assertions.Expect(code).ToBeVisibleAsync();
        return (await code.TextContentAsync())!.Trim();
    }

    /// <summary>
    /// The sample as shipped, reception at the desk: other tests of the collection publish versions of
    /// it (EditorTests moves the reception step to the specialists' unit), and a dossier received
    /// on such a version cannot be handed over by the desk. Publishes version 1 again when needed.
    /// </summary>
    public static async Task EnsureReceptionAtTheDeskAsync(DesignerFixture fixture)
    {
        using var api = await DesignerApi.SignInAsync(fixture.Server!.BaseAddress);
        var published = (await api.GetAsync($"api/v1/definitions/{Sample}")).GetProperty("versions").EnumerateArray()
            .Where(v => v.GetProperty("status").GetString() == "published").Max(v => v.GetProperty("version").GetInt32());
        var xml = (await api.GetAsync($"api/v1/definitions/{Sample}/versions/{published}")).GetProperty("xml").GetString()!;
        var reception = XDocument.Parse(xml).Descendants().Single(e => (string?)e.Attribute("id") == "Task_TiepNhan");
        if ((string?)reception.Attribute(XName.Get("unit", "urn:bpm-vn:bpmn:1.0")) == DeskUnit)
        {
            return;
        }

        var draft = (await api.PostAsync($"api/v1/definitions/{Sample}/versions/1/revert", new { })).GetProperty("version").GetInt32();
        await api.PostAsync($"api/v1/definitions/{Sample}/versions/{draft}/publish", new { changeNote = "Tiếp nhận tại bộ phận một cửa, như mẫu" });
    }
}
