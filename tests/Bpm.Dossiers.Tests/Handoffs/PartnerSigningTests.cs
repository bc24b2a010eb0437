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
        Assert.True(HandoffSignature.Ecdsa(theirs, ours).Verify(canonical, partners.Find("bo-x")!.Signature.Sign(canonical)));
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

    private static HandoffPartners Partners(HandoffPartnerOptions partner) =>
        new(new HandoffOptions { InstallationId = "tinh-a", PublicUrl = new Uri("http://127.0.0.1:5000/"), Partners = [partner] });

    private static SignedRequestCheck Check(HandoffPartners partners, string sender, HandoffSignature signer, string body, DateTimeOffset signedAt)
    {
        var timestamp = signedAt.ToUnixTimeSeconds();
        var signature = signer.Sign(HandoffSignature.Canonical("POST", "/api/v1/handoffs/inbound", timestamp, HandoffSignature.Sha256(body)));
        return SignedRequestCheck.Of(partners, sender, "POST", "/api/v1/handoffs/inbound", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), signature, body, Now);
    }
}
