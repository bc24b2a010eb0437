using Bpm.Dossiers.Codes;

namespace Bpm.Dossiers.Tests.Codes;

public sealed class DossierCodeTests
{
    private static readonly UnitIdentifier Unit = UnitIdentifier.Parse("000.00.12.H08");

    [Fact]
    public void ToString_WritesUnitDateAndFourDigitSequence() =>
        Assert.Equal("000.00.12.H08-261201-0007", new DossierCode(Unit, new DateOnly(2026, 12, 1), 7).ToString());

    [Theory]
    [InlineData("2026-11-30T16:59:59Z", "2026-11-30")]
    [InlineData("2026-11-30T17:00:00Z", "2026-12-01")]
    [InlineData("2026-12-01T06:59:59+07:00", "2026-12-01")]
    [InlineData("2026-11-30T23:30:00-05:00", "2026-12-01")]
    public void ReceiptDateOf_CountsTheDayInUtcPlus7(string receivedAt, string date) =>
        Assert.Equal(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), DossierCode.ReceiptDateOf(DateTimeOffset.Parse(receivedAt, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void TryParse_ItsOwnText_GivesTheSameCode()
    {
        var code = new DossierCode(Unit, new DateOnly(2026, 12, 1), 42);

        Assert.True(DossierCode.TryParse(code.ToString(), out var parsed));
        Assert.Equal(code, parsed);
    }

    [Theory]
    [InlineData("000.00.12.H08-261201-001")]
    [InlineData("000.00.12.H08-261301-0001")]
    [InlineData("000.00.12.H08-261201-0000")]
    [InlineData("00.00.12.H08-261201-0001")]
    [InlineData("000.00.12.h08-261201-0001")]
    [InlineData("000.00.12.H08-261201")]
    [InlineData("")]
    public void TryParse_Malformed_IsFalse(string text) => Assert.False(DossierCode.TryParse(text, out _));

    [Theory]
    [InlineData("000.00.12.H08", true)]
    [InlineData("000.27.22.H10", true)]
    [InlineData("000.00.12.H8", false)]
    [InlineData("XA-PHUONGLAM.MOTCUA", false)]
    [InlineData("000.00.12.H08 ", false)]
    public void UnitIdentifier_TryParse_AcceptsTheNationalFormatOnly(string text, bool valid) =>
        Assert.Equal(valid, UnitIdentifier.TryParse(text, out _));
}
