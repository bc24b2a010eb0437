using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace Bpm.Documents.Signing;

/// <summary>Signs bytes for a unit: a detached CMS signature with the signing time and the unit code as signed attributes.</summary>
/// <param name="certificates">Each unit's certificate.</param>
/// <param name="time">The clock for the signing time.</param>
public sealed class DocumentSigner(UnitCertificates certificates, TimeProvider time)
{
    // The unit code travels inside the signature, so a verifier can tell which unit's certificate it must be.
    internal const string UnitPrefix = "bpm-unit:";

    /// <summary>Signs <paramref name="content"/> as the unit.</summary>
    /// <param name="content">The exact bytes to sign.</param>
    /// <param name="unitCode">Issuing unit's code.</param>
    /// <param name="unitName">Unit name (the development certificate's CN).</param>
    /// <returns>The DER-encoded signature, the signing time and the certificate used.</returns>
    public (byte[] Signature, DateTimeOffset SignedAt, X509Certificate2 Certificate) Sign(byte[] content, string unitCode, string unitName)
    {
        var certificate = certificates.For(unitCode, unitName);
        var signedAt = time.GetUtcNow();
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, certificate)
        {
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"), // SHA-256
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        signer.SignedAttributes.Add(new Pkcs9SigningTime(signedAt.UtcDateTime));
        signer.SignedAttributes.Add(new Pkcs9DocumentDescription(UnitPrefix + unitCode));
        cms.ComputeSignature(signer);
        return (cms.Encode(), signedAt, certificate);
    }
}
