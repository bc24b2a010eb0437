using System.Text.Json;

namespace Bpm.Documents.Signing;

/// <summary>
/// Issued documents as three files each under a folder: <c>{id}.html</c> (the bytes as issued),
/// <c>{id}.p7s</c> (the detached signature, as any CMS tool reads it) and <c>{id}.json</c> (the rest);
/// <c>by-dossier/{dossierCode}/{form}.id</c> names the latest form of each kind issued for a dossier.
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
        if (IndexPath(document.DossierCode, document.FormNumber) is { } index)
        {
            // Written aside and moved over the old one, so that a reader sees the previous id or the new one, never half of it.
            Directory.CreateDirectory(Path.GetDirectoryName(index)!);
            var staging = index + "." + document.Id.ToString("N");
            await File.WriteAllTextAsync(staging, document.Id.ToString("N"), cancellationToken);
            File.Move(staging, index, overwrite: true);
        }
    }

    /// <inheritdoc />
    public async Task<IssuedDocument?> FindLatestAsync(string dossierCode, string formNumber, CancellationToken cancellationToken = default)
    {
        if (IndexPath(dossierCode, formNumber) is not { } index || !File.Exists(index))
            return null;
        return Guid.TryParseExact(await File.ReadAllTextAsync(index, cancellationToken), "N", out var id)
            ? await FindAsync(id, cancellationToken)
            : throw new InvalidDataException($"{index} does not hold an issued document id");
    }

    /// <summary>Null for a tracking book (no dossier) or a code or form that is not a plain file name (never a path).</summary>
    private string? IndexPath(string dossierCode, string formNumber) =>
        IsPlainName(dossierCode) && IsPlainName(formNumber) ? Path.Combine(folder, "by-dossier", dossierCode, formNumber + ".id") : null;

    private static bool IsPlainName(string name) =>
        name.Length is > 0 and <= 100 && name[0] != '.' && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-');

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
