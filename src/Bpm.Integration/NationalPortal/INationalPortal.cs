namespace Bpm.Integration.NationalPortal;

/// <summary>One dossier's status as the national portal is told it.</summary>
public sealed record PortalStatusUpdate(
    string DossierCode,
    string ProcedureCode,
    string AgencyName,
    PortalStatus Status,
    DateTimeOffset At,
    DateTimeOffset? DueAt,
    string? Note);

/// <summary>What the portal answered: taken, or not with why, and whether trying again can help.</summary>
public sealed record PortalAnswer(bool Accepted, bool Permanent, string Detail);

/// <summary>
/// The national public service portal (Cổng Dịch vụ công quốc gia), as far as Bpm talks to it:
/// the status of each dossier. Shipped: <see cref="FileNationalPortal"/> (writes a file, talks to
/// nobody) and <see cref="HttpNationalPortal"/> (a JSON API; tested against a stub, not the real portal).
/// </summary>
public interface INationalPortal
{
    /// <summary>A short name for logs and the dossier page: <c>file</c>, <c>http</c>.</summary>
    string Name { get; }

    Task<PortalAnswer> SyncStatusAsync(PortalStatusUpdate update, CancellationToken cancellationToken);
}
