namespace Bpm.Persistence;

/// <summary>
/// The last dossier-code sequence a receiving unit issued on one receipt day. Incremented in the
/// reception's own transaction, so a failed reception gives its number back and the row lock
/// serialises concurrent receptions at one unit.
/// </summary>
public sealed class DossierCodeCounterRecord
{
    /// <summary>The unit's identifier in the national format, e.g. <c>000.00.12.H08</c>.</summary>
    public required string UnitIdentifier { get; set; }

    /// <summary>The receipt day in UTC+7, <c>yyyy-MM-dd</c>; text so that the raw upsert binds it alike on every provider.</summary>
    public required string ReceiptDay { get; set; }

    public int LastSequence { get; set; }
}
