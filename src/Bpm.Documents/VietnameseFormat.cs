using System.Globalization;

namespace Bpm.Documents;

/// <summary>
/// Dates, times and money the way Vietnamese administrative documents write them.
/// Registered in templates as <c>vn.long_date</c>, <c>vn.short_date</c>, <c>vn.date_time</c>, <c>vn.date_of</c> and <c>vn.money</c>.
/// </summary>
public static class VietnameseFormat
{
    /// <summary>"ngày 05 tháng 3 năm 2026" — day padded to two digits, month not padded.</summary>
    /// <param name="date">The date.</param>
    public static string LongDate(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"ngày {date.Day:00} tháng {date.Month} năm {date.Year}");

    /// <summary>"05/03/2026" (dd/MM/yyyy).</summary>
    /// <param name="date">The date.</param>
    public static string ShortDate(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Day:00}/{date.Month:00}/{date.Year}");

    /// <summary>"08 giờ 00 phút, ngày 05/03/2026", in the clock time of the value's own offset (pass Vietnam time).</summary>
    /// <param name="time">The moment, already in the agency's local offset.</param>
    public static string DateTime(DateTimeOffset time) =>
        string.Create(CultureInfo.InvariantCulture, $"{time.Hour:00} giờ {time.Minute:00} phút, ngày ")
        + ShortDate(DateOnly.FromDateTime(time.DateTime));

    /// <summary>The calendar date of a moment, in the value's own offset.</summary>
    /// <param name="time">The moment, already in the agency's local offset.</param>
    public static DateOnly DateOf(DateTimeOffset time) => DateOnly.FromDateTime(time.DateTime);

    /// <summary>"50.000 đồng" — whole đồng, '.' as thousands separator.</summary>
    /// <param name="amount">Amount in VND.</param>
    public static string Money(decimal amount) =>
        decimal.Round(amount, 0, MidpointRounding.AwayFromZero).ToString("#,0", MoneyFormat) + " đồng";

    /// <summary>An amount in đồng as fee breakdowns and receipts print it: <c>1.234.567 đ</c>.</summary>
    public static string Dong(long amountVnd) => amountVnd.ToString("#,0", MoneyFormat) + " đ";

    private static readonly NumberFormatInfo MoneyFormat = new()
    {
        NumberGroupSeparator = ".",
        NumberDecimalSeparator = ",",
        NegativeSign = "-",
    };
}
