using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace Bpm.Documents.Signing;

/// <summary>
/// Tells whether a file is exactly what a unit issued: the detached CMS signature must match the
/// bytes, name a unit, and be made with that unit's certificate — the one this host knows for it,
/// not merely whatever certificate the signature carries.
/// </summary>
/// <param name="unitCertificate">The certificate a unit signs with, by unit code; null when the unit has none here.</param>
public sealed class DocumentVerifier(Func<string, X509Certificate2?> unitCertificate)
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    /// <summary>A verifier trusting the units' configured and development certificates.</summary>
    /// <param name="certificates">The host's unit certificates.</param>
    public DocumentVerifier(UnitCertificates certificates)
        : this(certificates.Known)
    {
    }

    /// <summary>Verifies <paramref name="content"/> against a detached signature.</summary>
    /// <param name="content">The file's bytes.</param>
    /// <param name="signature">The DER-encoded detached CMS signature (a <c>.p7s</c> file).</param>
    /// <param name="expectedUnitCode">When given, the signature must be this unit's.</param>
    public VerificationResult Verify(byte[] content, byte[] signature, string? expectedUnitCode = null)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        VerificationResult Invalid(string reason, string? unit = null, X509Certificate2? signer = null, DateTimeOffset? at = null) =>
            new(false, reason, unit, signer?.Subject, at, sha256, signer is not null && UnitCertificates.IsDevelopment(signer));

        var cms = new SignedCms(new ContentInfo(content), detached: true);
        try
        {
            cms.Decode(signature);
        }
        catch (CryptographicException)
        {
            return Invalid("Tệp chữ ký không đọc được: không phải chữ ký số CMS/PKCS#7 (.p7s).");
        }

        if (cms.SignerInfos.Count != 1)
            return Invalid($"Tệp chữ ký có {cms.SignerInfos.Count} người ký; văn bản do một đơn vị cấp phải có đúng một chữ ký.");
        var info = cms.SignerInfos[0];
        var certificate = info.Certificate;
        var unit = SignedText<Pkcs9DocumentDescription>(info)?.DocumentDescription is { } d && d.StartsWith(DocumentSigner.UnitPrefix, StringComparison.Ordinal)
            ? d[DocumentSigner.UnitPrefix.Length..]
            : null;
        DateTimeOffset? signedAt = SignedText<Pkcs9SigningTime>(info) is { } t ? new DateTimeOffset(t.SigningTime, TimeSpan.Zero).ToOffset(Vietnam) : null;

        if (certificate is null)
            return Invalid("Chữ ký không kèm chứng thư số của người ký, nên không xác định được ai đã ký.", unit, at: signedAt);
        if (SignedText<Pkcs9MessageDigest>(info)?.MessageDigest is { } digest && info.DigestAlgorithm.Value == "2.16.840.1.101.3.4.2.1"
            && !digest.AsSpan().SequenceEqual(Convert.FromHexString(sha256)))
            return Invalid($"Tệp đã bị thay đổi sau khi ký: SHA-256 của tệp là {sha256}, còn chữ ký được tạo cho nội dung có SHA-256 {Convert.ToHexStringLower(digest)}.", unit, certificate, signedAt);
        try
        {
            info.CheckSignature(verifySignatureOnly: true);
        }
        catch (CryptographicException ex)
        {
            return Invalid($"Chữ ký không khớp với tệp ({ex.Message}).", unit, certificate, signedAt);
        }

        if (unit is null)
            return Invalid("Chữ ký đúng về mặt mật mã nhưng không ghi đơn vị cấp, nên không phải văn bản do Bpm cấp.", null, certificate, signedAt);
        if (expectedUnitCode is not null && unit != expectedUnitCode)
            return Invalid($"Văn bản được ký cho đơn vị {unit}, không phải đơn vị {expectedUnitCode}.", unit, certificate, signedAt);
        if (unitCertificate(unit) is not { } known)
            return Invalid($"Không có chứng thư số nào của đơn vị {unit} để đối chiếu chữ ký.", unit, certificate, signedAt);
        if (known.Thumbprint != certificate.Thumbprint)
            return Invalid($"Chữ ký được tạo bằng chứng thư \"{certificate.Subject}\" (vân tay {certificate.Thumbprint}), không phải chứng thư của đơn vị {unit} (vân tay {known.Thumbprint}).", unit, certificate, signedAt);
        if (signedAt is { } at && (at < certificate.NotBefore || at > certificate.NotAfter))
            return Invalid($"Chữ ký được tạo lúc {Format(at)}, ngoài thời hạn của chứng thư ({Format(certificate.NotBefore)} – {Format(certificate.NotAfter)}).", unit, certificate, signedAt);

        var development = UnitCertificates.IsDevelopment(certificate) ? " Lưu ý: đây là chứng thư phát triển, không phải chứng thư thật của cơ quan." : "";
        var when = signedAt is { } s ? $" lúc {Format(s)}" : "";
        return new(true, $"Hợp lệ: đúng văn bản do đơn vị {unit} ký bằng chứng thư \"{certificate.Subject}\"{when}.{development}",
            unit, certificate.Subject, signedAt, sha256, development.Length > 0);
    }

    /// <summary>Verifies a file against the document issued under <paramref name="issuedId"/>.</summary>
    /// <param name="store">Issued documents.</param>
    /// <param name="issuedId">Issued document id.</param>
    /// <param name="content">The file's bytes.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<VerificationResult> VerifyIssuedAsync(IIssuedDocumentStore store, Guid issuedId, byte[] content, CancellationToken cancellationToken = default)
    {
        if (await store.FindAsync(issuedId, cancellationToken) is not { } issued)
            return new(false, $"Không có văn bản nào được cấp với mã {issuedId}.", null, null, null, Convert.ToHexStringLower(SHA256.HashData(content)), false);
        return Verify(content, issued.Signature, issued.UnitCode);
    }

    private static string Format(DateTimeOffset time) =>
        time.ToOffset(Vietnam).ToString("HH:mm 'ngày' dd/MM/yyyy", CultureInfo.InvariantCulture) + " (giờ Việt Nam)";

    private static string Format(DateTime local) => Format(new DateTimeOffset(local.ToUniversalTime(), TimeSpan.Zero));

    private static T? SignedText<T>(SignerInfo info)
        where T : Pkcs9AttributeObject
    {
        foreach (var attribute in info.SignedAttributes)
        {
            foreach (var value in attribute.Values)
            {
                if (value is T typed)
                    return typed;
            }
        }

        return null;
    }
}
