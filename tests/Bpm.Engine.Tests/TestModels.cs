using System.Text.Json;
using Bpm.Engine;

namespace Bpm.Engine.Tests;

/// <summary>Loads the small BPMN files under Models/ and finds the repository's folders.</summary>
internal static class TestModels
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(7));

    public static ExecutableDefinition Load(string name)
    {
        var result = BpmnLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "Models", name + ".bpmn"));
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Definition!;
    }

    public static LoadResult LoadRaw(string name) =>
        BpmnLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "Models", name + ".bpmn"));

    public static InMemoryHost Host(string name, object? variables = null, EngineOptions? options = null)
    {
        var host = new InMemoryHost(Load(name), T0, options);
        var start = host.Start(Vars(variables));
        Assert.True(start.Applied, start.Rejection?.Message);
        return host;
    }

    public static Dictionary<string, JsonElement>? Vars(object? values) =>
        values is null ? null : JsonSerializer.SerializeToElement(values).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());

    public static string[] OpenTasks(this InMemoryHost host) =>
        host.Instances.SelectMany(i => i.Bookmarks).Where(b => b.Kind == BookmarkKind.Task).Select(b => b.ElementId).Order(StringComparer.Ordinal).ToArray();

    public static void Complete(this InMemoryHost host, string elementId, string? outcome = null, object? variables = null, string? error = null)
    {
        var result = host.CompleteTask(elementId, outcome, Vars(variables), "tester", error);
        Assert.True(result.Applied, result.Rejection?.Message);
    }

    public static IEnumerable<JournalEvent> Of(this InMemoryHost host, JournalEventType type) => host.Journal.Where(e => e.Type == type);

    public static string RepositoryRoot() => Bpm.Testing.RepositoryRoot.Find();
}
