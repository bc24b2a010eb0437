using System.Collections.Concurrent;
using System.Xml;
using System.Xml.Linq;
using Bpm.Engine;

namespace Bpm.Server.Features.Definitions;

/// <summary>
/// What the API needs from a BPMN document without running the engine's validation: whether it
/// is well-formed BPMN at all (a draft may have lint errors, but not be unreadable), and the main
/// process's name, procedure code and level for the definition list.
/// </summary>
internal static class BpmnDocument
{
    private static readonly ConcurrentDictionary<string, DefinitionMetadata> Metadata = new();

    public sealed record DefinitionMetadata(string? Name, string? ProcedureCode, string? Level);

    /// <summary>Null when <paramref name="xml"/> is a readable BPMN document, else what is wrong and where.</summary>
    public static string? WellFormedError(string xml)
    {
        try
        {
            var root = Parse(xml).Root;
            if (root is null || root.Name.LocalName != "definitions" || root.Name.NamespaceName != BpmnNames.Model)
            {
                return $"Phần tử gốc phải là <definitions> của BPMN 2.0 (namespace {BpmnNames.Model}), không phải <{root?.Name.LocalName}>.";
            }

            return root.Elements(XName.Get("process", BpmnNames.Model)).Any()
                ? null
                : "Tài liệu BPMN không có phần tử <process> nào.";
        }
        catch (XmlException e)
        {
            return $"XML không hợp lệ tại dòng {e.LineNumber}, vị trí {e.LinePosition}: {e.Message}";
        }
    }

    public static DefinitionMetadata Describe(string contentHash, string xml) =>
        Metadata.GetOrAdd(contentHash, _ =>
        {
            try
            {
                var processes = Parse(xml).Root?.Elements(XName.Get("process", BpmnNames.Model)).ToList() ?? [];
                var main = processes.FirstOrDefault(p => (string?)p.Attribute("isExecutable") == "true") ?? processes.FirstOrDefault();
                return new DefinitionMetadata(
                    (string?)main?.Attribute("name"),
                    (string?)main?.Attribute(XName.Get("procedureCode", BpmnNames.Extension)),
                    (string?)main?.Attribute(XName.Get("level", BpmnNames.Extension)));
            }
            catch (XmlException)
            {
                return new DefinitionMetadata(null, null, null);
            }
        });

    public static bool IsDescribed(string contentHash) => Metadata.ContainsKey(contentHash);

    /// <summary>The metadata <see cref="Describe"/> found for <paramref name="contentHash"/>; none when it was never described.</summary>
    public static DefinitionMetadata Described(string contentHash) => Metadata.GetValueOrDefault(contentHash) ?? new DefinitionMetadata(null, null, null);

    /// <summary>Every element with an id: its XML type and name, for describing a diff.</summary>
    public static Dictionary<string, (string Type, string? Name)> Elements(string xml)
    {
        var result = new Dictionary<string, (string, string?)>(StringComparer.Ordinal);
        foreach (var element in Parse(xml).Descendants())
        {
            if ((string?)element.Attribute("id") is { } id)
            {
                result.TryAdd(id, (element.Name.LocalName, (string?)element.Attribute("name")));
            }
        }

        return result;
    }

    private static XDocument Parse(string xml)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersFromEntities = 1024 };
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        return XDocument.Load(reader, LoadOptions.SetLineInfo);
    }
}
