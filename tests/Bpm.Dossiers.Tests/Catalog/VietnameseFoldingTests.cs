using System.Text;
using Bpm.Dossiers.Catalog;

namespace Bpm.Dossiers.Tests.Catalog;

public sealed class VietnameseFoldingTests
{
    [Theory]
    [InlineData("Đăng ký khai sinh", "dang ky khai sinh")]
    [InlineData("ĐĂNG KÝ KHAI SINH", "dang ky khai sinh")]
    [InlineData("đ Đ", "d d")]
    [InlineData("Ư ư Ừ ữ", "u u u u")]
    [InlineData("Ơ ơ Ờ ợ", "o o o o")]
    [InlineData("Ă Â Ê Ô ặ ầ ễ ổ", "a a e o a a e o")]
    [InlineData("Thừa Thiên Huế", "thua thien hue")]
    [InlineData("Hoà Bình and Hòa Bình", "hoa binh and hoa binh")]
    [InlineData("  nhiều   khoảng\ttrắng\n", "nhieu khoang trang")]
    [InlineData("1.001193", "1.001193")]
    [InlineData("", "")]
    public void Fold_VietnameseText_DropsMarksAndCase(string text, string folded) =>
        Assert.Equal(folded, VietnameseFolding.Fold(text));

    [Fact]
    public void Fold_DecomposedInput_FoldsLikeComposed()
    {
        var composed = "Đăng ký thường trú ở Phường Lâm";
        var decomposed = composed.Normalize(NormalizationForm.FormD);
        Assert.NotEqual(composed, decomposed);

        Assert.Equal("dang ky thuong tru o phuong lam", VietnameseFolding.Fold(decomposed));
        Assert.Equal(VietnameseFolding.Fold(composed), VietnameseFolding.Fold(decomposed));
    }

    [Fact]
    public void Fold_ToneMarkTypedAsCombiningCharacter_FoldsLikePrecomposed()
    {
        // Old Vietnamese keyboards (VNI, Windows-1258 style) type the tone as a separate combining mark after the vowel: ư + U+0300.
        var typed = "Ph\u01B0\u0300ng";
        Assert.Equal("phung", VietnameseFolding.Fold(typed));
        Assert.Equal(VietnameseFolding.Fold("Phừng"), VietnameseFolding.Fold(typed));
    }

    [Fact]
    public void Fold_EthLookAlikeOfD_FoldsToD() =>
        Assert.Equal("dang ky", VietnameseFolding.Fold("\u00D0ăng ký"));
}
