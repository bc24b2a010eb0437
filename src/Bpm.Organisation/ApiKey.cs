namespace Bpm.Organisation;

/// <summary>
/// A key a machine client (e.g. a national-portal connector) sends in <c>X-Api-Key</c>; it acts as
/// its user. Only the SHA-256 of the key is stored.
/// </summary>
public sealed class ApiKey
{
    public long Id { get; set; }

    public required string Name { get; set; }

    /// <summary>SHA-256 of the key, lower-case hex.</summary>
    public required string KeyHash { get; set; }

    public required string UserId { get; set; }

    public required DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
