namespace Bpm.Documents.Signing;

/// <summary>Where issued documents are kept, to verify a paper against later. Files now; the database will back another.</summary>
public interface IIssuedDocumentStore
{
    /// <summary>Keeps an issued document; an id is written once.</summary>
    /// <param name="document">The document as issued.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task SaveAsync(IssuedDocument document, CancellationToken cancellationToken = default);

    /// <summary>The issued document with this id, or null.</summary>
    /// <param name="id">Issued document id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IssuedDocument?> FindAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>The form most recently issued for a dossier, or null: a form is issued once and printed again as issued.</summary>
    /// <param name="dossierCode">Dossier code.</param>
    /// <param name="formNumber">"01"…"05".</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IssuedDocument?> FindLatestAsync(string dossierCode, string formNumber, CancellationToken cancellationToken = default);
}
