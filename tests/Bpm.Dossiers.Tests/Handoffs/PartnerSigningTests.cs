using System.Security.Cryptography;
using Bpm.Dossiers.Handoffs;

namespace Bpm.Dossiers.Tests.Handoffs;

/// <summary>Partner settings and the signature of requests between installations (docs/handoffs.md, "Across installations").</summary>
public sealed class PartnerSigningTests
{
    private const string Secret = "khoa-chung-cua-hai-tinh-dai-hon-32-ky-tu";
    private const string Body = """{"key":"tinh-a:1","dossierCode":"000.27.22.H10-261201-0001"}""";
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Of_HmacSignedAsThePartnerSigns_VerifiedAsThatPartner()
    {
        var partners = Partners(new HandoffPartnerOptions { Id = "tinh-b", BaseUrl = new Uri("http://127.0.0.1:5100"), Secret = Secret });

        var check = Check(partners, "tinh-b", HandoffSignature.Hmac(Secret), Body, Now);

        Assert.Null(check.Refusal);
        Assert.Equal("tinh-b", check.Partner!.Id);
        Assert.Equal("http://127.0.0.1:5100/api/v1/handoffs/inbound", check.Partner.Endpoint("inbound").AbsoluteUri);
    }

    [Theory]
    [InlineData("body", "không khớp")]
    [InlineData("key", "không khớp")]
    [InlineData("stale", "lệch 301 giây")]
    [InlineData("unknown", "không phải đối tác")]
    public void Of_ChangedForgedStaleOrUnknown_RefusedSayingWhich(string change, string reason)
    {
        var partners = Partners(new HandoffPartnerOptions { Id = "tinh-b", BaseUrl = new Uri("http://127.0.0.1:5100"), Secret = Secret });
        var signer = change == "key" ? HandoffSignature.Hmac(Secret + "-khac") : HandoffSignature.Hmac(Secret);
        var signedAt = change == "stale" ? Now.AddSeconds(-301) : Now;
        var timestamp = signedAt.ToUnixTimeSeconds();
        var signature = signer.Sign(HandoffSignature.Canonical("POST", "/api/v1/handoffs/inbound", timestamp, HandoffSignature.Sha256(Body)));

        var check = SignedRequestCheck.Of(partners, change == "unknown" ? "tinh-z" : "tinh-b", "POST", "/api/v1/handoffs/inbound",
            timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), signature, change == "body" ? Body.Replace("0001", "0002", StringComparison.Ordinal) : Body, Now);

        Assert.Null(check.Partner);
        Assert.Contains(reason, check.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_EcdsaPartner_VerifiedWithItsPublicKeyAndRefusedForAnotherKey()
    {
        using var ours = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var theirs = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var partners = new HandoffPartners(new HandoffOptions
        {
            InstallationId = "tinh-a",
            PublicUrl = new Uri("http://127.0.0.1:5000/"),
            PrivateKey = ours.ExportECPrivateKeyPem(),
            Partners = [new HandoffPartnerOptions { Id = "bo-x", BaseUrl = new Uri("http://127.0.0.1:5200/"), PublicKey = theirs.ExportSubjectPublicKeyInfoPem() }],
        });

        // What the partner signs with its private key, verified here with its public one.
        Assert.Null(Check(partners, "bo-x", HandoffSignature.Ecdsa(theirs, ours), Body, Now).Refusal);
        Assert.Contains("ecdsa-p256-sha256", Check(partners, "bo-x", HandoffSignature.Ecdsa(stranger, ours), Body, Now).Refusal, StringComparison.Ordinal);

        // What this installation signs for the partner, verifiable with this installation's public key.
        var canonical = HandoffSignature.Canonical("POST", "/x", 1, HandoffSignature.Sha256(Body));
        Assert.True(HandoffSignature.Ecdsa(theirs, ours).Verify(canonical, partners.Find("bo-x")!.SigningKey(Now)!.Signature.Sign(canonical)));
    }

    [Theory]
    [InlineData("short", "Partners:0:Secret must be at least 32 characters")]
    [InlineData("twice", "Partners:1:Agencies lists 'VPDKDD', already served by partner 'tinh-b'")]
    [InlineData("relative", "Partners:0:BaseUrl is not an absolute http(s) address")]
    [InlineData("pem", "Bpm:Handoffs:PrivateKey is empty: Bpm:Handoffs:Partners:0 verifies with a public key")]
    [InlineData("self", "Bpm:Handoffs:InstallationId is empty")]
    public void New_WrongSetting_RefusedNamingIt(string wrong, string message)
    {
        var first = new HandoffPartnerOptions { Id = "tinh-b", BaseUrl = new Uri("http://127.0.0.1:5100/"), Agencies = ["VPDKDD"], Secret = wrong == "short" ? "ngan" : Secret };
        if (wrong == "relative")
        {
            first.BaseUrl = new Uri("/tinh-b", UriKind.Relative);
        }

        var options = new HandoffOptions { InstallationId = wrong == "self" ? null : "tinh-a", PublicUrl = new Uri("http://127.0.0.1:5000/"), Partners = [first] };
        if (wrong == "twice")
        {
            options.Partners.Add(new HandoffPartnerOptions { Id = "tinh-c", BaseUrl = new Uri("http://127.0.0.1:5300/"), Agencies = ["VPDKDD"], Secret = Secret });
        }

        if (wrong == "pem")
        {
            first.PublicKey = "-----BEGIN PUBLIC KEY-----\nkhong-phai-khoa\n-----END PUBLIC KEY-----";
        }

        var error = Assert.Throws<InvalidOperationException>(() => new HandoffPartners(options));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_RotatedKeys_AnyValidKeyAcceptedDuringTheOverlapAndTheNewestSigns()
    {
        var partners = Partners(Rotating());

        Assert.Null(Check(partners, "tinh-b", HandoffSignature.Hmac(Secret), Body, Now, "2026-1").Refusal);
        Assert.Null(Check(partners, "tinh-b", HandoffSignature.Hmac(Secret + "-moi"), Body, Now, "2026-2").Refusal);
        // A request that names no key (a sender configured before rotation) is checked against every key valid now.
        Assert.Null(Check(partners, "tinh-b", HandoffSignature.Hmac(Secret + "-moi"), Body, Now).Refusal);
        // Each key verifies only what it signed.
        Assert.Contains("không khớp", Check(partners, "tinh-b", HandoffSignature.Hmac(Secret), Body, Now, "2026-2").Refusal, StringComparison.Ordinal);
        Assert.Equal("2026-2", partners.Find("tinh-b")!.SigningKey(Now)!.Id);
        Assert.Equal("2026-1", partners.Find("tinh-b")!.SigningKey(Now.AddDays(-2))!.Id);
    }

    [Theory]
    [InlineData("expired", "'2026-1' của đối tác 'tinh-b' đã hết hiệu lực lúc 2026-12-02 00:00:00 UTC")]
    [InlineData("early", "'2026-2' của đối tác 'tinh-b' chưa có hiệu lực (từ 2026-11-30 00:00:00 UTC)")]
    [InlineData("unknown", "Khóa '2025-9' (Bpm-Key-Id) không phải khóa đã cấu hình của đối tác 'tinh-b'")]
    public void Of_ExpiredNotYetValidOrUnknownKeyId_RefusedSayingWhich(string change, string reason)
    {
        var partners = Partners(Rotating());
        var (key, secret, now) = change switch
        {
            "expired" => ("2026-1", Secret, Now.AddDays(1)),
            "early" => ("2026-2", Secret + "-moi", Now.AddDays(-2)),
            _ => ("2025-9", Secret, Now),
        };

        var check = Check(partners, "tinh-b", HandoffSignature.Hmac(secret), Body, now, key, now);

        Assert.Null(check.Partner);
        Assert.Contains(reason, check.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_EveryKeyExpired_RefusedAndNothingToSignWith()
    {
        var rotating = Rotating();
        rotating.Keys[1].NotAfter = Now.AddYears(1);
        var partners = Partners(rotating);
        var later = Now.AddYears(2);

        Assert.Contains("không có khóa nào còn hiệu lực", Check(partners, "tinh-b", HandoffSignature.Hmac(Secret + "-moi"), Body, later, null, later).Refusal, StringComparison.Ordinal);
        Assert.Null(partners.Find("tinh-b")!.SigningKey(later));
    }

    [Fact]
    public void Of_RotatedEcdsaKeys_NewestOwnKeySignsAndThePartnersNamedKeyVerifies()
    {
        using var oldOwn = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var newOwn = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var theirs = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var partners = new HandoffPartners(new HandoffOptions
        {
            InstallationId = "tinh-a",
            PublicUrl = new Uri("http://127.0.0.1:5000/"),
            PrivateKeys =
            [
                new HandoffKeyOptions { Id = "a-1", PrivateKey = oldOwn.ExportECPrivateKeyPem(), NotAfter = Now.AddDays(1) },
                new HandoffKeyOptions { Id = "a-2", PrivateKey = newOwn.ExportECPrivateKeyPem(), NotBefore = Now.AddHours(-1) },
            ],
            Partners = [new HandoffPartnerOptions { Id = "bo-x", BaseUrl = new Uri("http://127.0.0.1:5200/"), Keys = [new HandoffKeyOptions { Id = "x-1", PublicKey = theirs.ExportSubjectPublicKeyInfoPem() }] }],
        });

        var signing = partners.Find("bo-x")!.SigningKey(Now)!;
        var canonical = HandoffSignature.Canonical("POST", "/x", 1, HandoffSignature.Sha256(Body));
        Assert.Equal("a-2", signing.Id);
        Assert.True(HandoffSignature.Ecdsa(newOwn).Verify(canonical, signing.Signature.Sign(canonical)));
        Assert.Null(Check(partners, "bo-x", HandoffSignature.Ecdsa(theirs), Body, Now, "x-1").Refusal);
    }

    [Theory]
    [InlineData("window", "Bpm:Handoffs:Partners:0:Keys:1:NotAfter (2026-12-01T03:00:00.0000000+00:00) is not later than NotBefore")]
    [InlineData("twice", "Bpm:Handoffs:Partners:0:Keys:1:Id is '2026-1', already given to another key")]
    [InlineData("noid", "Bpm:Handoffs:Partners:0:Keys:1:Id is empty")]
    [InlineData("both", "Bpm:Handoffs:Partners:0 has both Keys and Secret or PublicKey")]
    [InlineData("short", "Bpm:Handoffs:Partners:0:Keys:1:Secret must be at least 32 characters")]
    [InlineData("mixed", "Bpm:Handoffs:Partners:0:Keys mixes shared secrets and public keys")]
    [InlineData("public", "Bpm:Handoffs:PrivateKeys:0:PrivateKey is a public key")]
    public void New_WrongRotationSetting_RefusedNamingIt(string wrong, string message)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var partner = Rotating();
        var second = partner.Keys[1];
        var options = new HandoffOptions { InstallationId = "tinh-a", PublicUrl = new Uri("http://127.0.0.1:5000/"), Partners = [partner] };
        switch (wrong)
        {
            case "window": second.NotAfter = Now; second.NotBefore = Now; break;
            case "twice": second.Id = "2026-1"; break;
            case "noid": second.Id = " "; break;
            case "both": partner.Secret = Secret; break;
            case "short": second.Secret = "ngan"; break;
            case "mixed": second.Secret = null; second.PublicKey = key.ExportSubjectPublicKeyInfoPem(); options.PrivateKey = key.ExportECPrivateKeyPem(); break;
            case "public":
                partner.Keys = [new HandoffKeyOptions { Id = "x-1", PublicKey = key.ExportSubjectPublicKeyInfoPem() }];
                options.PrivateKeys = [new HandoffKeyOptions { Id = "a-1", PrivateKey = key.ExportSubjectPublicKeyInfoPem() }];
                break;
        }

        var error = Assert.Throws<InvalidOperationException>(() => new HandoffPartners(options));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    /// <summary>Key 2026-1 until 2 December, key 2026-2 from 30 November: both valid on <see cref="Now"/>.</summary>
    private static HandoffPartnerOptions Rotating() => new()
    {
        Id = "tinh-b",
        BaseUrl = new Uri("http://127.0.0.1:5100"),
        Keys =
        [
            new HandoffKeyOptions { Id = "2026-1", Secret = Secret, NotAfter = new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero) },
            new HandoffKeyOptions { Id = "2026-2", Secret = Secret + "-moi", NotBefore = new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero) },
        ],
    };

    private static HandoffPartners Partners(HandoffPartnerOptions partner) =>
        new(new HandoffOptions { InstallationId = "tinh-a", PublicUrl = new Uri("http://127.0.0.1:5000/"), Partners = [partner] });

    private static SignedRequestCheck Check(HandoffPartners partners, string sender, HandoffSignature signer, string body, DateTimeOffset signedAt, string? keyId = null, DateTimeOffset? now = null)
    {
        var timestamp = signedAt.ToUnixTimeSeconds();
        var signature = signer.Sign(HandoffSignature.Canonical("POST", "/api/v1/handoffs/inbound", timestamp, HandoffSignature.Sha256(body)));
        return SignedRequestCheck.Of(partners, sender, "POST", "/api/v1/handoffs/inbound", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), signature, body, now ?? Now, keyId);
    }
}
