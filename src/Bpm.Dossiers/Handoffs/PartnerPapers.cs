using System.Text.Json;
using Bpm.Papers;
using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Dossiers.Handoffs;

/// <summary>
/// The files of a partner's handoff, sent after it (docs/handoffs.md, "The papers' files"): each is
/// kept in this installation's paper store for the child the handoff started, once, and only when it
/// is a file that handoff listed — the same SHA-256 and size — and the store's own rules (size,
/// type, content) take it. Anything else is refused and nothing is kept.
/// </summary>
public sealed class PartnerPapers(Func<BpmDbContext> createContext, IPaperStore store, TimeProvider time)
{
    public const string Received = "received";

    /// <summary>The largest file the paper store takes: a longer body is refused before it is read to its end.</summary>
    public long MaxFileBytes => store.Validator.Options.MaxFileBytes;

    /// <param name="body">The request's bytes, whose SHA-256 the signature was verified over.</param>
    public async Task<PartnerOutcome> ReceiveAsync(HandoffPartner partner, string? handoffKey, string? fileId, byte[] body, string bodySha256, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(handoffKey) || handoffKey.Length > PartnerHandoffs.MaxKey)
        {
            return Invalid(HandoffPaperFile.HandoffKeyHeader, $"Tiêu đề {HandoffPaperFile.HandoffKeyHeader} phải có từ 1 đến {PartnerHandoffs.MaxKey} ký tự.");
        }

        if (string.IsNullOrWhiteSpace(fileId) || fileId.Length > 100)
        {
            return Invalid(HandoffPaperFile.FileIdHeader, $"Tiêu đề {HandoffPaperFile.FileIdHeader} phải có từ 1 đến 100 ký tự.");
        }

        await using var db = createContext();
        var inbound = await db.InboundHandoffs.AsNoTracking().FirstOrDefaultAsync(h => h.Partner == partner.Id && h.Key == handoffKey, cancellationToken);
        if (inbound is null)
        {
            return PartnerOutcome.Refused(PartnerRefusalKind.NotFound, HandoffPaperFile.HandoffKeyHeader, $"Không có yêu cầu liên thông '{handoffKey}' của '{partner.Id}' trên hệ thống này; tệp '{fileId}' không được lưu.");
        }

        if (await db.InboundHandoffPapers.AsNoTracking().FirstOrDefaultAsync(p => p.Partner == partner.Id && p.HandoffKey == handoffKey && p.RemoteFileId == fileId, cancellationToken) is { } kept)
        {
            return kept.Sha256 == bodySha256
                ? PartnerOutcome.Acknowledged(handoffKey, inbound.ChildInstanceId, Received)
                : PartnerOutcome.Refused(PartnerRefusalKind.Conflict, "body", $"Tệp '{fileId}' của yêu cầu liên thông '{handoffKey}' đã được nhận với SHA-256 {kept.Sha256}; nội dung khác không được lưu.");
        }

        if (inbound.Status != HandoffRecord.Running)
        {
            return PartnerOutcome.Refused(PartnerRefusalKind.Conflict, HandoffPaperFile.HandoffKeyHeader, $"Yêu cầu liên thông '{handoffKey}' đã kết thúc ({inbound.Status}); tệp '{fileId}' không được lưu.");
        }

        var listed = await ListedAsync(db, inbound, fileId, cancellationToken);
        if (listed is null)
        {
            return PartnerOutcome.Refused(PartnerRefusalKind.Unprocessable, HandoffPaperFile.FileIdHeader, $"Yêu cầu liên thông '{handoffKey}' không kê tệp '{fileId}' trong giấy tờ của hồ sơ {inbound.DossierCode}; tệp không được lưu.");
        }

        if (!string.Equals(listed.Sha256, bodySha256, StringComparison.OrdinalIgnoreCase) || listed.Size != body.LongLength)
        {
            return PartnerOutcome.Refused(PartnerRefusalKind.Unprocessable, "body",
                $"Tệp '{fileId}' ({listed.FileName}) không đúng tệp đã kê trong yêu cầu liên thông '{handoffKey}': SHA-256 {bodySha256}, {body.LongLength} byte; đã kê SHA-256 {listed.Sha256}, {listed.Size} byte. Tệp không được lưu.");
        }

        StoredPaper saved;
        try
        {
            using var content = new MemoryStream(body, writable: false);
            saved = await store.SaveAsync(content, listed.FileName, listed.ContentType, cancellationToken);
        }
        catch (PaperRefusedException e)
        {
            var kind = e.Refusal.Code switch
            {
                PaperRefusalCodes.TooLarge => PartnerRefusalKind.TooLarge,
                PaperRefusalCodes.TypeMismatch or PaperRefusalCodes.TypeNotAllowed => PartnerRefusalKind.UnsupportedType,
                _ => PartnerRefusalKind.Unprocessable,
            };
            return PartnerOutcome.Refused(kind, "body", $"Tệp '{fileId}' của yêu cầu liên thông '{handoffKey}' không được nhận: {e.Refusal.Message} Không có tệp nào được lưu.");
        }

        db.InboundHandoffPapers.Add(new InboundHandoffPaperRecord
        {
            Partner = partner.Id,
            HandoffKey = handoffKey,
            RemoteFileId = fileId,
            PaperId = listed.PaperId,
            FileId = saved.Id.ToString(),
            Sha256 = saved.Sha256,
            Size = saved.Size,
            ContentType = saved.ContentType,
            FileName = saved.FileName,
            ReceivedAt = time.GetUtcNow(),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same file at the same time from another attempt: that one was kept; this copy is referred to by nothing.
            await store.DeleteAsync(saved.Id, CancellationToken.None);
            return PartnerOutcome.Acknowledged(handoffKey, inbound.ChildInstanceId, Received);
        }
        catch
        {
            await store.DeleteAsync(saved.Id, CancellationToken.None);
            throw;
        }

        return PartnerOutcome.Acknowledged(handoffKey, inbound.ChildInstanceId, Received);
    }

    /// <summary>The file as the handoff listed it, from the papers its child was started with.</summary>
    private static async Task<HandoffPaperFile?> ListedAsync(BpmDbContext db, InboundHandoffRecord inbound, string fileId, CancellationToken cancellationToken)
    {
        var state = await db.Instances.AsNoTracking().Where(i => i.InstanceId == inbound.ChildInstanceId).Select(i => i.State).FirstOrDefaultAsync(cancellationToken);
        if (state is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(state);
        JsonElement? papers = document.RootElement.TryGetProperty("variables", out var variables) && variables.TryGetProperty("papers", out var p) ? p : null;
        return HandoffPaperFile.Of(inbound.Key, papers).FirstOrDefault(f => f.FileId == fileId);
    }

    private static PartnerOutcome Invalid(string field, string message) => PartnerOutcome.Refused(PartnerRefusalKind.Invalid, field, message);
}
