namespace Bpm.Organisation;

/// <summary>
/// The application roles. A role says what a person may do; the units they belong to (see
/// <see cref="UnitMembership"/>) say where.
/// </summary>
public static class BpmRoles
{
    public const string Admin = "Admin";
    public const string Designer = "Designer";
    public const string Reception = "Reception";
    public const string Specialist = "Specialist";
    public const string Leader = "Leader";
    public const string Auditor = "Auditor";

    public static IReadOnlyList<string> All { get; } = [Admin, Designer, Reception, Specialist, Leader, Auditor];

    /// <summary>Roles that work an inbox; their task queries are scoped to their units.</summary>
    public const string Staff = Reception + "," + Specialist + "," + Leader;
}
