using Bpm.Dossiers.Dossiers;

namespace Bpm.Dossiers.Tests.Dossiers;

public sealed class CitizenIdentityNumberTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    [Theory]
    [InlineData("052099012345")] // Bình Định, male, 1999
    [InlineData("001305123456")] // Hà Nội, female, 2005
    [InlineData("096126000001")] // Cà Mau, female, 1926
    public void Check_WellFormedNumber_Accepted(string number) => Assert.Null(CitizenIdentityNumber.Check(number, Today));

    [Theory]
    [InlineData("", "12 chữ số")]
    [InlineData("05209901234", "12 chữ số")]
    [InlineData("05209901234X", "ký tự 'X'")]
    [InlineData("003099012345", "Mã tỉnh '003'")]
    [InlineData("097099012345", "Mã tỉnh '097'")]
    [InlineData("052499012345", "năm sinh 2199")]
    [InlineData("052227012345", "năm sinh 2027")]
    [InlineData("052989012345", "năm sinh 2389")]
    public void Check_MalformedNumber_SaysWhy(string number, string expected) =>
        Assert.Contains(expected, CitizenIdentityNumber.Check(number, Today));
}
