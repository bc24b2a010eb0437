using System.Text.Json;
using System.Text.Json.Nodes;
using Bpm.Dossiers.Catalog;
using Bpm.Dossiers.Dossiers;
using Bpm.Papers;
using Bpm.Persistence;
using Bpm.Server.Hosting;
using Bpm.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Bpm.Server.Features.Dossiers;

/// <summary>
/// The files of a dossier (docs/papers.md): the scan of a received paper
/// (<c>POST /api/v1/dossiers/{code}/papers/{paperId}</c>, kept on the paper's entry in the dossier
/// with its SHA-256), the digitised result (<c>POST /{code}/result-papers</c>, kept as a dossier
/// event), and their download (<c>GET /{code}/files/{fileId}</c>). The body is the file itself
/// (its name in <c>fileName</c> or <c>Content-Disposition</c>) or <c>multipart/form-data</c> with
/// one file part; it is streamed into the store, which refuses it whole or keeps it whole.
/// </summary>
public static class DossierPapers
{
    /// <summary>Room for multipart framing on top of the largest file the store takes.</summary>
    public const long FramingBytes = 64 * 1024;

    public sealed record PaperFile(string FileId, string Sha256, long Size, string ContentType, string FileName, DateTimeOffset StoredAt, string StoredBy);

    public sealed record ResultFile(string? Name, PaperFile File);

    public static async Task<Results<Created<PaperFile>, ProblemHttpResult>> UploadAsync(
        string code, string paperId, HttpRequest request, BpmDbContext db, IPaperStore store, ProcedureCatalog catalog, CallerAccessor callers, CancellationToken cancellationToken)
    {
        var caller = await callers.GetAsync(cancellationToken);
        var (found, unavailable) = await OpenDossierAsync(db, caller, code, cancellationToken);
        if (unavailable is not null)
        {
            return unavailable;
        }

        var dossier = found!;

        if (!caller.CanWork(dossier.ReceivingUnit, "reception"))
        {
            return Problems.Forbidden($"Bản chụp giấy tờ của hồ sơ {code} do cán bộ tiếp nhận của {dossier.ReceivingUnit} tải lên.");
        }

        var procedure = await catalog.FindAsync(dossier.ProcedureCode, cancellationToken);
        if (procedure?.Papers.All(p => p.Id != paperId) ?? true)
        {
            return Problems.BadRequest("paperId", $"Thủ tục {dossier.ProcedureCode} không có giấy tờ mã '{paperId}'; các mã là: {string.Join(", ", procedure?.Papers.Select(p => p.Id) ?? [])}.");
        }

        var saved = await SaveAsync(request, store, await FileCountAsync(db, dossier, cancellationToken), caller.UserName, cancellationToken);
        if (saved.Problem is { } refused)
        {
            return refused;
        }

        var file = saved.File!;
        return await RecordAsync(db, store, code, file, tracked =>
            {
                tracked.Papers = WithFile(tracked.Papers, paperId, file);
                return Task.CompletedTask;
            }, cancellationToken) ?? (Results<Created<PaperFile>, ProblemHttpResult>)TypedResults.Created($"/api/v1/dossiers/{code}/files/{file.FileId}", file);
    }

    /// <summary>The digitised copy of a result paper (Decree 61/2018 art. 20 and the catalogue's "digitised result"); <c>name</c> says which.</summary>
    public static async Task<Results<Created<ResultFile>, ProblemHttpResult>> UploadResultAsync(
        string code, string? name, HttpRequest request, BpmDbContext db, IPaperStore store, CallerAccessor callers, CancellationToken cancellationToken)
    {
        var caller = await callers.GetAsync(cancellationToken);
        var (found, unavailable) = await OpenDossierAsync(db, caller, code, cancellationToken);
        if (unavailable is not null)
        {
            return unavailable;
        }

        var dossier = found!;

        if (name is { Length: > 300 })
        {
            return Problems.BadRequest("name", $"Tên giấy tờ kết quả tối đa 300 ký tự; đã gửi {name.Length} ký tự.");
        }

        var saved = await SaveAsync(request, store, await FileCountAsync(db, dossier, cancellationToken), caller.UserName, cancellationToken);
        if (saved.Problem is { } refused)
        {
            return refused;
        }

        var result = new ResultFile(string.IsNullOrWhiteSpace(name) ? null : name.Trim(), saved.File!);
        return await RecordAsync(db, store, code, result.File,
            tracked => DossierEvents.AppendAsync(db, tracked, DossierEventType.ResultPaperStored, caller.UserName, result.File.StoredAt, result, cancellationToken),
            cancellationToken) ?? (Results<Created<ResultFile>, ProblemHttpResult>)TypedResults.Created($"/api/v1/dossiers/{code}/files/{result.File.FileId}", result);
    }

    /// <summary>
    /// A file of the dossier, as stored, with the detected type and as an attachment (docs/papers.md, "Whoever serves papers");
    /// for a dossier kept at a partner installation, a file the partner sent with its handoff (docs/handoffs.md, "The papers' files").
    /// </summary>
    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadAsync(
        string code, string fileId, HttpResponse response, BpmDbContext db, IPaperStore store, CallerAccessor callers, CancellationToken cancellationToken)
    {
        var caller = await callers.GetAsync(cancellationToken);
        var dossier = await db.Dossiers.AsNoTracking().VisibleTo(db, caller).FirstOrDefaultAsync(d => d.Code == code, cancellationToken);
        var ids = dossier is not null ? await FileIdsAsync(db, dossier, cancellationToken) : await PartnerFileIdsAsync(db, caller, code, cancellationToken);
        if (ids is null)
        {
            return Problems.NotFound(DossierAccess.NotFound(code));
        }

        // Only a file this dossier refers to: an id of another dossier's paper answers as unknown here.
        if (!PaperId.TryParse(fileId, out var id) || !ids.Contains(id.ToString()) || await store.OpenAsync(id, cancellationToken) is not { } content)
        {
            return Problems.NotFound($"Hồ sơ {code} không có tệp '{fileId}'.");
        }

        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "sandbox";
        return TypedResults.Stream(content.Content, content.Paper.ContentType, content.Paper.FileName);
    }

    /// <summary>
    /// Records a stored file on its dossier in one transaction, queued behind the dossier's other
    /// writers so that none overwrites another's entry; null when recorded. When the dossier closed
    /// meanwhile, or the write fails, nothing refers to the file and it is removed (docs/papers.md).
    /// </summary>
    private static async Task<ProblemHttpResult?> RecordAsync(BpmDbContext db, IPaperStore store, string code, PaperFile file, Func<DossierRecord, Task> record, CancellationToken cancellationToken)
    {
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await DossierRowLock.HoldAsync(db, code, cancellationToken);
            var tracked = await db.Dossiers.FirstAsync(d => d.Code == code, cancellationToken);
            if (Closed(tracked) is { } closedMeanwhile)
            {
                await store.DeleteAsync(PaperId.Parse(file.FileId), cancellationToken);
                return closedMeanwhile;
            }

            await record(tracked);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return null;
        }
        catch
        {
            await store.DeleteAsync(PaperId.Parse(file.FileId), CancellationToken.None);
            throw;
        }
    }

    /// <summary>The dossier, visible to the caller and still open; otherwise the 404 or 409 to answer.</summary>
    private static async Task<(DossierRecord? Dossier, ProblemHttpResult? Problem)> OpenDossierAsync(BpmDbContext db, Caller caller, string code, CancellationToken cancellationToken)
    {
        var dossier = await db.Dossiers.AsNoTracking().VisibleTo(db, caller).FirstOrDefaultAsync(d => d.Code == code, cancellationToken);
        return dossier is null ? (null, Problems.NotFound(DossierAccess.NotFound(code))) : (dossier, Closed(dossier));
    }

    public static IReadOnlyList<PaperFile> FilesOf(JsonNode? paper) =>
        paper?["files"] is JsonArray files ? files.Deserialize<List<PaperFile>>(JsonSerializerOptions.Web) ?? [] : [];

    private static ProblemHttpResult? Closed(DossierRecord dossier) =>
        dossier.ClosedAt is null
            ? null
            : Problems.Conflict($"Hồ sơ {dossier.Code} đã đóng ('{DossierStatus.Label(dossier.Status)}'); không nhận thêm tệp.");

    internal static async Task<(PaperFile? File, ProblemHttpResult? Problem)> SaveAsync(HttpRequest request, IPaperStore store, int alreadyInDossier, string storedBy, CancellationToken cancellationToken)
    {
        var validator = store.Validator;
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
            if (string.IsNullOrEmpty(boundary))
            {
                return (null, Problems.BadRequest("file", "Nội dung multipart/form-data thiếu boundary."));
            }

            var reader = new MultipartReader(boundary, request.Body);
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && disposition.IsFileDisposition())
                {
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                    return await StoreAsync(section.Body, fileName, section.ContentType, null, validator, store, alreadyInDossier, storedBy, cancellationToken);
                }
            }

            return (null, Problems.BadRequest("file", "Nội dung multipart/form-data không có phần tệp nào (Content-Disposition: form-data; name=\"file\"; filename=\"…\")."));
        }

        var name = request.Query["fileName"].ToString() is { Length: > 0 } query
            ? query
            : ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var header)
                ? HeaderUtilities.RemoveQuotes(header.FileNameStar.HasValue ? header.FileNameStar : header.FileName).Value
                : null;
        return await StoreAsync(request.Body, name, request.ContentType, request.ContentLength, validator, store, alreadyInDossier, storedBy, cancellationToken);
    }

    private static async Task<(PaperFile? File, ProblemHttpResult? Problem)> StoreAsync(
        Stream body, string? fileName, string? contentType, long? length, PaperUploadValidator validator, IPaperStore store, int alreadyInDossier, string storedBy, CancellationToken cancellationToken)
    {
        if ((validator.CheckCount(alreadyInDossier, fileName) ?? validator.CheckDeclared(fileName, contentType, length)) is { } early)
        {
            return (null, Refused(early));
        }

        try
        {
            var paper = await store.SaveAsync(body, fileName, contentType, cancellationToken);
            return (new PaperFile(paper.Id.ToString(), paper.Sha256, paper.Size, paper.ContentType, paper.FileName, paper.StoredAt, storedBy), null);
        }
        catch (PaperRefusedException e)
        {
            return (null, Refused(e.Refusal));
        }
    }

    /// <summary>Too large is 413, a type that is refused or not what it claims 415, anything else about the file 400; the code says which rule.</summary>
    private static ProblemHttpResult Refused(PaperRefusal refusal)
    {
        var (status, title) = refusal.Code switch
        {
            PaperRefusalCodes.TooLarge => (StatusCodes.Status413PayloadTooLarge, "Tệp quá lớn"),
            PaperRefusalCodes.TypeMismatch or PaperRefusalCodes.TypeNotAllowed => (StatusCodes.Status415UnsupportedMediaType, "Loại tệp không được nhận"),
            _ => (StatusCodes.Status400BadRequest, "Tệp không được nhận"),
        };
        return TypedResults.Problem(new ValidationProblemDetails(refusal.ToFieldErrors("file"))
        {
            Status = status,
            Title = title,
            Detail = refusal.Message + " Không có tệp nào được lưu.",
            Extensions = { ["code"] = refusal.Code },
        });
    }

    internal static string WithFile(string papersJson, string paperId, PaperFile file)
    {
        var papers = JsonNode.Parse(papersJson) as JsonArray ?? [];
        var entry = papers.OfType<JsonObject>().FirstOrDefault(p => p["id"]?.GetValue<string>() == paperId);
        if (entry is null)
        {
            // A paper of the procedure that was not counted at reception (brought as a supplement): its scan, no paper count.
            entry = new JsonObject { ["id"] = paperId, ["count"] = 0 };
            papers.Add(entry);
        }

        if (entry["files"] is not JsonArray files)
        {
            entry["files"] = files = [];
        }

        files.Add(JsonSerializer.SerializeToNode(file, JsonSerializerOptions.Web));
        return papers.ToJsonString(JsonSerializerOptions.Web);
    }

    /// <summary>
    /// The files a partner sent with its handoffs of a dossier that is kept at the partner (docs/handoffs.md,
    /// "The papers' files"); null when no such handoff is visible to the caller.
    /// </summary>
    private static async Task<HashSet<string>?> PartnerFileIdsAsync(BpmDbContext db, Caller caller, string code, CancellationToken cancellationToken)
    {
        var handoffs = db.InboundHandoffs.AsNoTracking().VisibleTo(db, caller).Where(h => h.DossierCode == code);
        if (!await handoffs.AnyAsync(cancellationToken))
        {
            return null;
        }

        var files = await db.InboundHandoffPapers.AsNoTracking()
            .Where(p => handoffs.Any(h => h.Partner == p.Partner && h.Key == p.HandoffKey))
            .Select(p => p.FileId)
            .ToListAsync(cancellationToken);
        return files.ToHashSet(StringComparer.Ordinal);
    }

    private static async Task<int> FileCountAsync(BpmDbContext db, DossierRecord dossier, CancellationToken cancellationToken) =>
        (await FileIdsAsync(db, dossier, cancellationToken)).Count;

    /// <summary>Every file the dossier refers to: the scans on its papers and the digitised results in its events.</summary>
    private static async Task<HashSet<string>> FileIdsAsync(BpmDbContext db, DossierRecord dossier, CancellationToken cancellationToken)
    {
        var ids = (JsonNode.Parse(dossier.Papers) as JsonArray ?? []).SelectMany(p => FilesOf(p)).Select(f => f.FileId).ToHashSet(StringComparer.Ordinal);
        var results = await db.DossierEvents.AsNoTracking().Where(e => e.DossierCode == dossier.Code && e.Type == DossierEventType.ResultPaperStored).Select(e => e.Payload).ToListAsync(cancellationToken);
        foreach (var payload in results)
        {
            if (JsonSerializer.Deserialize<ResultFile>(payload!, JsonSerializerOptions.Web) is { } result)
            {
                ids.Add(result.File.FileId);
            }
        }

        return ids;
    }
}
