using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace Bpm.Documents.Signing;

/// <summary>
/// The X.509 certificate each unit signs with: the PKCS#12 file configured for it, or else a
/// self-signed development certificate made on first use and kept under the data folder, so that
/// a restarted server keeps signing with the same key.
/// </summary>
public sealed partial class UnitCertificates(SigningOptions options, TimeProvider time, ILogger<UnitCertificates> logger)
{
    /// <summary>Marks a development certificate's subject; verification reports it so no one mistakes it for the agency's own.</summary>
    public const string DevelopmentMarker = "Chứng thư phát triển - không dùng cho văn bản thật";

    private readonly ConcurrentDictionary<string, X509Certificate2> _loaded = new(StringComparer.Ordinal);
    private readonly Lock _creating = new();

    /// <summary>The unit's certificate with its private key.</summary>
    /// <param name="unitCode">Unit code, e.g. "000.00.01.H08".</param>
    /// <param name="unitName">Unit name, the development certificate's CN.</param>
    /// <exception cref="SigningException">The configured file cannot be used.</exception>
    public X509Certificate2 For(string unitCode, string unitName)
    {
        EnsureCode(unitCode);
        return _loaded.GetOrAdd(unitCode, code => options.Units.TryGetValue(code, out var configured) && configured.CertificatePath.Length > 0
            ? LoadConfigured(code, configured)
            : LoadOrCreateDevelopment(code, unitName));
    }

    /// <summary>
    /// The certificate the unit signs with if it has one yet, without creating it: configured, or a
    /// development certificate already on disk. Null when the unit has neither.
    /// </summary>
    /// <param name="unitCode">Unit code.</param>
    public X509Certificate2? Known(string unitCode)
    {
        if (!IsValidCode(unitCode))
            return null;
        if (_loaded.TryGetValue(unitCode, out var loaded))
            return loaded;
        if (options.Units.TryGetValue(unitCode, out var configured) && configured.CertificatePath.Length > 0)
            return For(unitCode, unitCode);
        return File.Exists(DevelopmentPath(unitCode)) ? For(unitCode, unitCode) : null;
    }

    /// <summary>Whether the certificate is one of Bpm's development certificates.</summary>
    /// <param name="certificate">A signer's certificate.</param>
    public static bool IsDevelopment(X509Certificate2 certificate) =>
        certificate.Subject.Contains(DevelopmentMarker, StringComparison.Ordinal);

    private static X509Certificate2 LoadConfigured(string unitCode, UnitCertificateOptions configured)
    {
        var path = configured.CertificatePath;
        if (!File.Exists(path))
            throw new SigningException($"Bpm:Signing:Units:{unitCode}:CertificatePath: file '{path}' does not exist");
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configured.Password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException ex)
        {
            throw new SigningException($"Bpm:Signing:Units:{unitCode}: '{path}' is not a PKCS#12 file this password opens ({ex.Message})", ex);
        }

        if (!certificate.HasPrivateKey)
            throw new SigningException($"Bpm:Signing:Units:{unitCode}: '{path}' holds no private key, so the unit cannot sign with it");
        return certificate;
    }

    private X509Certificate2 LoadOrCreateDevelopment(string unitCode, string unitName)
    {
        var path = DevelopmentPath(unitCode);
        // Two first requests at once must not make two keys: the second would overwrite what the first signed with.
        lock (_creating)
        {
            if (!File.Exists(path))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, CreateDevelopment(unitCode, unitName));
                if (!OperatingSystem.IsWindows())
                    File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                LogCreated(logger, unitCode, path);
            }
        }

        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password: null, X509KeyStorageFlags.EphemeralKeySet);
        LogDevelopment(logger, unitCode, certificate.Subject);
        return certificate;
    }

    private byte[] CreateDevelopment(string unitCode, string unitName)
    {
        using var key = RSA.Create(3072);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(unitName);
        subject.AddOrganizationalUnitName(DevelopmentMarker);
        subject.Add("2.5.4.5", unitCode); // serialNumber attribute: the unit code, readable by the verifier
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
        var now = time.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(5));
        return certificate.Export(X509ContentType.Pkcs12);
    }

    private string DevelopmentPath(string unitCode) => Path.Combine(options.DataFolder, "signing", unitCode + ".development.pfx");

    private static void EnsureCode(string unitCode)
    {
        if (!IsValidCode(unitCode))
            throw new SigningException($"unit code '{unitCode}' is not a unit code (letters, digits, '.', '-' and '_' only)");
    }

    // The code names a file under the data folder.
    private static bool IsValidCode(string unitCode) =>
        unitCode.Length is > 0 and <= 64 && unitCode.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_') && !unitCode.StartsWith('.');

    [LoggerMessage(Level = LogLevel.Warning, Message = "Signing: created a DEVELOPMENT certificate for unit {UnitCode} at {Path}; configure Bpm:Signing:Units:{UnitCode} with the unit's own PKCS#12 file before issuing real documents")]
    private static partial void LogCreated(ILogger logger, string unitCode, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Signing: unit {UnitCode} signs with a DEVELOPMENT certificate ({Subject}); documents it signs are not the agency's")]
    private static partial void LogDevelopment(ILogger logger, string unitCode, string subject);
}
