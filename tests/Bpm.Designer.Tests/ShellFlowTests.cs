using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Bpm.Designer.Tests;

/// <summary>
/// The application shell around the designer, in a real browser at 1366×768 (the office screens):
/// a reception officer signs in through the form, meets the inbox and signs out.
/// </summary>
[Collection(DesignerCollection.Name)]
public sealed class ShellFlowTests(DesignerFixture fixture, ITestOutputHelper output)
{
    private const string Reception = "motcua.phuonglam";

    [SkippableFact]
    public async Task SignIn_ReceptionThroughTheForm_SeesInboxThenSignsOut()
    {
        fixture.RequireBrowser();
        await using var context = await fixture.Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.Server!.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
            Locale = "vi-VN",
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("header.bpm-appbar")).ToContainTextAsync("Bpm — Một cửa");
        await Assertions.Expect(page.Locator("header.bpm-appbar a[href='/account/login']")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "shell-home", output);

        await page.GotoAsync("/inbox");
        await page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));
        await page.FillAsync("#userName", Reception);
        await page.FillAsync("#password", DesignerApi.DemoPassword);
        await Screenshots.SaveAsync(page, "shell-sign-in", output);
        await page.ClickAsync("form[action='/account/login'] button[type=submit]");
        await page.WaitForURLAsync(url => url.EndsWith("/inbox", StringComparison.Ordinal));

        var code = await StartBirthRegistrationAsync(page);
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Hộp công việc");
        await Assertions.Expect(page.Locator(".bpm-inbox")).ToContainTextAsync(code);
        var appBar = page.Locator("header.bpm-appbar");
        await Assertions.Expect(appBar).ToContainTextAsync("Nguyễn Thị Lan");
        await Assertions.Expect(appBar).ToContainTextAsync("Bộ phận Một cửa xã Phương Lâm");
        await Assertions.Expect(appBar.Locator("a[href='/inbox']")).ToHaveAttributeAsync("aria-current", "page");
        await Assertions.Expect(appBar.Locator("a[href='/designer/']")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "shell-inbox", output);

        await appBar.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Đăng xuất" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Assertions.Expect(appBar.Locator("a[href='/account/login']")).ToBeVisibleAsync();
        Assert.Equal(401, (await page.Context.APIRequest.GetAsync("api/v1/me")).Status);
    }

    /// <summary>A dossier in the officer's inbox, started through the API with the browser's cookie.</summary>
    private static async Task<string> StartBirthRegistrationAsync(IPage page)
    {
        var code = "000.27.22.H10-261201-" + Guid.NewGuid().ToString("N")[..8];
        var response = await page.Context.APIRequest.PostAsync("api/v1/instances", new APIRequestContextOptions
        {
            DataObject = new
            {
                definitionId = "civil-status-birth-registration",
                businessKey = code,
                variables = new { dossierCode = code, applicantName = "Nguyễn Văn An", childName = "Nguyễn Minh Khôi" },
            },
        });
        Assert.True(response.Ok, $"start: {response.Status} {await response.TextAsync()}");
        using var started = JsonDocument.Parse(await response.TextAsync());
        Assert.NotEmpty(started.RootElement.GetProperty("openTasks").EnumerateArray());
        return code;
    }
}
