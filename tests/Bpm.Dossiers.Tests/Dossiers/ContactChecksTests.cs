using Bpm.Dossiers.Dossiers;

namespace Bpm.Dossiers.Tests.Dossiers;

public sealed class ContactChecksTests
{
    [Theory]
    [InlineData("0912345678")]
    [InlineData("0912 345 678")]
    [InlineData("+84912345678")]
    [InlineData("02563822123")]
    public void CheckPhone_VietnameseNumber_Accepted(string phone) => Assert.Null(ContactChecks.CheckPhone(phone));

    [Theory]
    [InlineData("0123")]
    [InlineData("0112345678")]
    [InlineData("091234567a")]
    public void CheckPhone_NotVietnamese_Refused(string phone) => Assert.NotNull(ContactChecks.CheckPhone(phone));

    [Theory]
    [InlineData("0101234567", true)]
    [InlineData("0101234567-001", true)]
    [InlineData("010123456", false)]
    public void CheckTaxCode_Shape(string taxCode, bool valid) => Assert.Equal(valid, ContactChecks.CheckTaxCode(taxCode) is null);
}
