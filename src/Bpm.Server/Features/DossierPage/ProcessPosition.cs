using System.Text.Json;
using Bpm.Engine;
using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Features.DossierPage;

/// <summary>
/// Where a dossier's process is, read from its instance's journal: the elements a token is in now,
/// the elements and flows it has passed. Counted per element, so a step entered again after a
/// return (a loop) is current, not done, while its second visit lasts.
/// </summary>
public sealed record ProcessPosition(string DefinitionId, int Version, string Xml, IReadOnlyList<string> Current, IReadOnlyList<string> Done, IReadOnlyList<string> FlowsTaken)
{
    private static readonly string Entered = JournalEventType.ElementEntered.ToKebabCase();
    private static readonly string Left = JournalEventType.ElementLeft.ToKebabCase();
    private static readonly string Cancelled = JournalEventType.ElementCancelled.ToKebabCase();
    private static readonly string Flow = JournalEventType.FlowTaken.ToKebabCase();

    /// <summary>One journal row as far as the position needs it: its type and its payload.</summary>
    public sealed record Step(string Type, string Payload);

    /// <summary>The position of <paramref name="instanceId"/> on the version of the definition it runs; null when the instance or its version is gone.</summary>
    public static async Task<ProcessPosition?> LoadAsync(BpmDbContext db, string instanceId, CancellationToken cancellationToken)
    {
        var instance = await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.InstanceId == instanceId, cancellationToken);
        if (instance is null)
        {
            return null;
        }

        var xml = await db.Definitions.AsNoTracking()
            .Where(d => d.DefinitionId == instance.DefinitionId && d.Version == instance.DefinitionVersion)
            .Select(d => d.Xml)
            .FirstOrDefaultAsync(cancellationToken);
        if (xml is null)
        {
            return null;
        }

        string[] kinds = [Entered, Left, Cancelled, Flow];
        var steps = await db.Journal.AsNoTracking()
            .Where(j => j.InstanceId == instanceId && kinds.Contains(j.Type))
            .OrderBy(j => j.Seq)
            .Select(j => new Step(j.Type, j.Payload))
            .ToListAsync(cancellationToken);
        return Of(instance.DefinitionId, instance.DefinitionVersion, xml, steps);
    }

    /// <summary>The position after <paramref name="steps"/>, in journal order.</summary>
    public static ProcessPosition Of(string definitionId, int version, string xml, IEnumerable<Step> steps)
    {
        var inside = new Dictionary<string, int>(StringComparer.Ordinal);
        var passed = new List<string>();
        var flows = new List<string>();
        foreach (var step in steps)
        {
            using var payload = JsonDocument.Parse(step.Payload);
            if (step.Type == Flow)
            {
                if (Text(payload, "flowId") is { } flow && !flows.Contains(flow))
                {
                    flows.Add(flow);
                }

                continue;
            }

            if (Text(payload, "elementId") is not { } element)
            {
                continue;
            }

            inside[element] = inside.GetValueOrDefault(element) + (step.Type == Entered ? 1 : -1);
            if (step.Type == Left && !passed.Contains(element))
            {
                passed.Add(element);
            }
        }

        var current = inside.Where(e => e.Value > 0).Select(e => e.Key).ToList();
        return new ProcessPosition(definitionId, version, xml, current, passed.Except(current).ToList(), flows);
    }

    private static string? Text(JsonDocument payload, string property) =>
        payload.RootElement.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
