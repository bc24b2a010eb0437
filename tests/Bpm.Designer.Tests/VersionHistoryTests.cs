using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Bpm.Designer.Tests;

[Collection(DesignerCollection.Name)]
public sealed class VersionHistoryTests(DesignerFixture fixture, ITestOutputHelper output)
{
    private const string Definition = "business-registration";

    [SkippableFact]
    public async Task History_RevertPublishRetract_ChangesTheVersionsAsTheApiReports()
    {
        fixture.RequireBrowser();
        using var api = await DesignerApi.SignInAsync(fixture.Server!.BaseAddress);
        var latest = await api.LatestVersionAsync(Definition);
        var draft = latest + 1;

        var page = await fixture.SignedInPageAsync($"designer/#/d/{Definition}");
        await Assertions.Expect(page.Locator($"#versions tr[data-version='{latest}']")).ToBeVisibleAsync();

        await page.ClickAsync($"#versions tr[data-version='{latest}'] button:has-text('Khôi phục thành nháp')");
        await page.ClickAsync("#dialog-ok");
        await Assertions.Expect(page.Locator($"#versions tr[data-version='{draft}'] .badge-draft")).ToBeVisibleAsync();

        await page.ClickAsync($"#versions tr[data-version='{draft}'] button:has-text('Xuất bản')");
        await page.FillAsync("#dialog-changeNote", "Khôi phục và ban hành lại");
        await page.ClickAsync("#dialog-ok");
        await Assertions.Expect(page.Locator($"#versions tr[data-version='{draft}'] .badge-published")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "designer-version-history", output);

        await page.ClickAsync($"#versions tr[data-version='{draft}'] button:has-text('Thu hồi')");
        await page.ClickAsync("#dialog-ok");
        await Assertions.Expect(page.Locator($"#versions tr[data-version='{draft}'] .badge-retracted")).ToBeVisibleAsync();

        var versions = (await api.GetAsync($"api/v1/definitions/{Definition}")).GetProperty("versions").EnumerateArray()
            .ToDictionary(v => v.GetProperty("version").GetInt32(), v => v.GetProperty("status").GetString());
        Assert.Equal("retracted", versions[draft]);
        await page.Context.CloseAsync();
    }
}
