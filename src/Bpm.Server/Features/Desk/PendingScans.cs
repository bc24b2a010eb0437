using System.Text.RegularExpressions;
using Bpm.Dossiers.Catalog;
using Bpm.Dossiers.Dossiers;
using Bpm.Papers;
using Bpm.Persistence;
using Bpm.Server.Features.Dossiers;
using Bpm.Server.Hosting;
using Bpm.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Features.Desk;

/// <summary>
/// Scans chosen in the desk's checklist before the dossier is received (docs/workspace.md). A scan
/// needs a dossier to belong to, and the dossier does not exist until reception: so the file goes
/// into the paper store at once (checked as every paper is, <see cref="DossierPapers"/>) and a
/// <see cref="PendingScanRecord"/> holds it for the officer's desk session, the reception form's
/// idempotency key. Reception moves the pending scans of the papers it takes onto the dossier in its
/// own transaction (<see cref="AttachAsync"/>), so a reception that fails leaves them pending and
/// the form shows them again; an abandoned session's scans are swept after <see cref="Lifetime"/>.
/// </summary>
public static partial class PendingScans
{
    /// <summary>How long a scan waits for its reception: a desk session, with room for a long queue and a lunch break.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(4);

    /// <summary>How many expired scans one upload sweeps, so that a backlog is not paid for by one officer.</summary>
    private const int SweepBatch = 20;

    public static IEndpointRouteBuilder MapPendingScansApi(this IEndpointRouteBuilder app)
    {
        var maxFileBytes = app.ServiceProvider.GetRequiredService<PaperOptions>().MaxFileBytes;
        var group = app.MapGroup("/tiep-nhan/ban-chup/{session}").RequireAuthorization(Policies.StartInstances).ExcludeFromDescription();
        group.MapPost("/{procedureCode}/{paperId}", UploadAsync).WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(maxFileBytes + DossierPapers.FramingBytes));
        group.MapDelete("/{fileId}", RemoveAsync);
        return app;
    }

    public static async Task<Results<Created<DossierPapers.PaperFile>, ProblemHttpResult>> UploadAsync(
        string session, string procedureCode, string paperId, HttpRequest request, BpmDbContext db, IPaperStore store, ProcedureCatalog catalog, CallerAccessor callers, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = await callers.GetAsync(cancellationToken);
        if (!caller.Memberships.Any(m => string.Equals(m.Role, "reception", StringComparison.OrdinalIgnoreCase)))
        {
            return Problems.Forbidden("Chỉ cán bộ tiếp nhận của bộ phận một cửa mới tải bản chụp trước khi tiếp nhận.");
        }

        if (!SessionPattern().IsMatch(session))
        {
            return Problems.BadRequest("session", $"Phiên tiếp nhận '{session}' không hợp lệ: phải là 32 chữ số hệ 16 của biểu mẫu tiếp nhận.");
        }

        var procedure = await catalog.FindAsync(procedureCode, cancellationToken);
        if (procedure is null)
        {
            return Problems.BadRequest("procedureCode", $"Không có thủ tục mã '{procedureCode}' trong danh mục.");
        }

        if (procedure.Papers.FirstOrDefault(p => p.Id == paperId) is not { PresentOnly: false })
        {
            return Problems.BadRequest("paperId", $"Thủ tục {procedure.Code} không có giấy tờ nộp mã '{paperId}'; các mã là: {string.Join(", ", procedure.Papers.Where(p => !p.PresentOnly).Select(p => p.Id))}.");
        }

        var now = time.GetUtcNow();
        await SweepAsync(db, store, now, cancellationToken);
        var inSession = await db.PendingScans.CountAsync(s => s.UserName == caller.UserName && s.Session == session, cancellationToken);
        var saved = await DossierPapers.SaveAsync(request, store, inSession, caller.UserName, cancellationToken);
        if (saved.Problem is { } refused)
        {
            return refused;
        }

        var file = saved.File!;
        try
        {
            db.PendingScans.Add(new PendingScanRecord
            {
                FileId = file.FileId,
                Session = session,
                UserName = caller.UserName,
                ProcedureCode = procedure.Code,
                PaperId = paperId,
                Sha256 = file.Sha256,
                Size = file.Size,
                ContentType = file.ContentType,
                FileName = file.FileName,
                StoredAt = file.StoredAt,
                ExpiresAt = now + Lifetime,
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // Nothing refers to the file without its row.
            await store.DeleteAsync(PaperId.Parse(file.FileId), CancellationToken.None);
            throw;
        }

        return TypedResults.Created($"/tiep-nhan/ban-chup/{session}/{file.FileId}", file);
    }

    /// <summary>The officer takes back a scan chosen by mistake; only their own, only while pending.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(string session, string fileId, BpmDbContext db, IPaperStore store, CallerAccessor callers, CancellationToken cancellationToken)
    {
        var caller = await callers.GetAsync(cancellationToken);
        var scan = await db.PendingScans.FirstOrDefaultAsync(s => s.FileId == fileId && s.Session == session && s.UserName == caller.UserName, cancellationToken);
        if (scan is null)
        {
            return Problems.NotFound($"Phiên tiếp nhận không có bản chụp '{fileId}' đang chờ (đã gắn vào hồ sơ, đã bỏ hoặc đã hết hạn).");
        }

        db.PendingScans.Remove(scan);
        await db.SaveChangesAsync(cancellationToken);
        await store.DeleteAsync(PaperId.Parse(scan.FileId), cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The officer's pending scans of one desk session, oldest first, as the checklist shows them.</summary>
    public static async Task<List<PendingScanRecord>> OfSessionAsync(BpmDbContext db, string userName, string? session, CancellationToken cancellationToken) =>
        session is null
            ? []
            : (await db.PendingScans.AsNoTracking().Where(s => s.UserName == userName && s.Session == session).ToListAsync(cancellationToken))
                .OrderBy(s => s.StoredAt).ThenBy(s => s.FileId, StringComparer.Ordinal).ToList();

    /// <summary>
    /// Each scan a reception names (<c>papers[i].scans[j]</c>) is a pending scan of this officer, for
    /// that paper of that procedure, not yet expired; otherwise an error under its field.
    /// </summary>
    public static async Task<Dictionary<string, string[]>> CheckAsync(BpmDbContext db, ReceptionRequest request, string userName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var named = request.Papers?.SelectMany(p => p.Scans ?? []).Distinct().ToList() ?? [];
        if (named.Count == 0)
        {
            return errors;
        }

        var found = await db.PendingScans.AsNoTracking().Where(s => named.Contains(s.FileId)).ToDictionaryAsync(s => s.FileId, cancellationToken);
        for (var i = 0; i < request.Papers!.Count; i++)
        {
            var paper = request.Papers[i];
            for (var j = 0; j < (paper.Scans?.Count ?? 0); j++)
            {
                var id = paper.Scans![j];
                var field = $"papers[{i}].scans[{j}]";
                if (!found.TryGetValue(id, out var scan) || scan.UserName != userName || scan.ExpiresAt <= now)
                {
                    errors[field] = [$"Không có bản chụp '{id}' đang chờ tiếp nhận của bạn (chưa tải lên, đã bỏ hoặc quá {Lifetime.TotalHours:0} giờ); hãy tải lại tệp."];
                }
                else if (scan.ProcedureCode != request.ProcedureCode || scan.PaperId != paper.Id)
                {
                    errors[field] = [$"Bản chụp '{scan.FileName}' được tải lên cho giấy tờ '{scan.PaperId}' của thủ tục {scan.ProcedureCode}, không phải '{paper.Id}' của thủ tục {request.ProcedureCode}."];
                }
                else if (paper.Scans.Take(j).Contains(id))
                {
                    errors[field] = [$"Bản chụp '{scan.FileName}' đã có ở trên."];
                }
            }
        }

        return errors;
    }

    /// <summary>
    /// In the reception's transaction: the named pending scans become files of the received papers
    /// and stop being pending. A scan swept meanwhile fails the reception rather than leave a paper
    /// without the file the officer saw.
    /// </summary>
    public static async Task AttachAsync(BpmDbContext db, DossierRecord dossier, ReceptionRequest request, CancellationToken cancellationToken)
    {
        foreach (var paper in request.Papers ?? [])
        {
            foreach (var id in paper.Scans ?? [])
            {
                var scan = await db.PendingScans.FirstOrDefaultAsync(s => s.FileId == id, cancellationToken)
                    ?? throw new InvalidOperationException($"pending scan {id} vanished before reception of {dossier.Code} committed");
                dossier.Papers = DossierPapers.WithFile(dossier.Papers, scan.PaperId, new DossierPapers.PaperFile(scan.FileId, scan.Sha256, scan.Size, scan.ContentType, scan.FileName, scan.StoredAt, scan.UserName));
                db.PendingScans.Remove(scan);
            }
        }
    }

    /// <summary>Removes expired pending scans and their files: nothing refers to them (docs/papers.md, DeleteAsync).</summary>
    public static async Task<int> SweepAsync(BpmDbContext db, IPaperStore store, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var expired = await db.PendingScans.Where(s => s.ExpiresAt <= now).OrderBy(s => s.ExpiresAt).Take(SweepBatch).ToListAsync(cancellationToken);
        if (expired.Count == 0)
        {
            return 0;
        }

        db.PendingScans.RemoveRange(expired);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var scan in expired)
        {
            await store.DeleteAsync(PaperId.Parse(scan.FileId), cancellationToken);
        }

        return expired.Count;
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex SessionPattern();
}
