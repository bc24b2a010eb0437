namespace Bpm.Documents.Signing;

/// <summary>What a verification found: valid or not, why, and who signed when.</summary>
/// <param name="IsValid">The file is exactly what the unit signed, with the unit's certificate.</param>
/// <param name="Reason">One sentence in Vietnamese for the person holding the paper.</param>
/// <param name="UnitCode">Unit named in the signature; null when the signature could not be read.</param>
/// <param name="Signer">Subject of the signing certificate; null when unreadable.</param>
/// <param name="SignedAt">Signing time from the signature; null when absent.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file checked.</param>
/// <param name="DevelopmentCertificate">Signed with a development certificate, not an agency's own.</param>
public sealed record VerificationResult(
    bool IsValid,
    string Reason,
    string? UnitCode,
    string? Signer,
    DateTimeOffset? SignedAt,
    string Sha256,
    bool DevelopmentCertificate);
