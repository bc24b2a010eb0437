using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Bpm.Designer.Tests;

/// <summary>
/// One server and one headless chromium for all browser tests. Without /usr/bin/chromium the tests
/// skip and say why — unless BPM_REQUIRE_BROWSER=1 (CI), when a missing browser fails them.
/// </summary>
public sealed class DesignerFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;

    public ServerProcess? Server { get; private set; }

    public IBrowser? Browser { get; private set; }

    /// <summary>Why the browser tests cannot run here, or null when they can.</summary>
    public string? SkipReason { get; private set; }

    public static bool BrowserRequired => Environment.GetEnvironmentVariable("BPM_REQUIRE_BROWSER") == "1";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            SkipReason = $"chromium not found at {ChromiumPath} (apt-get install -y chromium)";
            return;
        }

        Server = await ServerProcess.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>Skips (or, with BPM_REQUIRE_BROWSER=1, fails) when there is no browser.</summary>
    public void RequireBrowser()
    {
        if (SkipReason is null)
        {
            return;
        }

        if (BrowserRequired)
        {
            Assert.Fail($"browser tests required (BPM_REQUIRE_BROWSER=1), but {SkipReason}");
        }

        var message = $"browser tests skipped: {SkipReason}; set BPM_REQUIRE_BROWSER=1 to make this a failure";
        Console.WriteLine(message);
        Skip.If(true, message);
    }

    /// <summary>A new browser context (own cookies), signed in as the demo process designer through the API, on <paramref name="path"/>.</summary>
    public async Task<IPage> SignedInPageAsync(string path = "designer/")
    {
        var page = await NewPageAsync();
        var response = await page.Context.APIRequest.PostAsync("api/v1/auth/login", new APIRequestContextOptions
        {
            DataObject = new { userName = DesignerApi.DesignerUser, password = DesignerApi.DemoPassword },
        });
        Assert.True(response.Ok, $"sign-in as {DesignerApi.DesignerUser} failed: {response.Status} {await response.TextAsync()}");
        await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        return page;
    }

    /// <summary>Like <see cref="SignedInPageAsync"/>, but the way a person signs in: the designer sends the browser to /account/login and back.</summary>
    public async Task<IPage> SignedInThroughLoginPageAsync(string path = "designer/")
    {
        var page = await NewPageAsync();
        await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded });

        // The designer's script sends the browser on after its first API call answers 401; the URL
        // and the form are polled, which holds however early or late that navigation commits.
        var patience = new LocatorAssertionsToBeVisibleOptions { Timeout = 60_000 };
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/login"), new PageAssertionsToHaveURLOptions { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#userName")).ToBeVisibleAsync(patience);
        await page.FillAsync("#userName", DesignerApi.DesignerUser);
        await page.FillAsync("#password", DesignerApi.DemoPassword);
        await page.ClickAsync("form[action='/account/login'] button[type=submit]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/designer/"), new PageAssertionsToHaveURLOptions { Timeout = 60_000 });
        return page;
    }

    private async Task<IPage> NewPageAsync()
    {
        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server!.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1600, Height = 1000 },
            Locale = "vi-VN",
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(20_000);
        context.SetDefaultNavigationTimeout(60_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DesignerCollection : ICollectionFixture<DesignerFixture>
{
    public const string Name = "designer";
}
