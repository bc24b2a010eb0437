namespace Bpm.Persistence;

/// <summary>
/// A scan uploaded at the reception desk before the dossier exists: the file is in the paper store,
/// this row says whose desk session and which paper it is for. Reception moves it onto the dossier
/// and deletes the row in its own transaction; a row past <see cref="ExpiresAt"/> is swept, with its
/// file, since nothing else refers to it.
/// </summary>
public sealed class PendingScanRecord
{
    /// <summary>The paper store's id of the file (32 hex digits).</summary>
    public required string FileId { get; set; }

    /// <summary>The desk form's session: the reception form's idempotency key.</summary>
    public required string Session { get; set; }

    public required string UserName { get; set; }

    public required string ProcedureCode { get; set; }

    /// <summary>The catalogue id of the paper the scan is of.</summary>
    public required string PaperId { get; set; }

    public required string Sha256 { get; set; }

    public required long Size { get; set; }

    public required string ContentType { get; set; }

    public required string FileName { get; set; }

    public required DateTimeOffset StoredAt { get; set; }

    public required DateTimeOffset ExpiresAt { get; set; }
}
