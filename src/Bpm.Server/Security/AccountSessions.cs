using System.Collections.Concurrent;
using Bpm.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Security;

/// <summary>
/// What every signed-in request needs of its account beyond the cookie or token: the security stamp
/// and lock-out (<see cref="SessionValidation"/>) and the units and roles it holds (<see cref="CallerAccessor"/>).
/// </summary>
/// <param name="SupervisedUnits">The units a leadership membership oversees; they apply only while the principal is in the Leader role.</param>
public sealed record AccountSession(string? SecurityStamp, DateTimeOffset? LockedOutUntil, IReadOnlyList<UnitMembership> Memberships, IReadOnlyList<string> SupervisedUnits)
{
    public bool IsLockedOut(DateTimeOffset now) => LockedOutUntil is { } until && until >= now;
}

/// <summary>
/// Each account's <see cref="AccountSession"/>, read in one query and kept for
/// <c>Bpm:Security:SessionCacheSeconds</c> (30 by default; 0 reads it on every request), so that an
/// inbox read is not three round trips of sign-in work before its own. Every change of an account made
/// through Identity on this host (sign-out's new stamp, a password, a lock-out, a role:
/// <see cref="BpmUserManager"/>) forgets it at once; another host sharing the database sees the
/// change when its copy expires, so sign-out and lock-out reach every host within that many seconds
/// (docs/server.md). Memberships are written only by the seeding at start-up; one edited in the
/// database directly is seen within the same delay.
/// </summary>
public sealed class AccountSessions(TimeProvider clock, TimeSpan lifetime)
{
    public const string LifetimeSetting = "Bpm:Security:SessionCacheSeconds";

    public const int DefaultLifetimeSeconds = 30;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _writes = new();
    private long _generation;

    public TimeSpan Lifetime { get; } = lifetime;

    /// <summary>The account's session, or null when there is no such account.</summary>
    public async Task<AccountSession?> GetAsync(string userId, OrganisationDbContext db, CancellationToken cancellationToken)
    {
        // Expiry on the monotonic timestamp: a wall clock set back (tests, a corrected host clock) must not keep a copy for ever.
        var now = clock.GetTimestamp();
        if (_entries.TryGetValue(userId, out var entry) && clock.GetElapsedTime(entry.ReadAt, now) < Lifetime)
        {
            return entry.Session;
        }

        // A change that lands while this read runs must not be hidden by it: the read is kept only if
        // nothing was forgotten since it began.
        var generation = Volatile.Read(ref _generation);
        var session = await ReadAsync(userId, db, cancellationToken);
        if (Lifetime > TimeSpan.Zero)
        {
            lock (_writes)
            {
                if (_generation == generation)
                {
                    _entries[userId] = new Entry(session, now);
                }
            }
        }

        return session;
    }

    /// <summary>Called after an account's change is stored: the next request reads it again.</summary>
    public void Forget(string userId)
    {
        lock (_writes)
        {
            _generation++;
            _entries.TryRemove(userId, out _);
        }
    }

    private static async Task<AccountSession?> ReadAsync(string userId, OrganisationDbContext db, CancellationToken cancellationToken)
    {
        var account = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new
            {
                u.SecurityStamp,
                u.LockoutEnabled,
                u.LockoutEnd,
                Memberships = db.Memberships.Where(m => m.UserId == u.Id).ToList(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (account is null)
        {
            return null;
        }

        var supervised = account.Memberships.Any(m => m.Role == "leader")
            ? await SupervisedAsync(db, account.Memberships, cancellationToken)
            : [];
        return new AccountSession(account.SecurityStamp, account.LockoutEnabled ? account.LockoutEnd : null, account.Memberships, supervised);
    }

    /// <summary>Every unit of the agencies whose leadership units the account belongs to (the leader of XA-PHUONGLAM.LANHDAO oversees XA-PHUONGLAM and its units).</summary>
    private static async Task<IReadOnlyList<string>> SupervisedAsync(OrganisationDbContext db, List<UnitMembership> memberships, CancellationToken cancellationToken)
    {
        var own = memberships.Select(m => m.UnitCode).ToList();
        var parents = await db.Units.AsNoTracking()
            .Where(u => own.Contains(u.Code) && u.ParentCode != null)
            .Select(u => u.ParentCode!)
            .ToListAsync(cancellationToken);
        var codes = await db.Units.AsNoTracking().Select(u => u.Code).ToListAsync(cancellationToken);
        return codes.Where(c => parents.Any(p => c == p || c.StartsWith(p + ".", StringComparison.Ordinal))).ToList();
    }

    private sealed record Entry(AccountSession? Session, long ReadAt);
}
