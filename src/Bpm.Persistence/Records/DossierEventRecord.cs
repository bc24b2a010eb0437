namespace Bpm.Persistence;

/// <summary>
/// One thing that happened to a dossier at the one-stop level (received, supplement requested,
/// refused, returned…), appended and never edited. With the instance's journal (up to
/// <see cref="JournalSeq"/>) it is the dossier's history for an applicant's portal or an audit.
/// </summary>
public sealed class DossierEventRecord
{
    public required string DossierCode { get; set; }

    /// <summary>1, 2, 3… within the dossier.</summary>
    public required int Seq { get; set; }

    public required string Type { get; set; }

    /// <summary>The dossier's status after the event.</summary>
    public required string Status { get; set; }

    public required DateTimeOffset At { get; set; }

    public required string Actor { get; set; }

    /// <summary>The engine journal's last sequence number written by the event's command, when it ran one.</summary>
    public long? JournalSeq { get; set; }

    /// <summary>What the event carries (reasons, papers, handover), JSON.</summary>
    public string? Payload { get; set; }
}
