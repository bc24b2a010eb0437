using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Bpm.Designer.Tests;

/// <summary>
/// axe-core (vendored in axe/, MPL-2.0) run on the page as it stands: a serious or critical
/// violation fails the test, naming the rule and the elements; lesser ones are written to the output.
/// </summary>
internal static class Accessibility
{
    private static readonly string Script = Path.Combine(RepositoryPaths.Root, "tests", "Bpm.Designer.Tests", "axe", "axe.min.js");

    public static async Task CheckAsync(IPage page, string name, ITestOutputHelper output)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = Script });
        var json = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')) }))");
        var violations = json.EnumerateArray().Select(v => new
        {
            Id = v.GetProperty("id").GetString(),
            Impact = v.GetProperty("impact").GetString(),
            Help = v.GetProperty("help").GetString(),
            Nodes = string.Join(", ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString())),
        }).ToList();
        foreach (var v in violations)
        {
            output.WriteLine($"axe {name}: {v.Impact} {v.Id} — {v.Help}: {v.Nodes}");
        }

        var serious = violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{name}: {serious.Count} serious or critical accessibility violations: "
            + string.Join("; ", serious.Select(v => $"{v.Id} ({v.Help}) at {v.Nodes}")));
    }
}
