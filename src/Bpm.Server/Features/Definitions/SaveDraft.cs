using Bpm.Engine;
using Bpm.Persistence;
using Bpm.Server.Hosting;
using Bpm.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Features.Definitions;

public static class SaveDraft
{
    /// <param name="Xml">The BPMN document.</param>
    /// <param name="ExpectedContentHash">Optional: the content hash of the draft the client edited; a
    /// different current draft means someone else saved in between (409), so nothing is overwritten.</param>
    public sealed record Request(string? Xml, string? ExpectedContentHash);

    public sealed record Response(string DefinitionId, int Version, string Status, string ContentHash, bool Valid, IReadOnlyList<DiagnosticResponse> Diagnostics);

    public static async Task<Results<Ok<Response>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        string definitionId, Request request, DefinitionStore store, BpmDbContext db, CallerAccessor callers, CancellationToken cancellationToken)
    {
        if (DefinitionsApi.CheckId(definitionId) is { } badId)
        {
            return badId;
        }

        if (XmlInput.Check(request.Xml, requireWellFormed: true) is { } problem)
        {
            return problem;
        }

        if (request.ExpectedContentHash is { } expected)
        {
            var current = await db.Definitions.AsNoTracking()
                .Where(d => d.DefinitionId == definitionId && d.Status == DefinitionStatus.Draft)
                .Select(d => new { d.Version, d.ContentHash, d.CreatedBy })
                .FirstOrDefaultAsync(cancellationToken);
            if (current is not null && !string.Equals(current.ContentHash, expected, StringComparison.OrdinalIgnoreCase))
            {
                return Problems.Conflict(
                    $"Bản nháp phiên bản {current.Version} đã được lưu lại sau khi bạn mở nó; hãy tải lại trước khi lưu để không ghi đè thay đổi của người khác.",
                    new Dictionary<string, object?> { ["currentContentHash"] = current.ContentHash, ["version"] = current.Version });
            }
        }

        var caller = await callers.GetAsync(cancellationToken);
        var loaded = BpmnLoader.Load(request.Xml!);
        var saved = await store.SaveDraftAsync(definitionId, request.Xml!, caller.UserName, cancellationToken);
        return TypedResults.Ok(new Response(definitionId, saved.Version, "draft", saved.ContentHash, loaded.IsValid, DiagnosticResponse.From(loaded.Diagnostics)));
    }
}
