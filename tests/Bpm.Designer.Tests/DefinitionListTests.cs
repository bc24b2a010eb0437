using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Bpm.Designer.Tests;

[Collection(DesignerCollection.Name)]
public sealed class DefinitionListTests(DesignerFixture fixture, ITestOutputHelper output)
{
    [SkippableFact]
    public async Task List_SearchByProcedureCodeOrName_FindsTheDefinition()
    {
        fixture.RequireBrowser();
        var page = await fixture.SignedInThroughLoginPageAsync("designer/");
        await Assertions.Expect(page.Locator("#definitions tbody tr[data-definition]")).Not.ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "designer-list", output);

        await page.FillAsync("#search", "1.001193");
        await Assertions.Expect(page.Locator("#definitions tbody tr[data-definition]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#definitions tbody tr[data-definition='civil-status-birth-registration']")).ToBeVisibleAsync();

        await page.FillAsync("#search", "khai sinh");
        await Assertions.Expect(page.Locator("#definitions tbody tr[data-definition='civil-status-birth-registration']")).ToBeVisibleAsync();

        await page.ClickAsync("#definitions tbody tr[data-definition='civil-status-birth-registration'] a");
        await Assertions.Expect(page.Locator("#versions tbody tr[data-version]")).Not.ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
