namespace Bpm.Persistence;

/// <summary>
/// The report's counts of one day (UTC+7), receiving unit and procedure, kept up to date in the
/// transaction of each reception and each closing step, so a report sums these rows instead of
/// scanning every dossier. A dossier adds to the day it was received and to the day it closed;
/// the dossiers in progress at a period's end are everything received by then less everything
/// closed by then.
/// </summary>
public sealed class DossierDayCountRecord
{
    /// <summary>The day in UTC+7, <c>yyyy-MM-dd</c>; text so that the raw upsert binds it alike on every provider and orders as a date.</summary>
    public required string Day { get; set; }

    public required string ReceivingUnit { get; set; }

    public required string ProcedureCode { get; set; }

    public int Received { get; set; }

    public int Online { get; set; }

    public int Post { get; set; }

    /// <summary>Returned with the engine's evaluation early.</summary>
    public int Early { get; set; }

    public int OnTime { get; set; }

    public int Late { get; set; }

    /// <summary>Of <see cref="Late"/>, those whose due date passed with no apology letter (the instance's flag when returned).</summary>
    public int LateWithoutApology { get; set; }

    /// <summary>Every returned dossier, evaluated or not.</summary>
    public int Returned { get; set; }

    public int Withdrawn { get; set; }

    public int Refused { get; set; }
}
