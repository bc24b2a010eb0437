using System.ComponentModel.DataAnnotations;
using Bpm.Persistence;
using Bpm.Server.Hosting;
using Bpm.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Features.Definitions;

public static class PublishVersion
{
    public const int MaxChangeNote = 2000;

    public sealed record Request([property: MaxLength(MaxChangeNote)] string? ChangeNote);

    public static async Task<Results<Ok<VersionResponse>, ProblemHttpResult>> HandleAsync(
        string definitionId, int version, Request? request, DefinitionStore store, BpmDbContext db, CallerAccessor callers, CancellationToken cancellationToken)
    {
        var record = await store.GetAsync(definitionId, version, cancellationToken);
        if (record is null)
        {
            return Problems.NotFound(DefinitionsApi.NotFoundText(definitionId, version));
        }

        if (record.Status != DefinitionStatus.Draft)
        {
            return Problems.Conflict($"Phiên bản {version} của quy trình '{definitionId}' đang ở trạng thái {VersionSummary.StatusName(record.Status)}, không phải bản nháp; chỉ bản nháp mới được ban hành.");
        }

        var caller = await callers.GetAsync(cancellationToken);
        try
        {
            await store.PublishAsync(definitionId, caller.UserName, cancellationToken);
        }
        catch (DefinitionException e) when (e.Code == "invalid")
        {
            return Problems.Unprocessable(
                "Quy trình chưa hợp lệ",
                $"Phiên bản {version} còn lỗi nên chưa thể ban hành; sửa các lỗi dưới đây rồi thử lại.",
                new Dictionary<string, object?> { ["diagnostics"] = DiagnosticResponse.From(e.Diagnostics) });
        }

        var published = await db.Definitions.FirstAsync(d => d.DefinitionId == definitionId && d.Version == version, cancellationToken);
        published.ChangeNote = string.IsNullOrWhiteSpace(request?.ChangeNote) ? null : request.ChangeNote.Trim();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(VersionResponse.From(published, withXml: false));
    }
}
