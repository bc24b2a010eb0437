namespace Bpm.Server.Security;

/// <summary>Authorisation policies; where a policy names roles, units narrow it further in the handlers.</summary>
public static class Policies
{
    public const string Authenticated = "authenticated";
    public const string Design = "design";
    public const string StartInstances = "start-instances";
    public const string CancelInstances = "cancel-instances";
    public const string Staff = "staff";
    public const string Audit = "audit";
    public const string Admin = "admin";

    /// <summary>The one-stop statistics: leaders, administrators and auditors.</summary>
    public const string Reports = "reports";
}
