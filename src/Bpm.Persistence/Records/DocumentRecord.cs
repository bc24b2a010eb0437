namespace Bpm.Persistence;

/// <summary>
/// A document Bpm issued for a dossier (an apology letter, a receipt…), rendered from a template
/// and kept as issued. Written by the outbox consumer that rendered it; the outbox row id makes a
/// redelivery write nothing twice.
/// </summary>
public sealed class DocumentRecord
{
    public const string ApologyLetter = "apology-letter";

    public long Id { get; set; }

    public required string InstanceId { get; set; }

    /// <summary>The task that produced it, if any (the apology task).</summary>
    public string? TaskId { get; set; }

    /// <summary>What it is, e.g. <see cref="ApologyLetter"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>The template file it was rendered from.</summary>
    public required string Template { get; set; }

    /// <summary>The rendered text (HTML for printable forms).</summary>
    public required string Content { get; set; }

    /// <summary>SHA-256 of <see cref="Content"/>, hex; what a signature or a later check refers to.</summary>
    public required string ContentHash { get; set; }

    /// <summary>Who signed it, for letters.</summary>
    public string? SignedBy { get; set; }

    /// <summary>The outbox row it was rendered for.</summary>
    public required long SourceOutboxId { get; set; }

    public required DateTimeOffset CreatedAt { get; set; }
}
