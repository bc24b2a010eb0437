using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Bpm.Dossiers.Codes;

/// <summary>
/// A dossier code (Circular 01/2018/TT-VPCP art. 19): the receiving unit's identifier, the receipt
/// date <c>YYMMDD</c> in Vietnam's time (UTC+7) and a 4-digit sequence within the day at that unit,
/// e.g. <c>000.00.12.H08-261201-0001</c>.
/// </summary>
public sealed record DossierCode(UnitIdentifier Unit, DateOnly ReceiptDate, int Sequence)
{
    public const int MaxSequence = 9999;

    /// <summary>Vietnam keeps UTC+7 all year (the working calendar's offset).</summary>
    public static readonly TimeSpan VietnamOffset = Bpm.Engine.Calendar.VietnameseWorkingCalendar.UtcOffset;

    /// <summary>The receipt day of an instant: its date in UTC+7.</summary>
    public static DateOnly ReceiptDateOf(DateTimeOffset receivedAt) => DateOnly.FromDateTime(receivedAt.ToOffset(VietnamOffset).DateTime);

    public override string ToString() => $"{Unit}-{ReceiptDate.ToString("yyMMdd", CultureInfo.InvariantCulture)}-{Sequence.ToString("D4", CultureInfo.InvariantCulture)}";

    public static bool TryParse(string? text, [NotNullWhen(true)] out DossierCode? code)
    {
        code = null;
        var parts = text?.Split('-');
        if (parts is not { Length: 3 } || !UnitIdentifier.TryParse(parts[0], out var unit)
            || parts[1].Length != 6 || !DateOnly.TryParseExact(parts[1], "yyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || parts[2].Length != 4 || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) || sequence < 1)
        {
            return false;
        }

        code = new DossierCode(unit, date, sequence);
        return true;
    }
}
