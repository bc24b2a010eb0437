namespace Bpm.Persistence;

/// <summary>
/// A file of a partner's handoff, received and kept in this installation's paper store for the
/// child it started: the sender's file id (one copy per file of a handoff, however often it is
/// sent), the catalogue paper it belongs to, and the local copy with its checked SHA-256.
/// </summary>
public sealed class InboundHandoffPaperRecord
{
    public required string Partner { get; set; }

    /// <summary>The handoff's idempotency key (<see cref="InboundHandoffRecord.Key"/>).</summary>
    public required string HandoffKey { get; set; }

    /// <summary>The file's id at the sender.</summary>
    public required string RemoteFileId { get; set; }

    /// <summary>The catalogue id of the paper the file is a scan of.</summary>
    public required string PaperId { get; set; }

    /// <summary>The local copy's id in this installation's paper store.</summary>
    public required string FileId { get; set; }

    public required string Sha256 { get; set; }

    public required long Size { get; set; }

    public required string ContentType { get; set; }

    public required string FileName { get; set; }

    public required DateTimeOffset ReceivedAt { get; set; }
}
