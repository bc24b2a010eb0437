using System.Xml;
using System.Xml.Linq;

namespace Bpm.Persistence;

/// <summary>One changed attribute of an element present in both versions.</summary>
public sealed record AttributeChange(string Attribute, string? Before, string? After);

/// <summary>An element (anything with an <c>id</c>) present in both versions with different attributes.</summary>
public sealed record ElementChange(string ElementId, string ElementType, IReadOnlyList<AttributeChange> Attributes);

/// <summary>Elements added, removed and changed between two versions, by element id.</summary>
public sealed record DefinitionDiff(IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<ElementChange> Changed)
{
    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0;

    internal static DefinitionDiff Compare(string before, string after)
    {
        var a = Elements(before);
        var b = Elements(after);
        var changed = new List<ElementChange>();
        foreach (var (id, element) in a.Where(e => b.ContainsKey(e.Key)).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var other = b[id];
            var names = element.Attributes.Keys.Union(other.Attributes.Keys).Order(StringComparer.Ordinal);
            var attributes = names
                .Select(n => new AttributeChange(n, element.Attributes.GetValueOrDefault(n), other.Attributes.GetValueOrDefault(n)))
                .Where(c => c.Before != c.After)
                .ToList();
            if (element.Type != other.Type)
            {
                attributes.Insert(0, new AttributeChange("(element type)", element.Type, other.Type));
            }

            if (attributes.Count > 0)
            {
                changed.Add(new ElementChange(id, other.Type, attributes));
            }
        }

        return new DefinitionDiff(
            [.. b.Keys.Except(a.Keys).Order(StringComparer.Ordinal)],
            [.. a.Keys.Except(b.Keys).Order(StringComparer.Ordinal)],
            changed);
    }

    private static Dictionary<string, (string Type, Dictionary<string, string> Attributes)> Elements(string xml)
    {
        // Stored definitions passed the engine's reader, but a draft may not have: read just as safely.
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        var document = XDocument.Load(reader);
        var result = new Dictionary<string, (string, Dictionary<string, string>)>(StringComparer.Ordinal);
        foreach (var element in document.Descendants())
        {
            if (element.Attribute("id")?.Value is not { } id || result.ContainsKey(id))
            {
                continue;
            }

            var attributes = element.Attributes()
                .Where(a => !a.IsNamespaceDeclaration && a.Name.LocalName != "id")
                .ToDictionary(a => a.Name.NamespaceName.Length == 0 ? a.Name.LocalName : $"{element.GetPrefixOfNamespace(a.Name.Namespace) ?? a.Name.NamespaceName}:{a.Name.LocalName}", a => a.Value);
            var text = string.Concat(element.Nodes().OfType<XText>().Select(t => t.Value)).Trim();
            if (text.Length > 0)
            {
                attributes["(text)"] = text;
            }

            result[id] = (element.Name.LocalName, attributes);
        }

        return result;
    }
}
