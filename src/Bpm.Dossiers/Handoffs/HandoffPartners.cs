using System.Security.Cryptography;

namespace Bpm.Dossiers.Handoffs;

/// <summary>
/// <c>Bpm:Handoffs</c>: this installation as its partners know it, and the partner installations
/// (another province's Bpm, a ministry's system) that serve some agencies. A handoff whose target
/// agency a partner serves is sent there over HTTP instead of started here (docs/handoffs.md).
/// </summary>
public sealed class HandoffOptions
{
    public const string Section = "Bpm:Handoffs";

    /// <summary>This installation's id, sent as <c>Bpm-Partner</c>; each partner lists it under the same id.</summary>
    public string? InstallationId { get; set; }

    /// <summary>This installation's public address: partners post answers to <c>{PublicUrl}api/v1/handoffs/callback</c>.</summary>
    public Uri? PublicUrl { get; set; }

    /// <summary>This installation's ECDSA P-256 private key (PEM), for partners that verify with its public key.</summary>
    public string? PrivateKey { get; set; }

    /// <summary>How far a request's timestamp may be from this server's clock, either way.</summary>
    public TimeSpan TimestampWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one attempt to send waits for the partner's answer.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public List<HandoffPartnerOptions> Partners { get; set; } = [];
}

/// <summary>One partner installation of <c>Bpm:Handoffs:Partners</c>.</summary>
public sealed class HandoffPartnerOptions
{
    public string? Id { get; set; }

    /// <summary>The partner's address; its endpoints are under <c>api/v1/handoffs/</c>.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The agencies (organisation-unit codes) whose handoffs go to this partner; none for a partner that only sends here.</summary>
    public List<string> Agencies { get; set; } = [];

    /// <summary>The HMAC-SHA256 key shared with the partner (both sides sign with it), at least 32 characters.</summary>
    public string? Secret { get; set; }

    /// <summary>The partner's ECDSA P-256 public key (PEM): when set, its requests are verified with it and ours are signed with <see cref="HandoffOptions.PrivateKey"/>.</summary>
    public string? PublicKey { get; set; }
}

/// <summary>A validated partner: who it is, where it listens, which agencies it serves, and how requests to and from it are signed.</summary>
public sealed record HandoffPartner(string Id, Uri BaseUrl, IReadOnlyList<string> Agencies, HandoffSignature Signature)
{
    public Uri Endpoint(string relative) => new(BaseUrl, "api/v1/handoffs/" + relative);
}

/// <summary>The partners of <see cref="HandoffOptions"/>, checked once at start so that a wrong setting stops the server naming it.</summary>
public sealed class HandoffPartners
{
    /// <summary>A shared key shorter than this is refused: HMAC-SHA256's own strength is 256 bits.</summary>
    public const int MinimumSecretLength = 32;

    private readonly Dictionary<string, HandoffPartner> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HandoffPartner> _byAgency = new(StringComparer.Ordinal);

    public HandoffPartners(HandoffOptions options)
    {
        Options = options;
        if (options.Partners.Count == 0)
        {
            return;
        }

        var section = HandoffOptions.Section;
        if (string.IsNullOrWhiteSpace(options.InstallationId))
        {
            throw new InvalidOperationException($"{section}:InstallationId is empty: partners need this installation's id to know who signed");
        }

        if (options.PublicUrl is not { IsAbsoluteUri: true } self || self.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException($"{section}:PublicUrl is not an absolute http(s) address: partners post their answers there");
        }

        ECDsa? ownKey = null;
        for (var i = 0; i < options.Partners.Count; i++)
        {
            var p = options.Partners[i];
            var at = $"{section}:Partners:{i}";
            if (string.IsNullOrWhiteSpace(p.Id) || _byId.ContainsKey(p.Id))
            {
                throw new InvalidOperationException($"{at}:Id is {(string.IsNullOrWhiteSpace(p.Id) ? "empty" : $"'{p.Id}', already given to another partner")}");
            }

            if (p.BaseUrl is not { IsAbsoluteUri: true } baseUrl || baseUrl.Scheme is not ("http" or "https"))
            {
                throw new InvalidOperationException($"{at}:BaseUrl is not an absolute http(s) address");
            }

            // A partner that serves no agency here only sends handoffs to this installation.
            if (p.Agencies.Any(string.IsNullOrWhiteSpace))
            {
                throw new InvalidOperationException($"{at}:Agencies has an empty agency code");
            }

            HandoffSignature signature;
            if (!string.IsNullOrWhiteSpace(p.PublicKey))
            {
                ownKey ??= ImportKey(options.PrivateKey, $"{section}:PrivateKey", $"{at} verifies with a public key, so this installation signs with its own private key");
                signature = HandoffSignature.Ecdsa(ownKey, ImportKey(p.PublicKey, $"{at}:PublicKey", "the partner's ECDSA P-256 public key"));
            }
            else if (p.Secret is { Length: >= MinimumSecretLength } secret)
            {
                signature = HandoffSignature.Hmac(secret);
            }
            else
            {
                throw new InvalidOperationException($"{at}:Secret must be at least {MinimumSecretLength} characters (or set {at}:PublicKey)");
            }

            var partner = new HandoffPartner(p.Id, baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/"), [.. p.Agencies], signature);
            _byId[p.Id] = partner;
            foreach (var agency in p.Agencies)
            {
                if (!_byAgency.TryAdd(agency, partner))
                {
                    throw new InvalidOperationException($"{at}:Agencies lists '{agency}', already served by partner '{_byAgency[agency].Id}'");
                }
            }
        }
    }

    public HandoffOptions Options { get; }

    /// <summary>This installation's id; empty when it has no partners.</summary>
    public string InstallationId => Options.InstallationId ?? "";

    /// <summary>Where partners post their answers to this installation.</summary>
    public string CallbackUrl => new Uri(Options.PublicUrl!, "api/v1/handoffs/callback").AbsoluteUri;

    public HandoffPartner? ForAgency(string agency) => _byAgency.GetValueOrDefault(agency);

    public HandoffPartner? Find(string? id) => id is null ? null : _byId.GetValueOrDefault(id);

    private static ECDsa ImportKey(string? pem, string setting, string what)
    {
        if (string.IsNullOrWhiteSpace(pem))
        {
            throw new InvalidOperationException($"{setting} is empty: {what}");
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (ArgumentException e)
        {
            key.Dispose();
            throw new InvalidOperationException($"{setting} is not a PEM key ({what}): {e.Message}", e);
        }

        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new InvalidOperationException($"{setting} is a {key.KeySize}-bit key; ECDSA P-256 is expected ({what})");
        }

        return key;
    }
}
