using System.Collections.Concurrent;

namespace Bpm.Papers;

/// <summary>
/// Papers in memory, under the same rules as <see cref="FileSystemPaperStore"/>: for tests of the
/// layers above, and for a host that must keep nothing on disk. An upload is held only up to the
/// size limit (plus one read) before it is refused.
/// </summary>
public sealed class InMemoryPaperStore(PaperOptions options, TimeProvider time) : IPaperStore
{
    private readonly PaperUploadValidator _validator = new(options);
    private readonly ConcurrentDictionary<PaperId, (StoredPaper Paper, byte[] Bytes)> _papers = new();

    public PaperUploadValidator Validator => _validator;

    /// <summary>How many papers are kept.</summary>
    public int Count => _papers.Count;

    public async Task<StoredPaper> SaveAsync(Stream content, string? declaredFileName, string? declaredContentType, CancellationToken cancellationToken = default)
    {
        var name = PaperUploadValidator.AcceptName(declaredFileName);
        var id = PaperId.New(time);
        using var buffer = new MemoryStream();
        var paper = await _validator.ReceiveAsync(content, buffer, name, declaredContentType, id, time.GetUtcNow(), cancellationToken);
        _papers[id] = (paper, buffer.ToArray());
        return paper;
    }

    public Task<PaperContent?> OpenAsync(PaperId id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_papers.TryGetValue(id, out var p) ? new PaperContent(p.Paper, new MemoryStream(p.Bytes, writable: false)) : null);

    public Task<bool> DeleteAsync(PaperId id, CancellationToken cancellationToken = default) => Task.FromResult(_papers.TryRemove(id, out _));
}
