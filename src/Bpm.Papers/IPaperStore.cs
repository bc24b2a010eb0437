namespace Bpm.Papers;

/// <summary>
/// Where uploaded papers (the applicant's scans, result papers) are kept. Two implementations:
/// <see cref="FileSystemPaperStore"/> (the server's default, under its data folder) and
/// <see cref="InMemoryPaperStore"/> (tests, and the shape a second backend takes). Both check every
/// save with the same <see cref="PaperUploadValidator"/>.
/// </summary>
public interface IPaperStore
{
    /// <summary>The rules this store saves by; upload endpoints call its pre-checks before reading a byte.</summary>
    PaperUploadValidator Validator { get; }

    /// <summary>
    /// Reads <paramref name="content"/> to its end (never more than the size limit plus one read),
    /// checks it, and keeps it under a new id. A refused or cancelled save leaves nothing behind.
    /// </summary>
    /// <param name="content">The upload, read forward only.</param>
    /// <param name="declaredFileName">The name the client gave; sanitised for display, never used as a path.</param>
    /// <param name="declaredContentType">The media type the client gave; only compared with the content.</param>
    /// <param name="cancellationToken">Cancels the save; nothing is kept.</param>
    /// <exception cref="PaperRefusedException">The file breaks a limit; <see cref="PaperRefusedException.Refusal"/> says which.</exception>
    Task<StoredPaper> SaveAsync(Stream content, string? declaredFileName, string? declaredContentType, CancellationToken cancellationToken = default);

    /// <summary>The paper with this id, or null when there is none.</summary>
    Task<PaperContent?> OpenAsync(PaperId id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes a paper that no dossier will ever refer to: only for a reception (or supplement,
    /// or result) whose transaction failed after its papers were saved. A paper a dossier refers to
    /// is part of the record and is never deleted; a correction adds a new paper instead.
    /// </summary>
    /// <returns>False when there was no such paper.</returns>
    Task<bool> DeleteAsync(PaperId id, CancellationToken cancellationToken = default);
}
