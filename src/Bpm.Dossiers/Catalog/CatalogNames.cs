using System.Collections.Frozen;
using System.Text.Json;

namespace Bpm.Dossiers.Catalog;

/// <summary>The names the catalogue files give enum values: the camelCase member name (<c>workingDays</c>, <c>certifiedCopy</c>).</summary>
public static class CatalogNames
{
    public static string Name<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static bool TryParse<T>(string name, out T value)
        where T : struct, Enum => Names<T>.ByName.TryGetValue(name, out value);

    /// <summary>The allowed names, for messages: "province, commune, district".</summary>
    public static string Of<T>()
        where T : struct, Enum => Names<T>.List;

    private static class Names<T>
        where T : struct, Enum
    {
        public static readonly FrozenDictionary<string, T> ByName =
            System.Enum.GetValues<T>().ToFrozenDictionary(Name, v => v, StringComparer.Ordinal);

        public static readonly string List = string.Join(", ", System.Enum.GetValues<T>().Select(Name));
    }
}
