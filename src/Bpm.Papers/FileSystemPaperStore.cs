using System.Text.Json;

namespace Bpm.Papers;

/// <summary>
/// Papers as files under one folder (by default <c>papers/</c> in the server's data folder):
/// <c>yyyy/MM/{id}/content</c> holds the bytes exactly as uploaded and <c>paper.json</c> beside it
/// what <see cref="StoredPaper"/> says. A save is written in <c>.incoming/{id}/</c> and moved into
/// place with one directory rename, so a reader sees a whole paper or none, and a refused or
/// cancelled save leaves nothing. Several hosts may share the folder: ids never collide.
/// </summary>
public sealed class FileSystemPaperStore : IPaperStore
{
    private const string ContentFile = "content";
    private const string RecordFile = "paper.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private readonly PaperUploadValidator _validator;
    private readonly TimeProvider _time;
    private readonly string _incoming;
    private readonly string _trash;

    /// <param name="dataPath">The server's data folder; <see cref="PaperOptions.Path"/> is taken under it when relative.</param>
    /// <param name="options">Limits and the folder.</param>
    /// <param name="time">The clock of <see cref="StoredPaper.StoredAt"/> and of the ids.</param>
    public FileSystemPaperStore(string dataPath, PaperOptions options, TimeProvider time)
    {
        _validator = new PaperUploadValidator(options);
        _time = time;
        Root = Path.GetFullPath(options.Path, Path.GetFullPath(dataPath));
        _incoming = Path.Combine(Root, ".incoming");
        _trash = Path.Combine(Root, ".trash");
    }

    /// <summary>The folder holding the papers.</summary>
    public string Root { get; }

    public PaperUploadValidator Validator => _validator;

    public async Task<StoredPaper> SaveAsync(Stream content, string? declaredFileName, string? declaredContentType, CancellationToken cancellationToken = default)
    {
        var name = PaperUploadValidator.AcceptName(declaredFileName);
        var id = PaperId.New(_time);
        var staging = Directory.CreateDirectory(Path.Combine(_incoming, id.ToString())).FullName;
        try
        {
            StoredPaper paper;
            await using (var file = new FileStream(Path.Combine(staging, ContentFile), FileMode.CreateNew, FileAccess.Write, FileShare.None, 81_920, FileOptions.Asynchronous))
            {
                paper = await _validator.ReceiveAsync(content, file, name, declaredContentType, id, _time.GetUtcNow(), cancellationToken);
                file.Flush(flushToDisk: true);
            }

            await File.WriteAllTextAsync(Path.Combine(staging, RecordFile), JsonSerializer.Serialize(PaperRecord.From(paper), Json), cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            var final = FolderOf(id);
            Directory.CreateDirectory(Path.GetDirectoryName(final)!);
            Directory.Move(staging, final);
            return paper;
        }
        catch (Exception e)
        {
            Discard(staging, e);
            throw;
        }
    }

    public async Task<PaperContent?> OpenAsync(PaperId id, CancellationToken cancellationToken = default)
    {
        var folder = FolderOf(id);
        var record = Path.Combine(folder, RecordFile);
        if (!File.Exists(record))
        {
            return null;
        }

        try
        {
            var paper = JsonSerializer.Deserialize<PaperRecord>(await File.ReadAllTextAsync(record, cancellationToken), Json)?.ToPaper()
                ?? throw new InvalidDataException($"{record} is empty.");
            var stream = new FileStream(Path.Combine(folder, ContentFile), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81_920, FileOptions.Asynchronous);
            return new PaperContent(paper, stream);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException && !Directory.Exists(folder))
        {
            return null; // deleted between the look and the open
        }
    }

    public Task<bool> DeleteAsync(PaperId id, CancellationToken cancellationToken = default)
    {
        var folder = FolderOf(id);
        var doomed = Path.Combine(_trash, $"{id}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_trash);
        try
        {
            // Renamed away first, so that a reader never sees a half-deleted paper.
            Directory.Move(folder, doomed);
        }
        catch (DirectoryNotFoundException)
        {
            return Task.FromResult(false);
        }

        Directory.Delete(doomed, recursive: true);
        return Task.FromResult(true);
    }

    private string FolderOf(PaperId id)
    {
        var at = id.CreatedAt;
        return Path.Combine(Root, at.Year.ToString("D4"), at.Month.ToString("D2"), id.ToString());
    }

    private static void Discard(string staging, Exception cause)
    {
        try
        {
            Directory.Delete(staging, recursive: true);
        }
        catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
        {
            throw new AggregateException($"The refused or failed upload in {staging} could not be removed; delete it by hand.", cause, cleanup);
        }
    }

    /// <summary>The JSON beside each paper; plain fields so that the file reads without Bpm.</summary>
    private sealed record PaperRecord(string Id, string Sha256, long Size, string Kind, string ContentType, string FileName, DateTimeOffset StoredAt)
    {
        public static PaperRecord From(StoredPaper p) => new(p.Id.ToString(), p.Sha256, p.Size, p.Kind.ToString(), p.ContentType, p.FileName, p.StoredAt);

        public StoredPaper ToPaper() => new(PaperId.Parse(Id), Sha256, Size, Enum.Parse<PaperKind>(Kind), FileName, StoredAt);
    }
}
