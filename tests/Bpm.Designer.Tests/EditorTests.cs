using System.Xml.Linq;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Bpm.Designer.Tests;

[Collection(DesignerCollection.Name)]
public sealed class EditorTests(DesignerFixture fixture, ITestOutputHelper output)
{
    private const string BirthRegistration = "civil-status-birth-registration";
    private const string Bpm = "urn:bpm-vn:bpmn:1.0";
    private const string AllowanceRule = "#issue-list li[data-rule='bpm/allowance-within-time-limit']";

    [SkippableFact]
    public async Task Editor_UnitAndAllowanceChangedBeyondTimeLimitThenFixed_PublishesNextVersionWithThoseAttributes()
    {
        fixture.RequireBrowser();
        using var api = await DesignerApi.SignInAsync(fixture.Server!.BaseAddress);
        var before = await api.LatestVersionAsync(BirthRegistration);

        var page = await fixture.SignedInPageAsync($"designer/#/d/{BirthRegistration}/edit");
        await page.WaitForSelectorAsync(".djs-shape[data-element-id='Task_TiepNhan']");
        await Assertions.Expect(page.Locator("#issue-count")).ToHaveAttributeAsync("data-errors", "0");

        await page.ClickAsync(".djs-shape[data-element-id='Task_TiepNhan']");
        await page.SelectOptionAsync("#bio-properties-panel-bpm-unit", "XA-PHUONGLAM.TUPHAP");
        await page.SelectOptionAsync("#bio-properties-panel-bpm-allowance-unit", "days");
        await page.FillAsync("#bio-properties-panel-bpm-allowance-amount", "2");

        // 2 days + 3 h + 2 h + 1 h on the longest path is more than the one working day (P1D) the law allows.
        await Assertions.Expect(page.Locator(AllowanceRule)).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(AllowanceRule)).ToHaveAttributeAsync("data-element", "EndEvent_DaTraKetQua");
        await Assertions.Expect(page.Locator("#time-check")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("over"));
        await Assertions.Expect(page.Locator("#time-check")).ToContainTextAsync("2 ngày 6 giờ làm việc (22 giờ)");
        await Assertions.Expect(page.Locator(AllowanceRule)).ToContainTextAsync("22 giờ");
        await Assertions.Expect(page.Locator(".djs-overlay-linting .bjsl-icon-error")).Not.ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "designer-allowance-over-time-limit", output);

        // The engine's validator reports the same on the process, as a warning, after the round trip.
        await Assertions.Expect(page.Locator("#issue-list li[data-rule='bpm/engine-warning'][data-element='Process_DangKyKhaiSinh']")).ToBeVisibleAsync();
        // Translated by its code (BPM1610), with the engine's numbers put into the Vietnamese wording.
        await Assertions.Expect(page.Locator("#issue-list li[data-rule='bpm/engine-warning'][data-element='Process_DangKyKhaiSinh']"))
            .ToContainTextAsync("vượt thời hạn giải quyết bpm:timeLimit P1D (1 ngày làm việc, 8 giờ)");

        await page.SelectOptionAsync("#bio-properties-panel-bpm-allowance-unit", "hours");
        await Assertions.Expect(page.Locator(AllowanceRule)).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#time-check")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("over"));

        await page.ClickAsync("#btn-publish");
        await page.FillAsync("#dialog-changeNote", "Tiếp nhận chuyển sang công chức tư pháp, 2 giờ");
        await page.ClickAsync("#dialog-ok");
        await Assertions.Expect(page.Locator("#version-label")).ToContainTextAsync($"phiên bản {before + 1}");
        await Assertions.Expect(page.Locator("#version-label .badge-published")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "designer-published", output);

        var definition = await api.GetAsync($"api/v1/definitions/{BirthRegistration}");
        var published = definition.GetProperty("versions").EnumerateArray().Single(v => v.GetProperty("version").GetInt32() == before + 1);
        Assert.Equal("published", published.GetProperty("status").GetString());
        Assert.Equal("Tiếp nhận chuyển sang công chức tư pháp, 2 giờ", published.GetProperty("changeNote").GetString());

        var version = await api.GetAsync($"api/v1/definitions/{BirthRegistration}/versions/{before + 1}");
        var reception = XDocument.Parse(version.GetProperty("xml").GetString()!).Descendants().Single(e => (string?)e.Attribute("id") == "Task_TiepNhan");
        Assert.Equal("XA-PHUONGLAM.TUPHAP", (string?)reception.Attribute(XName.Get("unit", Bpm)));
        Assert.Equal("PT2H", (string?)reception.Attribute(XName.Get("allowance", Bpm)));
        Assert.Equal("reception", (string?)reception.Attribute(XName.Get("role", Bpm)));

        // The version history compares the two versions on the diagram.
        await page.GotoAsync($"designer/#/d/{BirthRegistration}/diff/{before}/{before + 1}");
        await Assertions.Expect(page.Locator("#diff-to .djs-element[data-element-id='Task_TiepNhan'].diff-changed")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".diff-section-changed li[data-element='Task_TiepNhan']")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "designer-diff", output);
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task Editor_ChangeThenUndoRedo_RestoresAndReappliesTheChange()
    {
        fixture.RequireBrowser();
        var page = await fixture.SignedInPageAsync("designer/#/d/construction-permit/edit");
        const string id = "Task_ThamDinh";
        await page.ClickAsync($".djs-shape[data-element-id='{id}']");
        var original = await page.InputValueAsync("#bio-properties-panel-bpm-role");
        var changed = original == "leader" ? "clerk" : "leader";

        await page.SelectOptionAsync("#bio-properties-panel-bpm-role", changed);
        await Assertions.Expect(page.Locator("#dirty-flag")).ToBeVisibleAsync();
        Assert.Equal(changed, await RoleOf(page, id));

        await page.ClickAsync("#btn-undo");
        Assert.Equal(original, await RoleOf(page, id));
        await page.ClickAsync("#btn-redo");
        Assert.Equal(changed, await RoleOf(page, id));

        // Keyboard: Ctrl+Z / Ctrl+Y from the page (not from an input field).
        await page.ClickAsync(".editor-title");
        await page.Keyboard.PressAsync("Control+z");
        Assert.Equal(original, await RoleOf(page, id));
        await page.Keyboard.PressAsync("Control+y");
        Assert.Equal(changed, await RoleOf(page, id));

        // Unsaved changes: leaving the page asks first (the beforeunload handler cancels the event).
        Assert.True(await page.EvaluateAsync<bool>("() => { const e = new Event('beforeunload', { cancelable: true }); window.dispatchEvent(e); return e.defaultPrevented; }"));
        await page.ClickAsync("#btn-save");
        await Assertions.Expect(page.Locator("#dirty-flag")).ToHaveCountAsync(0);
        Assert.False(await page.EvaluateAsync<bool>("() => { const e = new Event('beforeunload', { cancelable: true }); window.dispatchEvent(e); return e.defaultPrevented; }"));
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task Palette_DomainActivities_AreOfferedPreconfiguredInVietnamese()
    {
        fixture.RequireBrowser();
        var page = await fixture.SignedInPageAsync("designer/#/d/business-registration/edit");
        await page.WaitForSelectorAsync(".djs-palette .entry[data-action='bpm-create-reception']");

        var titles = await page.Locator(".djs-palette .entry[data-action^='bpm-create-']").EvaluateAllAsync<string[]>("es => es.map(e => e.title || e.getAttribute('aria-label'))");
        Assert.Equal(8, titles.Length);
        Assert.Contains("Tạo bước Tiếp nhận hồ sơ", titles);
        Assert.Contains(titles, t => t.StartsWith("Tạo bước Hẹn giờ SLA", StringComparison.Ordinal));
        Assert.Equal("Tạo nhiệm vụ", await page.Locator(".djs-palette .entry[data-action='create.task']").EvaluateAsync<string>("e => e.title || e.getAttribute('aria-label')"));

        // Append a fee step after the first task, and attach an SLA timer to it.
        const string taskId = "Task_ThamDinh";
        await page.ClickAsync($".djs-shape[data-element-id='{taskId}']");
        await page.ClickAsync(".djs-context-pad .entry[data-action='bpm-append']");
        await page.ClickAsync(".djs-popup [data-id='bpm-append-fee']");
        var fee = await page.EvaluateAsync<string[]>(
            "() => bpmModeler.get('elementRegistry').filter(e => e.businessObject.get && e.businessObject.get('bpm:kind') === 'fee' && e.type === 'bpmn:ServiceTask').map(e => e.businessObject.name)");
        Assert.Contains("Thu phí, lệ phí", fee);
        await Assertions.Expect(page.Locator("#bio-properties-panel-bpm-feeItems")).ToBeVisibleAsync();

        await page.ClickAsync($".djs-shape[data-element-id='{taskId}']");
        await page.ClickAsync(".djs-context-pad .entry[data-action='bpm-attach-sla']");
        var sla = await page.EvaluateAsync<string[]>(
            $"() => bpmModeler.get('elementRegistry').filter(e => e.type === 'bpmn:BoundaryEvent' && e.host && e.host.id === '{taskId}' && e.businessObject.get('bpm:kind') === 'sla').map(e => e.businessObject.eventDefinitions[0].timeDuration.body)");
        Assert.Equal(["PT4H"], sla);
        await Assertions.Expect(page.Locator("#bio-properties-panel-bpm-slaDuration-amount")).ToHaveValueAsync("4");
        await Screenshots.SaveAsync(page, "designer-domain-palette", output);

        var untranslated = await page.EvaluateAsync<string[]>("() => [...window.__bpmUntranslated]");
        output.WriteLine("labels without a Vietnamese translation: " + string.Join(" | ", untranslated));
        Assert.DoesNotContain(untranslated, titles.Contains);
        await page.Context.CloseAsync();
    }

    private static Task<string> RoleOf(IPage page, string elementId) =>
        page.EvaluateAsync<string>($"() => bpmModeler.get('elementRegistry').get('{elementId}').businessObject.get('bpm:role') || ''");
}
