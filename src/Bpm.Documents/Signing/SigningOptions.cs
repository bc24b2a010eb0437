namespace Bpm.Documents.Signing;

/// <summary>Signing settings, bound from <c>Bpm:Signing</c>.</summary>
public sealed class SigningOptions
{
    /// <summary>Folder for development certificates and issued documents (the host's data folder).</summary>
    public string DataFolder { get; set; } = "";

    /// <summary>Each unit's certificate by unit code (<c>Bpm:Signing:Units:{unitCode}</c>).</summary>
    public Dictionary<string, UnitCertificateOptions> Units { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One unit's signing certificate as a PKCS#12 file.</summary>
public sealed class UnitCertificateOptions
{
    /// <summary>Path of the <c>.p12</c>/<c>.pfx</c> file holding the certificate and its private key.</summary>
    public string CertificatePath { get; set; } = "";

    /// <summary>The file's password; empty when it has none.</summary>
    public string Password { get; set; } = "";
}
