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

    /// <summary>Instead of <see cref="PrivateKey"/>: this installation's private keys, each named and valid for a window, so that a new one can be rolled out while the old one still signs.</summary>
    public List<HandoffKeyOptions> PrivateKeys { get; set; } = [];

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

    /// <summary>Instead of <see cref="Secret"/> or <see cref="PublicKey"/>: the partner's keys, each named and valid for a window (rotation, docs/handoffs.md).</summary>
    public List<HandoffKeyOptions> Keys { get; set; } = [];
}

/// <summary>
/// One named key of <c>Partners:N:Keys</c> (a shared <see cref="Secret"/> or the partner's
/// <see cref="PublicKey"/>) or of <c>PrivateKeys</c> (this installation's <see cref="PrivateKey"/>),
/// valid from <see cref="NotBefore"/> until <see cref="NotAfter"/> (either open).
/// </summary>
public sealed class HandoffKeyOptions
{
    public string? Id { get; set; }

    public string? Secret { get; set; }

    public string? PublicKey { get; set; }

    public string? PrivateKey { get; set; }

    public DateTimeOffset? NotBefore { get; set; }

    public DateTimeOffset? NotAfter { get; set; }
}

/// <summary>A key as configured: its id (none for the single <c>Secret</c>, <c>PublicKey</c> or <c>PrivateKey</c> of before rotation), its window and what it signs or verifies with.</summary>
public sealed record HandoffKey(string? Id, DateTimeOffset? NotBefore, DateTimeOffset? NotAfter, HandoffSignature Signature)
{
    public bool ValidAt(DateTimeOffset now) => (NotBefore is null || now >= NotBefore) && (NotAfter is null || now < NotAfter);

    /// <summary>Of the keys valid at <paramref name="now"/>, the newest: the one a sender signs with, so that a rollout takes effect on its <see cref="NotBefore"/>.</summary>
    public static HandoffKey? Current(IEnumerable<HandoffKey> keys, DateTimeOffset now) =>
        keys.Where(k => k.ValidAt(now)).OrderByDescending(k => k.NotBefore ?? DateTimeOffset.MinValue).FirstOrDefault();
}

/// <summary>
/// A validated partner: who it is, where it listens, which agencies it serves, and how requests to
/// and from it are signed: <see cref="VerifyKeys"/> check what it sends (its shared secrets or its
/// public keys); <see cref="SigningKeys"/> sign what goes to it (the same shared secrets, or this
/// installation's own private keys).
/// </summary>
public sealed record HandoffPartner(string Id, Uri BaseUrl, IReadOnlyList<string> Agencies, IReadOnlyList<HandoffKey> VerifyKeys, IReadOnlyList<HandoffKey> SigningKeys)
{
    public Uri Endpoint(string relative) => new(BaseUrl, "api/v1/handoffs/" + relative);

    /// <summary>The key a request to this partner is signed with now; null when none is valid now.</summary>
    public HandoffKey? SigningKey(DateTimeOffset now) => HandoffKey.Current(SigningKeys, now);
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

        IReadOnlyList<HandoffKey>? ownKeys = null;
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

            var asymmetric = !string.IsNullOrWhiteSpace(p.PublicKey) || p.Keys.Any(k => !string.IsNullOrWhiteSpace(k.PublicKey));
            if (asymmetric)
            {
                ownKeys ??= OwnKeys(options, $"{at} verifies with a public key, so this installation signs with its own private key");
            }

            var verify = PartnerKeys(p, at);

            var partner = new HandoffPartner(p.Id, baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/"), [.. p.Agencies], verify, asymmetric ? ownKeys! : verify);
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

    /// <summary>A partner's keys: its single <c>Secret</c> or <c>PublicKey</c> as one unnamed key, or its named <c>Keys</c>, all of one kind.</summary>
    private static List<HandoffKey> PartnerKeys(HandoffPartnerOptions p, string at)
    {
        var single = !string.IsNullOrWhiteSpace(p.Secret) || !string.IsNullOrWhiteSpace(p.PublicKey);
        if (p.Keys.Count == 0)
        {
            // Before rotation a partner had one key; a public key set beside a secret was the one used, and still is.
            return [new HandoffKey(null, null, null, PartnerSignature(null, string.IsNullOrWhiteSpace(p.PublicKey) ? null : p.PublicKey, string.IsNullOrWhiteSpace(p.PublicKey) ? p.Secret : null, at))];
        }

        if (single)
        {
            throw new InvalidOperationException($"{at} has both Keys and Secret or PublicKey: keep the single key as one of Keys (with its Id) or drop Keys");
        }

        var keys = Named(p.Keys, $"{at}:Keys", (k, where) => PartnerSignature(k.PrivateKey, k.PublicKey, k.Secret, where));
        if (keys.Select(k => k.Signature.Scheme).Distinct().Count() > 1)
        {
            throw new InvalidOperationException($"{at}:Keys mixes shared secrets and public keys: a partner signs one way (all Secret or all PublicKey)");
        }

        return keys;
    }

    private static HandoffSignature PartnerSignature(string? privateKey, string? publicKey, string? secret, string at)
    {
        if (!string.IsNullOrWhiteSpace(privateKey))
        {
            throw new InvalidOperationException($"{at}:PrivateKey is set: a partner's key is its Secret or its PublicKey; this installation's private keys go in {HandoffOptions.Section}:PrivateKeys");
        }

        if (!string.IsNullOrWhiteSpace(secret) && !string.IsNullOrWhiteSpace(publicKey))
        {
            throw new InvalidOperationException($"{at} has both Secret and PublicKey: a key is one or the other");
        }

        if (!string.IsNullOrWhiteSpace(publicKey))
        {
            return HandoffSignature.Ecdsa(ImportKey(publicKey, $"{at}:PublicKey", "the partner's ECDSA P-256 public key"));
        }

        return secret is { Length: >= MinimumSecretLength }
            ? HandoffSignature.Hmac(secret)
            : throw new InvalidOperationException($"{at}:Secret must be at least {MinimumSecretLength} characters (or set {at}:PublicKey)");
    }

    /// <summary>This installation's own private keys: the single <c>PrivateKey</c> as one unnamed key, or the named <c>PrivateKeys</c>.</summary>
    private static List<HandoffKey> OwnKeys(HandoffOptions options, string why)
    {
        var section = HandoffOptions.Section;
        if (options.PrivateKeys.Count == 0)
        {
            return [new HandoffKey(null, null, null, HandoffSignature.Ecdsa(ImportKey(options.PrivateKey, $"{section}:PrivateKey", why, requirePrivate: true)))];
        }

        if (!string.IsNullOrWhiteSpace(options.PrivateKey))
        {
            throw new InvalidOperationException($"{section} has both PrivateKeys and PrivateKey: keep the single key as one of PrivateKeys (with its Id) or drop PrivateKeys");
        }

        return Named(options.PrivateKeys, $"{section}:PrivateKeys",
            (k, where) => HandoffSignature.Ecdsa(ImportKey(k.PrivateKey, $"{where}:PrivateKey", why, requirePrivate: true)));
    }

    private static List<HandoffKey> Named(List<HandoffKeyOptions> options, string at, Func<HandoffKeyOptions, string, HandoffSignature> signature)
    {
        var keys = new List<HandoffKey>();
        for (var i = 0; i < options.Count; i++)
        {
            var k = options[i];
            var where = $"{at}:{i}";
            if (string.IsNullOrWhiteSpace(k.Id) || k.Id.Length > 100 || keys.Any(o => o.Id == k.Id))
            {
                throw new InvalidOperationException($"{where}:Id is {(string.IsNullOrWhiteSpace(k.Id) ? "empty" : k.Id.Length > 100 ? "longer than 100 characters" : $"'{k.Id}', already given to another key")}: the sender names its key by it");
            }

            if (k.NotBefore is { } from && k.NotAfter is { } until && until <= from)
            {
                throw new InvalidOperationException($"{where}:NotAfter ({until:O}) is not later than NotBefore ({from:O})");
            }

            keys.Add(new HandoffKey(k.Id, k.NotBefore, k.NotAfter, signature(k, where)));
        }

        return keys;
    }

    private static ECDsa ImportKey(string? pem, string setting, string what, bool requirePrivate = false)
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

        if (requirePrivate && !HasPrivatePart(key))
        {
            key.Dispose();
            throw new InvalidOperationException($"{setting} is a public key; this installation signs with its private key ({what})");
        }

        return key;
    }

    private static bool HasPrivatePart(ECDsa key)
    {
        try
        {
            return key.ExportParameters(includePrivateParameters: true).D is { Length: > 0 };
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
