using QRCoder;

namespace Bpm.Documents;

/// <summary>
/// The QR code printed on a form: the dossier code, or the public look-up address followed by the
/// code when the host has one, so that a phone opens the dossier's status page.
/// </summary>
/// <param name="publicLookupBaseUrl">E.g. <c>https://dichvucong.example.vn/tra-cuu/</c>; null or empty for the bare code.</param>
public sealed class DossierQrCode(string? publicLookupBaseUrl = null)
{
    // Medium error correction: a slip folded or stamped over still scans, and the code stays small.
    private const QRCodeGenerator.ECCLevel Correction = QRCodeGenerator.ECCLevel.M;

    /// <summary>What the QR code holds for <paramref name="dossierCode"/>.</summary>
    /// <param name="dossierCode">The dossier code.</param>
    public string Payload(string dossierCode) =>
        string.IsNullOrEmpty(publicLookupBaseUrl) ? dossierCode : publicLookupBaseUrl + Uri.EscapeDataString(dossierCode);

    /// <summary>The QR modules (true = dark), quiet zone included.</summary>
    /// <param name="dossierCode">The dossier code.</param>
    public QRCodeData Data(string dossierCode)
    {
        using var generator = new QRCodeGenerator();
        return generator.CreateQrCode(Payload(dossierCode), Correction);
    }

    /// <summary>A <c>data:image/png;base64,…</c> URI to put in an <c>img</c>, so the HTML needs no other file.</summary>
    /// <param name="dossierCode">The dossier code.</param>
    public string PngDataUri(string dossierCode)
    {
        using var data = Data(dossierCode);
        using var png = new PngByteQRCode(data);
        return "data:image/png;base64," + Convert.ToBase64String(png.GetGraphic(4));
    }
}
