namespace Bpm.Dossiers.Dossiers;

/// <summary>What a dossier event row records (<c>dossier_events.Type</c>).</summary>
public static class DossierEventType
{
    public const string Received = "received";
    public const string HandedOver = "handed-over";
    public const string SupplementRequested = "supplement-requested";
    public const string SupplementReceived = "supplement-received";
    public const string Paused = "paused";
    public const string Resumed = "resumed";
    public const string Refused = "refused";
    public const string Withdrawn = "withdrawn";
    public const string ResultReady = "result-ready";
    public const string Returned = "returned";

    /// <summary>The apology and new date of Decree 61/2018 art. 19(9) (form 04); the status does not change.</summary>
    public const string Apologised = "apologised";

    /// <summary>A digitised result paper stored (its file record in the payload); the status does not change.</summary>
    public const string ResultPaperStored = "result-paper-stored";

    /// <summary>The dossier handed to another agency (liên thông): its process started for the dossier; the status does not change.</summary>
    public const string HandedOff = "handed-off";

    /// <summary>The other agency answered a handoff: result, refusal or supplement request, with its evaluation.</summary>
    public const string HandoffAnswered = "handoff-answered";

    /// <summary>A handoff no longer awaited (the dossier refused, withdrawn or its step interrupted): the other agency's process cancelled.</summary>
    public const string HandoffWithdrawn = "handoff-withdrawn";

    /// <summary>A handoff to a partner installation that the partner refused for good: the sending unit completes its step by hand.</summary>
    public const string HandoffUndelivered = "handoff-undelivered";

    /// <summary>A task handed to a colleague of its unit (who gave which step to whom, and why, in the payload); the status does not change.</summary>
    public const string TaskDelegated = "task-delegated";
}
