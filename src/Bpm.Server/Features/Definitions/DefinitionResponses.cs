using Bpm.Engine;
using Bpm.Persistence;

namespace Bpm.Server.Features.Definitions;

/// <summary>A validation finding; clients translate by <c>Code</c> (docs/diagnostics.md), putting <c>Arguments</c> into their own wording.</summary>
public sealed record DiagnosticResponse(string Code, string Severity, int Line, string? ElementId, string? ElementType, string Message, IReadOnlyList<string> Arguments)
{
    public static DiagnosticResponse From(Diagnostic d) =>
        new(d.Code, d.Severity == Engine.Severity.Error ? "error" : "warning", d.Line, d.ElementId, d.ElementType, d.Message, d.Arguments);

    public static List<DiagnosticResponse> From(IEnumerable<Diagnostic> diagnostics) => diagnostics.Select(From).ToList();
}

public sealed record VersionSummary(
    int Version,
    string Status,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    string? PublishedBy,
    DateTimeOffset? PublishedAt,
    string? ChangeNote,
    string ContentHash)
{
    public static VersionSummary From(DefinitionRecord r) =>
        new(r.Version, StatusName(r.Status), r.CreatedBy, r.CreatedAt, r.PublishedBy, r.PublishedAt, r.ChangeNote, r.ContentHash);

    public static string StatusName(DefinitionStatus status) => status.ToString().ToLowerInvariant();
}

public sealed record VersionResponse(
    string DefinitionId,
    int Version,
    string Status,
    string? Xml,
    string ContentHash,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    string? PublishedBy,
    DateTimeOffset? PublishedAt,
    string? ChangeNote)
{
    public static VersionResponse From(DefinitionRecord r, bool withXml) =>
        new(r.DefinitionId, r.Version, VersionSummary.StatusName(r.Status), withXml ? r.Xml : null, r.ContentHash,
            r.CreatedBy, r.CreatedAt, r.PublishedBy, r.PublishedAt, r.ChangeNote);
}
