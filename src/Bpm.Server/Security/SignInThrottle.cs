using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Bpm.Server.Security;

/// <summary>
/// Wrong passwords counted per account <em>and client</em>: after
/// <see cref="RateLimitOptions.FailuresBeforeLockout"/> of them, that client may not try that
/// account for <see cref="RateLimitOptions.LockoutDuration"/>. The account itself is never locked,
/// so nobody can lock an officer (or the admin) out by typing wrong passwords from elsewhere, and
/// the count is kept the same way for names that do not exist, so the answers do not tell them
/// apart. Kept in memory, per host, bounded in size: a flood of distinct names beyond the bound
/// drops the oldest counts, and the per-client sign-in rate limit still bounds every client's attempts.
/// </summary>
public sealed class SignInThrottle(IOptions<RateLimitOptions> options, TimeProvider time) : IDisposable
{
    private readonly MemoryCache _failures = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    private readonly RateLimitOptions _options = options.Value;

    public TimeSpan LockoutDuration => _options.LockoutDuration;

    /// <summary>How long a lock-out lasts, in Vietnamese ("15 phút", "1 giờ 30 phút"), for the messages that tell it.</summary>
    public string LockoutText => DurationText(_options.LockoutDuration);

    /// <summary>The rule as the sign-in page states it, from the configured figures.</summary>
    public string RuleText =>
        $"Sau {_options.FailuresBeforeLockout} lần nhập sai mật khẩu, máy này bị tạm dừng đăng nhập tài khoản đó {LockoutText}.";

    private static string DurationText(TimeSpan duration)
    {
        var minutes = (long)Math.Ceiling(duration.TotalMinutes);
        var (hours, rest) = (minutes / 60, minutes % 60);
        return (hours, rest) switch
        {
            (0, _) => $"{Math.Max(1, rest)} phút",
            (_, 0) => $"{hours} giờ",
            _ => $"{hours} giờ {rest} phút",
        };
    }

    public bool IsLockedOut(string userName, string client) =>
        _failures.TryGetValue(Key(userName, client), out Failures? f) && f!.LockedUntil > time.GetUtcNow();

    /// <summary>Counts a wrong password; true when this one locks the client out of the account.</summary>
    public bool RecordFailure(string userName, string client)
    {
        var key = Key(userName, client);
        var now = time.GetUtcNow();
        var failures = _failures.GetOrCreate(key, e =>
        {
            e.Size = 1;
            e.SlidingExpiration = _options.LockoutDuration;
            return new Failures();
        })!;
        lock (failures)
        {
            failures.Count++;
            if (failures.Count < _options.FailuresBeforeLockout)
            {
                return false;
            }

            failures.Count = 0;
            failures.LockedUntil = now + _options.LockoutDuration;
            return true;
        }
    }

    public void Reset(string userName, string client) => _failures.Remove(Key(userName, client));

    public void Dispose() => _failures.Dispose();

    /// <summary>Upper-cased without Unicode normalisation, which throws on some code points (a name of U+FFFE).</summary>
    private static string Key(string userName, string client) => client + "\n" + userName.Trim().ToUpperInvariant();

    private sealed class Failures
    {
        public int Count { get; set; }

        public DateTimeOffset LockedUntil { get; set; }
    }
}
