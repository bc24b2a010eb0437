using System.Xml.Linq;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Bpm.Designer.Tests;

/// <summary>The fee schedules' form in the properties panel (docs/designer.md, docs/payments.md): what it writes is what the reader takes.</summary>
[Collection(DesignerCollection.Name)]
public sealed class FeeScheduleEditorTests(DesignerFixture fixture, ITestOutputHelper output)
{
    private const string Bpm = "urn:bpm-vn:bpmn:1.0";
    private const string Schedule = "[data-entry-id='feeSchedule-0']";

    [SkippableFact]
    public async Task FeeSchedule_AmountChangedAndExemptionAddedWithoutThenWithItsBasis_LintErrorThenPublishedAsEdited()
    {
        fixture.RequireBrowser();
        using var api = await DesignerApi.SignInAsync(fixture.Server!.BaseAddress);
        // A definition of its own (the construction permit sample), so that no other test sees its new rates.
        var id = "gpxd-bieu-phi-" + Guid.NewGuid().ToString("N")[..8];
        await api.PutAsync($"api/v1/definitions/{id}/draft", new { xml = await File.ReadAllTextAsync(RepositoryPaths.Sample("construction-permit")) });

        var page = await fixture.SignedInPageAsync($"designer/#/d/{id}/edit");
        await page.WaitForSelectorAsync(".djs-shape[data-element-id='Task_ThuLePhi']");
        await Assertions.Expect(page.Locator("#issue-count")).ToHaveAttributeAsync("data-errors", "0");

        // The fee step names its schedule, and the process's schedules are listed under it.
        await page.ClickAsync(".djs-shape[data-element-id='Task_ThuLePhi']");
        await Assertions.Expect(page.Locator("#bio-properties-panel-bpm-feeScheduleRef")).ToHaveValueAsync("BP-GPXD");
        await Assertions.Expect(page.Locator($"{Schedule} .bio-properties-panel-collapsible-entry-header-title").First)
            .ToHaveTextAsync("BP-GPXD — Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ");
        await OpenAsync(page, Schedule);
        await OpenListAsync(page, "feeSchedule-0-fees");
        await OpenAsync(page, "[data-entry-id='feeSchedule-0-fees-0']");
        await Assertions.Expect(page.Locator("#bio-properties-panel-feeSchedule-0-fees-0-rule")).ToHaveValueAsync("fixed");
        await page.FillAsync("#bio-properties-panel-feeSchedule-0-fees-0-amount", "80000");

        // An input the new reduction reads, and the reduction itself, first without its legal basis.
        await page.ClickAsync("[data-entry-id='feeSchedule-0-inputs'] .bio-properties-panel-add-entry");
        await page.FillAsync("#bio-properties-panel-feeSchedule-0-inputs-2-name", "nguoiCaoTuoi");
        await page.ClickAsync("[data-entry-id='feeSchedule-0-exemptions'] .bio-properties-panel-add-entry");
        await page.FillAsync("#bio-properties-panel-feeSchedule-0-exemptions-1-name", "Giảm 50% lệ phí cho người cao tuổi");
        await page.FillAsync("#bio-properties-panel-feeSchedule-0-exemptions-1-when", "nguoiCaoTuoi");
        await page.FillAsync("#bio-properties-panel-feeSchedule-0-exemptions-1-percent", "50");
        await page.Locator("#bio-properties-panel-feeSchedule-0-exemptions-1-percent").BlurAsync();

        var missingBasis = page.Locator("#issue-list li[data-rule='bpm/engine-error'][data-element='BP-GPXD']");
        await Assertions.Expect(missingBasis).ToContainTextAsync("Biểu phí, lệ phí bpm:feeSchedule 'BP-GPXD' không hợp lệ");
        await Assertions.Expect(missingBasis).ToContainTextAsync("exemption 'Giảm 50% lệ phí cho người cao tuổi': needs its legal basis");
        await Assertions.Expect(page.Locator("[data-entry-id='feeSchedule-0-exemptions-1-basis'] .bio-properties-panel-error")).ToHaveTextAsync("Cần căn cứ pháp lý");
        await Screenshots.SaveAsync(page, "designer-fee-schedule-missing-basis", output);

        await page.FillAsync("#bio-properties-panel-feeSchedule-0-exemptions-1-basis", "Nghị quyết HĐND tỉnh (giả định của phép thử)");
        await Assertions.Expect(missingBasis).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#issue-count")).ToHaveAttributeAsync("data-errors", "0");
        await Screenshots.SaveAsync(page, "designer-fee-schedule", output);

        await page.ClickAsync("#btn-publish");
        await page.FillAsync("#dialog-changeNote", "Lệ phí 80.000 đồng; giảm 50% cho người cao tuổi");
        await page.ClickAsync("#dialog-ok");
        await Assertions.Expect(page.Locator("#version-label .badge-published")).ToBeVisibleAsync();
        await page.Context.CloseAsync();

        // The published version carries the schedule as edited, in the elements the reader takes.
        var version = await api.GetAsync($"api/v1/definitions/{id}/versions/1");
        Assert.Equal("published", version.GetProperty("status").GetString());
        var schedule = XDocument.Parse(version.GetProperty("xml").GetString()!).Descendants(XName.Get("feeSchedule", Bpm)).Single();
        Assert.Equal("80000", (string?)schedule.Element(XName.Get("fee", Bpm))!.Attribute("amount"));
        Assert.Equal([ "hoNgheo", "nguoiCoCong", "nguoiCaoTuoi" ], schedule.Elements(XName.Get("input", Bpm)).Select(i => (string?)i.Attribute("name")));
        Assert.Equal("false", (string?)schedule.Elements(XName.Get("input", Bpm)).Last().Attribute("default"));
        var added = schedule.Elements(XName.Get("exemption", Bpm)).Last();
        Assert.Equal(
            ("Giảm 50% lệ phí cho người cao tuổi", "LEPHI-GPXD", "nguoiCaoTuoi", "50", "Nghị quyết HĐND tỉnh (giả định của phép thử)"),
            ((string?)added.Attribute("name"), (string?)added.Attribute("fees"), (string?)added.Attribute("when"), (string?)added.Attribute("percent"), (string?)added.Attribute("basis")));

        // And the server computes the fees from it: the published definition's reader saw the change.
        var validated = await api.PostAsync("api/v1/definitions/validate", new { xml = version.GetProperty("xml").GetString() });
        Assert.True(validated.GetProperty("valid").GetBoolean());
    }

    [SkippableFact]
    public async Task FeeSchedule_RuleKindsPicked_WrittenAsTheAmountsTheReaderTakes()
    {
        fixture.RequireBrowser();
        using var api = await DesignerApi.SignInAsync(fixture.Server!.BaseAddress);
        var id = "dkdn-bieu-phi-" + Guid.NewGuid().ToString("N")[..8];
        await api.PutAsync($"api/v1/definitions/{id}/draft", new { xml = await File.ReadAllTextAsync(RepositoryPaths.Sample("business-registration")) });

        var page = await fixture.SignedInPageAsync($"designer/#/d/{id}/edit");
        await page.WaitForSelectorAsync(".djs-shape[data-element-id='Task_ThuPhiLePhi']");
        await page.ClickAsync(".djs-shape[data-element-id='Task_ThuPhiLePhi']");
        await OpenAsync(page, Schedule);
        await OpenListAsync(page, "feeSchedule-0-fees");
        const string fee = "#bio-properties-panel-feeSchedule-0-fees-1";
        await OpenAsync(page, "[data-entry-id='feeSchedule-0-fees-1']");

        await page.SelectOptionAsync($"{fee}-rule", "perUnit");
        await page.FillAsync($"{fee}-price", "8000");
        await page.FillAsync($"{fee}-variable", "soBanSao");
        await page.FillAsync($"{fee}-unit", "bản");
        await page.Locator($"{fee}-unit").BlurAsync();
        Assert.Equal(("8000 * soBanSao", "bản"), (await FeeAttributeAsync(page, "amount"), await FeeAttributeAsync(page, "unit")));

        await page.SelectOptionAsync($"{fee}-rule", "percent");
        await page.FillAsync($"{fee}-percent", "0,1");
        await page.FillAsync($"{fee}-variable", "giaTri");
        await page.FillAsync($"{fee}-min", "100000");
        await page.FillAsync($"{fee}-max", "5000000");
        await page.Locator($"{fee}-max").BlurAsync();
        Assert.Equal(("giaTri * 0.001", "100000", "5000000"), (await FeeAttributeAsync(page, "amount"), await FeeAttributeAsync(page, "min"), await FeeAttributeAsync(page, "max")));
        await Screenshots.SaveAsync(page, "designer-fee-rule-percent", output);

        await page.SelectOptionAsync($"{fee}-rule", "bands");
        Assert.Null(await FeeAttributeAsync(page, "amount"));
        await OpenListAsync(page, "feeSchedule-0-fees-1-bands");
        await OpenAsync(page, "[data-entry-id='feeSchedule-0-fees-1-bands-0']");
        await page.FillAsync($"{fee}-bands-0-when", "giaTri <= 1000000000");
        await page.FillAsync($"{fee}-bands-0-amount", "100000");
        await page.ClickAsync("[data-entry-id='feeSchedule-0-fees-1-bands'] .bio-properties-panel-add-entry");
        await page.FillAsync($"{fee}-bands-1-amount", "200000");
        await page.Locator($"{fee}-bands-1-amount").BlurAsync();
        var bands = await page.EvaluateAsync<string[]>(
            "() => window.bpmModeler.getDefinitions().rootElements.find(e => e.$type === 'bpmn:Process').extensionElements.values[0].fees[1].bands.map(b => b.when + ' → ' + b.amount)");
        Assert.Equal([ "giaTri <= 1000000000 → 100000", "true → 200000" ], bands);
        await Screenshots.SaveAsync(page, "designer-fee-rule-bands", output);

        // The reader takes every one of them: a band schedule with min/max left from the percent is still valid.
        var xml = await page.EvaluateAsync<string>("async () => (await window.bpmModeler.saveXML()).xml");
        var validated = await api.PostAsync("api/v1/definitions/validate", new { xml });
        Assert.True(validated.GetProperty("valid").GetBoolean(), validated.ToString());
        await page.Context.CloseAsync();
    }

    private static Task<string?> FeeAttributeAsync(IPage page, string attribute) => page.EvaluateAsync<string?>(
        "name => window.bpmModeler.getDefinitions().rootElements.find(e => e.$type === 'bpmn:Process').extensionElements.values[0].fees[1].get(name) ?? null", attribute);

    /// <summary>Opens a collapsed list item (a schedule, a fee) by its header.</summary>
    private static async Task OpenAsync(IPage page, string entry)
    {
        var header = page.Locator($"{entry} > .bio-properties-panel-collapsible-entry-header");
        await header.ClickAsync();
        await Assertions.Expect(page.Locator(entry)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("open"));
    }

    /// <summary>Opens one of a schedule's lists (inputs, fees, exemptions, bands) by its header.</summary>
    private static async Task OpenListAsync(IPage page, string id)
    {
        await page.ClickAsync($"[data-entry-id='{id}'] > .bio-properties-panel-list-entry-header");
        await Assertions.Expect(page.Locator($"[data-entry-id='{id}']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("open"));
    }
}
