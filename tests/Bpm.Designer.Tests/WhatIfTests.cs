using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Bpm.Designer.Tests;

/// <summary>The editor's "Mô phỏng": the diagram as drawn beside the published version.</summary>
[Collection(DesignerCollection.Name)]
public sealed class WhatIfTests(DesignerFixture fixture, ITestOutputHelper output)
{
    [SkippableFact]
    public async Task WhatIf_FromTheEditor_ShowsBothVersionsFigures()
    {
        fixture.RequireBrowser();
        var page = await fixture.SignedInPageAsync("designer/#/d/civil-status-birth-registration/edit");
        await page.WaitForSelectorAsync(".djs-shape[data-element-id='Task_TiepNhan']");

        await page.ClickAsync("#btn-whatif");
        await page.FillAsync("#dialog-months", "1");
        await page.FillAsync("#dialog-arrivalsPerDay", "3");
        await page.FillAsync("#dialog-staff", "XA-PHUONGLAM.TUPHAP:specialist=2");
        await page.ClickAsync("#dialog-ok");

        await Assertions.Expect(page.Locator("#whatif-result")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#whatif-summary")).ToContainTextAsync("Tỉ lệ đúng hạn");
        await Assertions.Expect(page.Locator("#whatif-summary thead")).ToContainTextAsync("Đang ban hành (v");
        await Assertions.Expect(page.Locator("#whatif-candidate-steps")).ToContainTextAsync("XA-PHUONGLAM.TUPHAP:specialist");
        await Screenshots.SaveAsync(page, "designer-whatif", output);
        await page.ClickAsync("#whatif-close");
        await Assertions.Expect(page.Locator("#whatif-result")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
