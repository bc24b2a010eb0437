using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Bpm.Designer.Tests;

[Collection(DesignerCollection.Name)]
public sealed class ImportTests(DesignerFixture fixture, ITestOutputHelper output)
{
    [SkippableTheory]
    [InlineData("A.3.0")]
    [InlineData("B.2.0")]
    public async Task Import_MiwgReferenceModel_ListsItsUnsupportedElements(string model)
    {
        fixture.RequireBrowser();
        var file = Path.Combine(RepositoryPaths.Miwg, model + ".bpmn");
        Assert.True(File.Exists(file), $"MIWG model {file} is missing (expected under tests/conformance/bpmn-miwg)");
        using var api = await DesignerApi.SignInAsync(fixture.Server!.BaseAddress);
        var validation = await api.PostAsync("api/v1/definitions/validate", new { xml = await File.ReadAllTextAsync(file) });
        var unsupported = validation.GetProperty("diagnostics").EnumerateArray()
            .Where(d => d.GetProperty("message").GetString()!.Contains("not supported", StringComparison.Ordinal))
            .Select(d => d.GetProperty("elementId").GetString()!)
            .Distinct()
            .ToList();
        Assert.NotEmpty(unsupported);

        var page = await fixture.SignedInPageAsync("designer/#/d/business-registration/edit");
        await page.WaitForSelectorAsync(".djs-shape");
        await page.SetInputFilesAsync("#file-import", file);

        var listed = page.Locator("#unsupported li");
        await Assertions.Expect(listed).ToHaveCountAsync(unsupported.Count);
        foreach (var id in unsupported)
        {
            await Assertions.Expect(page.Locator($"#unsupported li[data-element='{id}']")).ToHaveCountAsync(1);
        }

        await Assertions.Expect(page.Locator("#dirty-flag")).ToBeVisibleAsync();
        output.WriteLine($"{model}: {unsupported.Count} unsupported element(s): {string.Join(", ", unsupported)}");
        await Screenshots.SaveAsync(page, $"designer-import-{model}", output);
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task Export_CurrentDiagram_DownloadsBpmnWithTheBpmNamespace()
    {
        fixture.RequireBrowser();
        var page = await fixture.SignedInPageAsync("designer/#/d/business-registration/edit");
        await page.WaitForSelectorAsync(".djs-shape");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#btn-export"));
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".bpmn");
        await download.SaveAsAsync(path);
        var xml = await File.ReadAllTextAsync(path);
        File.Delete(path);
        Assert.EndsWith(".bpmn", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Contains("xmlns:bpm=\"urn:bpm-vn:bpmn:1.0\"", xml, StringComparison.Ordinal);
        Assert.Contains("bpm:timeLimit=", xml, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}
