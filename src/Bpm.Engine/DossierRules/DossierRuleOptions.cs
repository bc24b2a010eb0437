namespace Bpm.Engine;

/// <summary>
/// The numbers the one-stop law sets for a dossier's clock, in one place: a change to the law
/// changes these (or <c>DossierRules/</c>) and nothing in the BPMN interpreter.
/// </summary>
public sealed record DossierRuleOptions
{
    /// <summary>
    /// How long after receipt a supplement may still be requested, restarting the time limit
    /// (Decree 61/2018/ND-CP art. 19(4): within 3 working days of receipt, and only once).
    /// </summary>
    public WorkingDuration SupplementWindow { get; init; } = new(3, TimeSpan.Zero);

    /// <summary>
    /// How long before the dossier's due date the apology letter must be sent (Decree 61/2018/ND-CP
    /// art. 19(9): no later than one working day before it). The obligation is raised one more
    /// working day earlier, so the leader has a day to sign. Null: no apology obligations.
    /// </summary>
    public WorkingDuration? ApologyNotice { get; init; } = new(1, TimeSpan.Zero);

    /// <summary>
    /// When less than the extra working day is left (a short procedure), the apology obligation is
    /// raised this long before the last moment for the letter instead, so that a dossier still on
    /// course is not given an apology task the moment it is received. A Bpm choice, not the law's.
    /// </summary>
    public WorkingDuration ApologyShortLead { get; init; } = new(0, TimeSpan.FromHours(2));

    /// <summary>
    /// How long before a task's due date its unit and leader are warned (null: no warnings).
    /// Default 1 working day; a Bpm choice (the law sets no per-task warning), matched to the
    /// one working day of <see cref="ApologyNotice"/>.
    /// </summary>
    public WorkingDuration? DueWarning { get; init; } = new(1, TimeSpan.Zero);

    /// <summary>The template of the apology letter (form 04 of Circular 01/2018/TT-VPCP).</summary>
    public string ApologyTemplate { get; init; } = "mau-04-xin-loi-hen-lai";
}
