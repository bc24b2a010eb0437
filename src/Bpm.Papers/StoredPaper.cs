namespace Bpm.Papers;

/// <summary>What the store knows of a saved paper; the dossier layer keeps this beside the dossier.</summary>
/// <param name="Id">Where the paper is, for <see cref="IPaperStore.OpenAsync"/>.</param>
/// <param name="Sha256">SHA-256 of the content, 64 lowercase hex digits.</param>
/// <param name="Size">Length in bytes.</param>
/// <param name="Kind">The kind detected from the content.</param>
/// <param name="FileName">The declared name, sanitised: for display and downloads only.</param>
/// <param name="StoredAt">When it was saved (UTC).</param>
public sealed record StoredPaper(PaperId Id, string Sha256, long Size, PaperKind Kind, string FileName, DateTimeOffset StoredAt)
{
    /// <summary>The media type to serve it with: the detected one, never the declared one.</summary>
    public string ContentType => Kind.MediaType();
}

/// <summary>An opened paper; dispose it to close the content.</summary>
public sealed class PaperContent(StoredPaper paper, Stream content) : IAsyncDisposable, IDisposable
{
    public StoredPaper Paper { get; } = paper;

    /// <summary>The bytes, readable once from the start.</summary>
    public Stream Content { get; } = content;

    public ValueTask DisposeAsync() => Content.DisposeAsync();

    public void Dispose() => Content.Dispose();
}
