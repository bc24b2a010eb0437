using Bpm.Engine;
using Bpm.Persistence;

namespace Bpm.Cli;

/// <summary><c>bpm definitions import DIR | publish ID | list</c>.</summary>
internal static class DefinitionsCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0)
        {
            throw new UsageException("definitions needs import DIR, publish ID or list");
        }

        var parsed = Arguments.Parse(args.AsSpan(1), ["--by"]);
        var actor = parsed["--by"] ?? Environment.UserName;
        using var db = Database.Open(parsed);
        var store = new DefinitionStore(db, TimeProvider.System);
        return args[0] switch
        {
            "import" => Import(store, parsed.Single("definitions import"), actor, stdout, stderr),
            "publish" => Publish(store, parsed.Single("definitions publish"), actor, stdout, stderr),
            "list" => List(store, stdout),
            _ => throw new UsageException($"unknown definitions command '{args[0]}'"),
        };
    }

    /// <summary>Each <c>.bpmn</c> becomes (or replaces) the draft of the definition named after its main process, or after the file when it does not load.</summary>
    private static int Import(DefinitionStore store, string directory, string actor, TextWriter stdout, TextWriter stderr)
    {
        if (!Directory.Exists(directory))
        {
            stderr.WriteLine($"bpm: no such directory '{directory}'");
            return Cli.Failed;
        }

        var files = Directory.GetFiles(directory, "*.bpmn").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            stderr.WriteLine($"bpm: no .bpmn files in '{directory}'");
            return Cli.Failed;
        }

        foreach (var file in files)
        {
            var xml = File.ReadAllText(file);
            var loaded = BpmnLoader.Load(xml);
            var id = loaded.Definition?.Main.Id ?? Path.GetFileNameWithoutExtension(file);
            var draft = store.SaveDraftAsync(id, xml, actor).GetAwaiter().GetResult();
            stdout.WriteLine($"draft {id} v{draft.Version} {file}{(loaded.IsValid ? "" : " (not valid yet: bpm validate shows why)")}");
        }

        return Cli.Ok;
    }

    private static int Publish(DefinitionStore store, string id, string actor, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            var published = store.PublishAsync(id, actor).GetAwaiter().GetResult();
            stdout.WriteLine($"published {id} v{published.Version}");
            return Cli.Ok;
        }
        catch (DefinitionException e) when (e.Code == "invalid")
        {
            stderr.WriteLine($"bpm: {e.Message}");
            foreach (var d in e.Diagnostics.Where(d => d.Severity == Severity.Error))
            {
                stderr.WriteLine($"{id}:{d.Line}: {d.ElementId ?? "-"}: {d.Message}");
            }

            return Cli.Failed;
        }
    }

    private static int List(DefinitionStore store, TextWriter stdout)
    {
        foreach (var d in store.ListAsync().GetAwaiter().GetResult())
        {
            var published = d.PublishedAt is { } at ? $" published {at.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} by {d.PublishedBy}" : "";
            stdout.WriteLine($"{d.DefinitionId} v{d.Version} {d.Status.ToString().ToLowerInvariant()} {d.ContentHash[..12]}{published}");
        }

        return Cli.Ok;
    }
}
