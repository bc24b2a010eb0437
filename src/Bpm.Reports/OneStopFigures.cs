namespace Bpm.Reports;

/// <summary>
/// The one-stop counts of a group of dossiers over a period (the figures of the province report):
/// received in the period; closed in it (resolved = returned, with the engine's evaluation;
/// withdrawn; refused); still open at its end.
/// </summary>
public sealed record OneStopFigures
{
    public static OneStopFigures Zero { get; } = new();

    public int Received { get; init; }

    public int Resolved { get; init; }

    public int Early { get; init; }

    public int OnTime { get; init; }

    public int Late { get; init; }

    /// <summary>Late dossiers whose due date passed with no apology letter issued (the engine's late check).</summary>
    public int LateWithoutApology { get; init; }

    /// <summary>Received before the period's end and not closed by then.</summary>
    public int InProgress { get; init; }

    public int Withdrawn { get; init; }

    public int Refused { get; init; }

    /// <summary>Received online in the period, of any procedure.</summary>
    public int Online { get; init; }

    /// <summary>Received in the period for procedures offered fully online (the online share's base).</summary>
    public int OfferedOnline { get; init; }

    /// <summary>Of <see cref="OfferedOnline"/>, those received online.</summary>
    public int OnlineOfOffered { get; init; }

    /// <summary>Received by post in the period.</summary>
    public int Post { get; init; }

    public int OnTimeOrEarly => Early + OnTime;

    public int LateWithApology => Late - LateWithoutApology;

    /// <summary>
    /// Percent of the dossiers of procedures offered online that came online, two decimals — how
    /// the province report computes its 38.93%; null when no such dossier was received.
    /// </summary>
    public decimal? OnlineShare => Percent(OnlineOfOffered, OfferedOnline);

    /// <summary>Percent of the dossiers received that came by post.</summary>
    public decimal? PostShare => Percent(Post, Received);

    public decimal? OnTimeOrEarlyShare => Percent(OnTimeOrEarly, Resolved);

    public static OneStopFigures operator +(OneStopFigures a, OneStopFigures b) => new()
    {
        Received = a.Received + b.Received,
        Resolved = a.Resolved + b.Resolved,
        Early = a.Early + b.Early,
        OnTime = a.OnTime + b.OnTime,
        Late = a.Late + b.Late,
        LateWithoutApology = a.LateWithoutApology + b.LateWithoutApology,
        InProgress = a.InProgress + b.InProgress,
        Withdrawn = a.Withdrawn + b.Withdrawn,
        Refused = a.Refused + b.Refused,
        Online = a.Online + b.Online,
        OfferedOnline = a.OfferedOnline + b.OfferedOnline,
        OnlineOfOffered = a.OnlineOfOffered + b.OnlineOfOffered,
        Post = a.Post + b.Post,
    };

    private static decimal? Percent(int part, int whole) => whole == 0 ? null : Math.Round(100m * part / whole, 2, MidpointRounding.AwayFromZero);
}
