using System.Text.Json;

namespace Bpm.Documents.Signing;

/// <summary>
/// Issued documents as three files each under a folder: <c>{id}.html</c> (the bytes as issued),
/// <c>{id}.p7s</c> (the detached signature, as any CMS tool reads it) and <c>{id}.json</c> (the rest).
/// </summary>
/// <param name="folder">E.g. <c>{data}/issued</c>.</param>
public sealed class FileIssuedDocumentStore(string folder) : IIssuedDocumentStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <inheritdoc />
    public async Task SaveAsync(IssuedDocument document, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(folder);
        var metadata = Path.Combine(folder, document.Id.ToString("N") + ".json");
        if (File.Exists(metadata))
            throw new InvalidOperationException($"issued document {document.Id} is already stored in {folder}");
        await File.WriteAllBytesAsync(Path.Combine(folder, document.Id.ToString("N") + ".html"), document.Content, cancellationToken);
        await File.WriteAllBytesAsync(Path.Combine(folder, document.Id.ToString("N") + ".p7s"), document.Signature, cancellationToken);
        // Metadata last: a document is found only once all three files exist.
        await File.WriteAllTextAsync(metadata, JsonSerializer.Serialize(document with { Content = [], Signature = [] }, Json), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IssuedDocument?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var metadata = Path.Combine(folder, id.ToString("N") + ".json");
        if (!File.Exists(metadata))
            return null;
        var document = JsonSerializer.Deserialize<IssuedDocument>(await File.ReadAllTextAsync(metadata, cancellationToken), Json)
            ?? throw new InvalidDataException($"{metadata} is empty");
        return document with
        {
            Content = await File.ReadAllBytesAsync(Path.Combine(folder, id.ToString("N") + ".html"), cancellationToken),
            Signature = await File.ReadAllBytesAsync(Path.Combine(folder, id.ToString("N") + ".p7s"), cancellationToken),
        };
    }
}
