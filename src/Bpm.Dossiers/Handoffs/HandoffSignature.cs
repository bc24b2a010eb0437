using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Bpm.Dossiers.Handoffs;

/// <summary>
/// How a request between partner installations is signed: over the method, the path, the
/// timestamp (Unix seconds) and the SHA-256 of the body, one per line. HMAC-SHA256 with the
/// partners' shared key, or ECDSA P-256 (each signs with its private key, the other verifies with
/// the public one). The signature, the sender and the time travel in <see cref="SignatureHeader"/>,
/// <see cref="PartnerHeader"/> and <see cref="TimestampHeader"/>; the id of the key it was made
/// with, when the partners name their keys (rotation), in <see cref="KeyIdHeader"/>.
/// </summary>
public abstract class HandoffSignature
{
    public const string PartnerHeader = "Bpm-Partner";
    public const string TimestampHeader = "Bpm-Timestamp";
    public const string SignatureHeader = "Bpm-Signature";
    public const string IdempotencyHeader = "Idempotency-Key";
    public const string KeyIdHeader = "Bpm-Key-Id";
    public const string HmacScheme = "hmac-sha256";
    public const string EcdsaScheme = "ecdsa-p256-sha256";

    /// <summary>hmac-sha256 or ecdsa-p256-sha256.</summary>
    public abstract string Scheme { get; }

    public static HandoffSignature Hmac(string secret) => new HmacSignature(Encoding.UTF8.GetBytes(secret));

    public static HandoffSignature Ecdsa(ECDsa own, ECDsa partners) => new EcdsaSignature(own, partners);

    /// <summary>An ECDSA P-256 key alone: signs with it when it holds the private part, verifies with it either way.</summary>
    public static HandoffSignature Ecdsa(ECDsa key) => new EcdsaSignature(key, key);

    public static string Canonical(string method, string path, long timestamp, string bodySha256) =>
        string.Join('\n', method.ToUpperInvariant(), path, timestamp.ToString(CultureInfo.InvariantCulture), bodySha256);

    public static string Sha256(string body) => Sha256(Encoding.UTF8.GetBytes(body));

    public static string Sha256(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body));

    /// <returns>The base64 signature of <paramref name="canonical"/>, for the partner to verify.</returns>
    public abstract string Sign(string canonical);

    public abstract bool Verify(string canonical, string signature);

    private sealed class HmacSignature(byte[] key) : HandoffSignature
    {
        public override string Scheme => HmacScheme;

        public override string Sign(string canonical) => Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(canonical)));

        public override bool Verify(string canonical, string signature)
        {
            var expected = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(canonical));
            var given = new byte[expected.Length];
            return Convert.TryFromBase64String(signature, given, out var length) && length == expected.Length
                && CryptographicOperations.FixedTimeEquals(expected, given);
        }
    }

    private sealed class EcdsaSignature(ECDsa own, ECDsa partners) : HandoffSignature
    {
        public override string Scheme => EcdsaScheme;

        public override string Sign(string canonical) => Convert.ToBase64String(own.SignData(Encoding.UTF8.GetBytes(canonical), HashAlgorithmName.SHA256));

        public override bool Verify(string canonical, string signature)
        {
            var given = new byte[128];
            return Convert.TryFromBase64String(signature, given, out var length)
                && partners.VerifyData(Encoding.UTF8.GetBytes(canonical), given.AsSpan(0, length), HashAlgorithmName.SHA256);
        }
    }
}
