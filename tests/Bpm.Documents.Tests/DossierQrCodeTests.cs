using Bpm.Documents;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace Bpm.Documents.Tests;

public sealed class DossierQrCodeTests
{
    private const string Code = "000.00.01.H08-260305-0001";

    [Fact]
    public void PngDataUri_DecodedByZxing_GivesDossierCode() =>
        Assert.Equal(Code, DecodeDataUri(new DossierQrCode().PngDataUri(Code)));

    [Fact]
    public void PngDataUri_WithLookupBaseUrl_GivesUrlFollowedByCode() =>
        Assert.Equal("https://dichvucong.example.vn/tra-cuu/" + Code, DecodeDataUri(new DossierQrCode("https://dichvucong.example.vn/tra-cuu/").PngDataUri(Code)));

    [Fact]
    public void Render_ReceiptSlip_EmbedsQrOfItsDossierCode()
    {
        var html = new DocumentRenderer(Path.Combine(AppContext.BaseDirectory, "templates")).Render(DocumentTemplates.ReceiptSlip, SampleModels.ReceiptSlip());

        var start = html.IndexOf("data:image/png;base64,", StringComparison.Ordinal);
        var uri = html[start..html.IndexOf('"', start)];

        Assert.Equal(Code, DecodeDataUri(uri));
    }

    private static string DecodeDataUri(string uri)
    {
        var (width, height, luminance) = TestPng.Decode(Convert.FromBase64String(uri["data:image/png;base64,".Length..]));
        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, width, height, RGBLuminanceSource.BitmapFormat.Gray8)));
        var result = new QRCodeReader().decode(bitmap, new Dictionary<DecodeHintType, object> { [DecodeHintType.PURE_BARCODE] = true });
        Assert.NotNull(result);
        return result.Text;
    }
}
