using System.Text.Json;
using Bpm.Dossiers.Dossiers;

namespace Bpm.Integration.NationalPortal;

/// <summary>A status as the national public service portal names it.</summary>
public sealed record PortalStatus(string Code, string Name);

/// <summary>
/// The mapping tables to the national portal (<c>workflows/integration/national-portal.json</c>):
/// each Bpm dossier status to the portal's status code, and the procedures whose code in Bpm's
/// catalogue differs from the national one. Every Bpm status must be mapped; a file that misses one,
/// names one Bpm does not have, or is not the format is refused with the place named.
/// </summary>
public sealed class PortalMapping
{
    private readonly IReadOnlyDictionary<string, PortalStatus> _statuses;
    private readonly IReadOnlyDictionary<string, string> _procedures;

    private PortalMapping(IReadOnlyDictionary<string, PortalStatus> statuses, IReadOnlyDictionary<string, string> procedures)
    {
        _statuses = statuses;
        _procedures = procedures;
    }

    /// <summary>The portal's status for a Bpm status (<see cref="DossierStatus"/>).</summary>
    public PortalStatus StatusOf(string bpmStatus) =>
        _statuses.TryGetValue(bpmStatus, out var status) ? status : throw new ArgumentException($"no portal status for the Bpm status '{bpmStatus}'", nameof(bpmStatus));

    /// <summary>The national procedure code: the catalogue's own unless the file maps it.</summary>
    public string ProcedureCodeOf(string catalogueCode) => _procedures.GetValueOrDefault(catalogueCode, catalogueCode);

    /// <exception cref="IntegrationConfigurationException">The file is missing, not JSON, or incomplete; the message names the file and the place.</exception>
    public static PortalMapping Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new IntegrationConfigurationException($"{path}: the national portal mapping file is missing");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new IntegrationConfigurationException($"{path}: not JSON (line {e.LineNumber + 1}): {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            var statuses = new Dictionary<string, PortalStatus>(StringComparer.Ordinal);
            if (!root.TryGetProperty("statuses", out var statusesElement) || statusesElement.ValueKind != JsonValueKind.Object)
            {
                throw new IntegrationConfigurationException($"{path}: 'statuses' must be an object from Bpm status to {{ \"code\", \"name\" }}");
            }

            foreach (var entry in statusesElement.EnumerateObject())
            {
                if (!DossierStatus.All.Contains(entry.Name))
                {
                    throw new IntegrationConfigurationException($"{path}: statuses.{entry.Name}: Bpm has no such status (it has {string.Join(", ", DossierStatus.All)})");
                }

                var code = Text(entry.Value, "code");
                var name = Text(entry.Value, "name");
                if (code is null || name is null)
                {
                    throw new IntegrationConfigurationException($"{path}: statuses.{entry.Name}: needs a non-empty \"code\" and \"name\"");
                }

                statuses[entry.Name] = new PortalStatus(code, name);
            }

            var missing = DossierStatus.All.Where(s => !statuses.ContainsKey(s)).ToList();
            if (missing.Count > 0)
            {
                throw new IntegrationConfigurationException($"{path}: statuses: no portal status for {string.Join(", ", missing)}");
            }

            var procedures = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("procedures", out var proceduresElement))
            {
                foreach (var entry in proceduresElement.EnumerateObject())
                {
                    procedures[entry.Name] = entry.Value.ValueKind == JsonValueKind.String && entry.Value.GetString() is { Length: > 0 } national
                        ? national
                        : throw new IntegrationConfigurationException($"{path}: procedures.{entry.Name}: the national code must be a non-empty string");
                }
            }

            return new PortalMapping(statuses, procedures);
        }
    }

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : null;
}
