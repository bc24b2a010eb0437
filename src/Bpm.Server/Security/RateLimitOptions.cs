namespace Bpm.Server.Security;

/// <summary>
/// How often one client may call (<c>Bpm:RateLimits</c>). A client is the connection's remote
/// address; behind a reverse proxy, name the proxy (<c>Bpm:Security:KnownProxies</c>) or every
/// caller counts as the proxy.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Bpm:RateLimits";

    /// <summary>The fixed window every count below is taken over.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Requests of any kind from one client per window (pages, static files and API alike).</summary>
    public int PermitLimit { get; set; } = 600;

    /// <summary>Sign-in attempts (API login and token, the sign-in form) from one client per window, whichever accounts they name.</summary>
    public int SignInPermitLimit { get; set; } = 20;

    /// <summary>
    /// Public look-ups (the API's /api/v1/public and the /tra-cuu form) from one client per window:
    /// with 10,000 possible last-4 digits, 20 a minute keeps guessing one dossier's at days.
    /// </summary>
    public int PublicLookupPermitLimit { get; set; } = 20;

    /// <summary>Wrong passwords for one account from one client before that client may not try that account for <see cref="LockoutDuration"/>.</summary>
    public int FailuresBeforeLockout { get; set; } = 5;

    /// <summary>How long a client stays locked out of an account after <see cref="FailuresBeforeLockout"/> wrong passwords.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
}
