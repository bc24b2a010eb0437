using System.Text;

namespace Bpm.Papers.Tests;

public sealed class PaperFileNameTests
{
    [Theory]
    [InlineData("Giấy khai sinh.pdf", "Giấy khai sinh.pdf")]
    [InlineData("C:\\fakepath\\scan 01.pdf", "scan 01.pdf")]
    [InlineData("/home/user/scan.pdf", "scan.pdf")]
    [InlineData("bad\tname\u0007.pdf", "bad_name_.pdf")]
    [InlineData("a<b>c:d|e?f*g\".pdf", "a_b_c_d_e_f_g_.pdf")]
    [InlineData("hoso\u202Efdp.exe", "hosofdp.exe")]
    [InlineData("  .hidden.pdf. . ", "hidden.pdf")]
    [InlineData("CON.pdf", "_CON.pdf")]
    [InlineData("lpt1", "_lpt1")]
    [InlineData("console.pdf", "console.pdf")]
    public void Sanitise_RepairableName_GivesSafeName(string declared, string expected)
    {
        var (name, refusal) = PaperFileName.Sanitise(declared);

        Assert.Null(refusal);
        Assert.Equal(expected, name);
    }

    [Fact]
    public void Sanitise_DecomposedVietnamese_ComposedToNfc()
    {
        var decomposed = "Đơn đề nghị.pdf".Normalize(NormalizationForm.FormD);

        var (name, _) = PaperFileName.Sanitise(decomposed);

        Assert.Equal("Đơn đề nghị.pdf".Normalize(NormalizationForm.FormC), name);
        Assert.True(name!.IsNormalized(NormalizationForm.FormC));
    }

    [Theory]
    [InlineData(null, "thiếu tên tệp")]
    [InlineData("   ", "thiếu tên tệp")]
    [InlineData("../x.pdf", "thư mục cha")]
    [InlineData("a/../../x.pdf", "thư mục cha")]
    [InlineData("..\\x.pdf", "thư mục cha")]
    [InlineData("scan.pdf\0.exe", "NUL")]
    [InlineData("...", "không còn ký tự dùng được")]
    [InlineData("\u200B\u202E", "không còn ký tự dùng được")]
    public void Sanitise_NameNoHonestClientSends_Refused(string? declared, string reason)
    {
        var (name, refusal) = PaperFileName.Sanitise(declared);

        Assert.Null(name);
        Assert.Equal(PaperRefusalCodes.NameInvalid, refusal!.Code);
        Assert.Contains(reason, refusal.Message);
        Assert.DoesNotContain('\0', refusal.Message);
    }

    [Fact]
    public void Sanitise_At255Characters_KeptAndOver255_Refused()
    {
        var longest = new string('a', 251) + ".pdf";

        Assert.Equal(longest, PaperFileName.Sanitise(longest).Name);
        var refusal = PaperFileName.Sanitise("a" + longest).Refusal;
        Assert.Equal(PaperRefusalCodes.NameInvalid, refusal!.Code);
        Assert.Contains("256 ký tự", refusal.Message);
        Assert.True(refusal.FileName.Length <= 80);
    }
}
