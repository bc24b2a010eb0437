using System.Security.Claims;
using Bpm.Organisation;

namespace Bpm.Server.Security;

/// <summary>
/// Who is calling, with the units and BPMN roles they hold. Every task and dossier query is
/// narrowed by it: a task is the caller's when they are a member of its unit in its role.
/// </summary>
public sealed class Caller(string userId, string userName, ClaimsPrincipal principal, IReadOnlyList<UnitMembership> memberships, IReadOnlyList<string>? supervisedUnits = null)
{
    public string UserId { get; } = userId;

    public string UserName { get; } = userName;

    public IReadOnlyList<UnitMembership> Memberships { get; } = memberships;

    public bool IsInRole(string role) => principal.IsInRole(role);

    /// <summary>Admins and auditors read every dossier (auditors must be able to open any of them).</summary>
    public bool SeesAllInstances => IsInRole(BpmRoles.Admin) || IsInRole(BpmRoles.Auditor);

    public IReadOnlyList<string> Units => Memberships.Select(m => m.UnitCode).Distinct().ToList();

    /// <summary>
    /// Units whose dossiers a leader oversees (reads, cancels) without working their tasks: every
    /// unit of the agency their leadership unit belongs to (the leader of XA-PHUONGLAM.LANHDAO
    /// oversees XA-PHUONGLAM and its units).
    /// </summary>
    public IReadOnlyList<string> SupervisedUnits { get; } = supervisedUnits ?? [];

    /// <summary><c>UNIT/role</c> keys, matched against a task's unit and role in queries.</summary>
    public IReadOnlyList<string> UnitRoleKeys => Memberships.Select(m => Key(m.UnitCode, m.Role)).Distinct().ToList();

    public static string Key(string unit, string role) => unit + "/" + role.ToLowerInvariant();

    public bool CanWork(string? unit, string? role) =>
        unit is not null && Memberships.Any(m => m.UnitCode == unit && (role is null || string.Equals(m.Role, role, StringComparison.OrdinalIgnoreCase)));
}

/// <summary>Loads the <see cref="Caller"/> once per request, from the account's cached session (<see cref="AccountSessions"/>).</summary>
public sealed class CallerAccessor(IHttpContextAccessor http, OrganisationDbContext db, AccountSessions sessions)
{
    private Caller? _caller;

    public async Task<Caller> GetAsync(CancellationToken cancellationToken)
    {
        if (_caller is not null)
        {
            return _caller;
        }

        var principal = http.HttpContext?.User ?? new ClaimsPrincipal();
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var userName = principal.Identity?.Name ?? "";
        var session = userId.Length == 0 ? null : await sessions.GetAsync(userId, db, cancellationToken);
        var memberships = session?.Memberships ?? [];
        var supervised = principal.IsInRole(BpmRoles.Leader) ? session?.SupervisedUnits : null;
        _caller = new Caller(userId, userName, principal, memberships, supervised);
        return _caller;
    }
}
