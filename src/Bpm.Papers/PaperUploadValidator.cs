namespace Bpm.Papers;

/// <summary>
/// The rules every paper passes, in one place for every store. Upload endpoints call
/// <see cref="CheckDeclared"/> and <see cref="CheckCount"/> before reading a byte (cheap refusals
/// from the form's own facts); the stores call the content checks while saving, so that a client
/// that lies about its length or type is still caught.
/// </summary>
public sealed class PaperUploadValidator
{
    private readonly IReadOnlyList<PaperKind> _allowed;

    /// <exception cref="InvalidOperationException">A setting is out of range; the message names it.</exception>
    public PaperUploadValidator(PaperOptions options)
    {
        options.Validate();
        Options = options;
        _allowed = options.AllowedKinds();
    }

    public PaperOptions Options { get; }

    /// <summary>The kinds accepted, in the order of the settings.</summary>
    public IReadOnlyList<PaperKind> AllowedKinds => _allowed;

    /// <summary>
    /// What can be told before reading the content: the name, a declared type Bpm never accepts, and
    /// a declared length (multipart part length, <c>IFormFile.Length</c>) that is 0 or over the limit.
    /// </summary>
    /// <returns>Null when nothing is wrong yet.</returns>
    public PaperRefusal? CheckDeclared(string? fileName, string? declaredContentType, long? declaredLength = null)
    {
        var (name, refusal) = PaperFileName.Sanitise(fileName);
        if (refusal is not null)
        {
            return refusal;
        }

        if (declaredLength == 0)
        {
            return Empty(name);
        }

        if (declaredLength > Options.MaxFileBytes)
        {
            return TooLarge(name);
        }

        var claimed = PaperKinds.FromMediaType(declaredContentType) ?? PaperKinds.FromExtension(Path.GetExtension(name!));
        return claimed is { } kind && !_allowed.Contains(kind)
            ? PaperRefusal.For(PaperRefusalCodes.TypeNotAllowed, name, $"tên hoặc loại khai báo cho biết đây là {kind.Display()}, không thuộc các loại được nhận ({AllowedList()})")
            : null;
    }

    /// <summary>Whether one more paper fits in a dossier that already holds <paramref name="alreadyInDossier"/>.</summary>
    public PaperRefusal? CheckCount(int alreadyInDossier, string? fileName) =>
        alreadyInDossier < Options.MaxFilesPerDossier
            ? null
            : PaperRefusal.For(PaperRefusalCodes.TooMany, fileName,
                $"hồ sơ đã có {alreadyInDossier} tệp, mỗi hồ sơ nhận tối đa {Options.MaxFilesPerDossier} tệp");

    /// <summary>
    /// Copies the upload to <paramref name="destination"/> and checks what came: the whole of a
    /// store's save but the keeping. <paramref name="safeName"/> comes from <see cref="AcceptName"/>. Throws <see cref="PaperRefusedException"/> on a refusal; the
    /// caller then discards what it wrote.
    /// </summary>
    internal async Task<StoredPaper> ReceiveAsync(
        Stream content, Stream destination, string safeName, string? declaredContentType, PaperId id, DateTimeOffset storedAt, CancellationToken cancellationToken)
    {
        var intake = await PaperIntake.CopyAsync(content, destination, Options.MaxFileBytes, cancellationToken);
        var kind = PaperSniffer.Detect(intake.Header);
        var problem = CheckContent(safeName, declaredContentType, intake, kind);
        return problem is null
            ? new StoredPaper(id, intake.Sha256, intake.Length, kind, safeName, storedAt)
            : throw new PaperRefusedException(problem);
    }

    /// <summary>The sanitised name; a store calls this before it touches storage, so that a bad name costs nothing.</summary>
    internal static string AcceptName(string? declaredFileName)
    {
        var (name, refusal) = PaperFileName.Sanitise(declaredFileName);
        return name ?? throw new PaperRefusedException(refusal!);
    }

    private PaperRefusal? CheckContent(string name, string? declaredContentType, PaperIntake intake, PaperKind kind)
    {
        if (intake.OverLimit)
        {
            return TooLarge(name);
        }

        if (intake.Length == 0)
        {
            return Empty(name);
        }

        var extension = Path.GetExtension(name);
        if (PaperKinds.FromExtension(extension) is { } byName && byName != kind)
        {
            return Mismatch(name, $"nội dung là {kind.Display()}, nhưng phần mở rộng \"{extension}\" là của {byName.Display()}");
        }

        if (PaperKinds.FromMediaType(declaredContentType) is { } byType && byType != kind)
        {
            return Mismatch(name, $"nội dung là {kind.Display()}, nhưng loại khai báo \"{declaredContentType}\" là của {byType.Display()}");
        }

        if (!_allowed.Contains(kind))
        {
            return NotAllowed(name, kind);
        }

        if (PaperSniffer.CarriesActiveMarkup(intake.Header))
        {
            return Mismatch(name, $"tệp {kind.Display()} chứa mã HTML hoặc SVG chạy được ở phần đầu tệp (tệp đa định dạng, polyglot)");
        }

        if (PaperSniffer.EndsWithZipArchive(intake.Tail))
        {
            return Mismatch(name, $"tệp {kind.Display()} có gắn thêm một tệp nén ZIP ở cuối (tệp đa định dạng, polyglot)");
        }

        return kind == PaperKind.Pdf && !PaperSniffer.HasPdfEnd(intake.Tail)
            ? Mismatch(name, "tệp PDF không trọn vẹn: không có dấu kết thúc %%EOF trong 1024 byte cuối")
            : null;
    }

    private PaperRefusal TooLarge(string? name) =>
        PaperRefusal.For(PaperRefusalCodes.TooLarge, name, $"dung lượng vượt quá giới hạn {Size(Options.MaxFileBytes)} cho mỗi tệp");

    private static PaperRefusal Empty(string? name) => PaperRefusal.For(PaperRefusalCodes.Empty, name, "tệp rỗng (0 byte)");

    private PaperRefusal NotAllowed(string? name, PaperKind kind) =>
        PaperRefusal.For(PaperRefusalCodes.TypeNotAllowed, name,
            $"nội dung là {kind.Display()}, không thuộc các loại được nhận ({AllowedList()})");

    private string AllowedList() => string.Join(", ", _allowed.Select(k => k.Setting().ToUpperInvariant()));

    private static PaperRefusal Mismatch(string name, string reason) => PaperRefusal.For(PaperRefusalCodes.TypeMismatch, name, reason);

    private static string Size(long bytes) => bytes switch
    {
        _ when bytes % (1024 * 1024) == 0 => $"{bytes / (1024 * 1024)} MB",
        _ when bytes % 1024 == 0 => $"{bytes / 1024} KB",
        _ => $"{bytes} byte",
    };
}
