namespace Bpm.Dossiers.Catalog;

/// <summary>Reads a catalogue file by its extension: <c>.json</c> or <c>.csv</c>.</summary>
public static class CatalogFile
{
    public static CatalogLoadResult Load(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".json" => JsonCatalogReader.Read(File.ReadAllText(path)),
        ".csv" => CsvCatalogReader.Read(File.ReadAllText(path)),
        var other => CatalogLoadResult.Failed([new CatalogError(0, 0, "(file)", $"'{other}' files are not a catalogue format: use .json or .csv")]),
    };
}
