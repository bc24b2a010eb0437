using Bpm.Documents;

namespace Bpm.Documents.Tests;

public sealed class VietnameseFormatTests
{
    [Fact]
    public void LongDate_SingleDigitMonth_PadsDayOnly() =>
        Assert.Equal("ngày 05 tháng 3 năm 2026", VietnameseFormat.LongDate(new DateOnly(2026, 3, 5)));

    [Fact]
    public void DateTime_Morning_WritesHoursMinutesAndShortDate() =>
        Assert.Equal("08 giờ 00 phút, ngày 05/03/2026", VietnameseFormat.DateTime(new DateTimeOffset(2026, 3, 5, 8, 0, 0, TimeSpan.FromHours(7))));

    [Theory]
    [InlineData(50000, "50.000 đồng")]
    [InlineData(0, "0 đồng")]
    [InlineData(1234567, "1.234.567 đồng")]
    public void Money_Amount_UsesDotThousandsSeparator(int amount, string expected) =>
        Assert.Equal(expected, VietnameseFormat.Money(amount));
}
