namespace Bpm.Persistence;

/// <summary>
/// One dossier status the national public service portal is to be told, written with the dossier
/// event that changed the status (same unit of work) and sent afterwards, at least once, by the
/// portal sync in <c>src/Bpm.Integration</c>. One row per status-changing event.
/// </summary>
public sealed class PortalSyncRecord
{
    public long Id { get; set; }

    public required string DossierCode { get; set; }

    /// <summary>The dossier event (<see cref="DossierEventRecord.Seq"/>) that moved the status.</summary>
    public required int EventSeq { get; set; }

    /// <summary>The Bpm dossier status after the event; the portal's code comes from the mapping when it is sent.</summary>
    public required string Status { get; set; }

    public required DateTimeOffset At { get; set; }

    public required DateTimeOffset NextAttemptAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? SyncedAt { get; set; }

    /// <summary>Set when the portal refused for good or the attempts ran out.</summary>
    public DateTimeOffset? GaveUpAt { get; set; }

    /// <summary>The adapter that carried the last attempt (<c>file</c>, <c>http</c>) and the portal's answer.</summary>
    public string? LastAnswer { get; set; }
}
