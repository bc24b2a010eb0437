using System.Text;

namespace Bpm.Documents.Signing;

/// <summary>A form exactly as issued: the rendered bytes, their SHA-256, and the unit's detached CMS signature over them.</summary>
/// <param name="Id">Id of the issued document, printed nowhere but kept to verify by.</param>
/// <param name="FormNumber">"01"…"06".</param>
/// <param name="UnitCode">Issuing unit.</param>
/// <param name="DossierCode">Dossier the form is about; empty for the tracking book.</param>
/// <param name="MediaType">Media type of <paramref name="Content"/>.</param>
/// <param name="Content">The bytes as issued (UTF-8 HTML).</param>
/// <param name="Sha256">Lower-case hex SHA-256 of <paramref name="Content"/>.</param>
/// <param name="Signature">DER-encoded detached CMS (PKCS#7) signature over <paramref name="Content"/>.</param>
/// <param name="IssuedAt">When it was signed.</param>
/// <param name="SignerSubject">Subject of the signing certificate.</param>
/// <param name="CertificateThumbprint">SHA-1 thumbprint of the signing certificate, as Windows shows it.</param>
/// <param name="DevelopmentCertificate">Signed with a development certificate, not the agency's own.</param>
public sealed record IssuedDocument(
    Guid Id,
    string FormNumber,
    string UnitCode,
    string DossierCode,
    string MediaType,
    byte[] Content,
    string Sha256,
    byte[] Signature,
    DateTimeOffset IssuedAt,
    string SignerSubject,
    string CertificateThumbprint,
    bool DevelopmentCertificate)
{
    /// <summary>The issued HTML as text.</summary>
    public string Html => Encoding.UTF8.GetString(Content);
}
