using System.Text.Json;
using Bpm.Dossiers.Dossiers;
using Bpm.Engine;
using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Dossiers.Handoffs;

/// <summary>Why a partner's message was not taken; nothing was changed.</summary>
public enum PartnerRefusalKind
{
    /// <summary>A field is missing or malformed (400).</summary>
    Invalid,

    /// <summary>The handoff it names is not known here (404).</summary>
    NotFound,

    /// <summary>The key was used before for something else (409).</summary>
    Conflict,

    /// <summary>Well formed, but this installation cannot do it (422).</summary>
    Unprocessable,

    /// <summary>A file larger than the paper store takes (413).</summary>
    TooLarge,

    /// <summary>A file of a type the paper store refuses, or not the type it claims (415).</summary>
    UnsupportedType,
}

public sealed record PartnerRefusal(PartnerRefusalKind Kind, string? Field, string Message);

/// <summary>Either the acknowledgement (also for a repeat of the same message) or the refusal.</summary>
public sealed record PartnerOutcome(HandoffAcknowledgement? Acknowledgement, PartnerRefusal? Refusal)
{
    public static PartnerOutcome Acknowledged(string handoffKey, string? childInstanceId, string status) => new(new HandoffAcknowledgement(handoffKey, childInstanceId, status), null);

    public static PartnerOutcome Refused(PartnerRefusalKind kind, string? field, string message) => new(null, new PartnerRefusal(kind, field, message));
}

/// <summary>
/// The messages partner installations send here, once their signature was verified: a handoff to
/// start (one child per idempotency key, under the local coordinator's rules), its cancel, and the
/// answer to a handoff this installation sent. Each is idempotent: the same message again gets the
/// same acknowledgement and changes nothing.
/// </summary>
public sealed class PartnerHandoffs(Func<BpmDbContext> createContext, TimeProvider time, DefinitionCache definitions, EngineOptions engineOptions, HandoffCoordinator coordinator)
{
    public const int MaxKey = 200;

    private static readonly string[] Outcomes = [HandoffRecord.Result, HandoffRecord.Refused, HandoffRecord.Supplement];
    private static readonly string?[] Evaluations = [null, "early", "on-time", "late"];

    public async Task<PartnerOutcome> ReceiveAsync(HandoffPartner partner, string bodySha256, HandoffRequest request, CancellationToken cancellationToken = default)
    {
        if (Invalid(request, partner) is { } invalid)
        {
            return invalid;
        }

        await using var db = createContext();
        if (await RepeatAsync(db, partner, bodySha256, request.Key, cancellationToken) is { } repeat)
        {
            return repeat;
        }

        var definitionId = await ProcedureProcesses.FindAtAgencyAsync(db, request.Procedure, request.Agency, cancellationToken);
        if (definitionId is null)
        {
            return PartnerOutcome.Refused(PartnerRefusalKind.Unprocessable, "agency",
                $"Cơ quan '{request.Agency}' không có quy trình đã công bố cho thủ tục {request.Procedure} trên hệ thống này; hồ sơ {request.DossierCode} không được tiếp nhận.");
        }

        var now = time.GetUtcNow();
        var childId = Guid.CreateVersion7(now).ToString("N");
        WorkingDuration? allowance = request.Allowance is { } text && WorkingDuration.TryParse(text, out var parsed, out _) ? parsed : null;
        var executor = new CommandExecutor(db, time, definitions, engineOptions);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var started = await executor.StartAsync(definitionId, null, new StartInstance(childId, request.DossierCode, Variables(partner, request), allowance) { Actor = HandoffCoordinator.ActorPrefix + partner.Id }, cancellationToken);
            if (!started.Applied)
            {
                return PartnerOutcome.Refused(PartnerRefusalKind.Unprocessable, "procedure",
                    $"Quy trình '{definitionId}' của cơ quan '{request.Agency}' không bắt đầu được cho hồ sơ {request.DossierCode}: {started.Rejection!.Message}.");
            }

            db.InboundHandoffs.Add(new InboundHandoffRecord
            {
                Partner = partner.Id,
                Key = request.Key,
                BodySha256 = bodySha256,
                DossierCode = request.DossierCode,
                TargetAgency = request.Agency,
                TargetProcedure = request.Procedure,
                ChildInstanceId = childId,
                CallbackUrl = request.CallbackUrl,
                Status = HandoffRecord.Running,
                ReceivedAt = now,
            });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return PartnerOutcome.Acknowledged(request.Key, childId, HandoffRecord.Running);
        }
        catch (DbUpdateException)
        {
            // The same key at the same time from another attempt: it won, child and all; this one rolled back and answers as a repeat.
            await using var again = createContext();
            return await RepeatAsync(again, partner, bodySha256, request.Key, cancellationToken) ?? throw new InvalidOperationException($"handoff '{request.Key}' from '{partner.Id}' was neither stored nor found");
        }
    }

    public async Task<PartnerOutcome> CancelAsync(HandoffPartner partner, HandoffCancel cancel, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(cancel.HandoffKey) || cancel.HandoffKey.Length > MaxKey)
        {
            return PartnerOutcome.Refused(PartnerRefusalKind.Invalid, "handoffKey", $"handoffKey phải có từ 1 đến {MaxKey} ký tự.");
        }

        await using var db = createContext();
        var inbound = await db.InboundHandoffs.AsNoTracking().FirstOrDefaultAsync(h => h.Partner == partner.Id && h.Key == cancel.HandoffKey, cancellationToken);
        if (inbound is null)
        {
            return PartnerOutcome.Refused(PartnerRefusalKind.NotFound, "handoffKey", $"Không có yêu cầu liên thông '{cancel.HandoffKey}' của '{partner.Id}' trên hệ thống này.");
        }

        if (inbound.Status != HandoffRecord.Running)
        {
            return PartnerOutcome.Acknowledged(inbound.Key, inbound.ChildInstanceId, inbound.Status);
        }

        var executor = new CommandExecutor(db, time, definitions, engineOptions);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var reason = string.IsNullOrWhiteSpace(cancel.Reason) ? $"handoff withdrawn by '{partner.Id}'" : $"handoff withdrawn by '{partner.Id}': {cancel.Reason}";
        var cancelled = await executor.ExecuteAsync(inbound.ChildInstanceId, new CancelInstance(reason.Length > 500 ? reason[..500] : reason) { Actor = HandoffCoordinator.ActorPrefix + partner.Id }, cancellationToken);
        if (!cancelled.Applied && cancelled.Rejection?.Code != "not-running")
        {
            throw new InvalidOperationException($"handoff child '{inbound.ChildInstanceId}' could not be cancelled: {cancelled.Rejection?.Message}");
        }

        var row = await db.InboundHandoffs.FirstAsync(h => h.Partner == partner.Id && h.Key == cancel.HandoffKey, cancellationToken);
        row.Status = HandoffRecord.Cancelled;
        row.EndedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return PartnerOutcome.Acknowledged(row.Key, row.ChildInstanceId, row.Status);
    }

    /// <summary>The partner answers a handoff sent from here: its task is completed with the outcome, once; a repeat of that answer is acknowledged again.</summary>
    public async Task<PartnerOutcome> TakeAnswerAsync(HandoffPartner partner, HandoffAnswer answer, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(answer.Key) || answer.Key.Length > MaxKey)
        {
            return PartnerOutcome.Refused(PartnerRefusalKind.Invalid, "key", $"key phải có từ 1 đến {MaxKey} ký tự.");
        }

        if (!Outcomes.Contains(answer.Outcome))
        {
            return PartnerOutcome.Refused(PartnerRefusalKind.Invalid, "outcome", $"Kết quả liên thông '{answer.Outcome}' không hợp lệ; chỉ nhận: {string.Join(", ", Outcomes)}.");
        }

        if (!Evaluations.Contains(answer.Evaluation))
        {
            return PartnerOutcome.Refused(PartnerRefusalKind.Invalid, "evaluation", $"Đánh giá '{answer.Evaluation}' không hợp lệ; chỉ nhận: early, on-time, late hoặc để trống.");
        }

        if (string.IsNullOrWhiteSpace(answer.ChildInstanceId) || answer.ChildInstanceId.Length > 100)
        {
            return PartnerOutcome.Refused(PartnerRefusalKind.Invalid, "childInstanceId", "childInstanceId phải có từ 1 đến 100 ký tự.");
        }

        await using var db = createContext();
        var handoff = await db.Handoffs.AsNoTracking().FirstOrDefaultAsync(h => h.Partner == partner.Id && h.RemoteKey == answer.HandoffKey, cancellationToken);
        if (handoff is null)
        {
            return PartnerOutcome.Refused(PartnerRefusalKind.NotFound, "handoffKey", $"Hệ thống này không gửi yêu cầu liên thông '{answer.HandoffKey}' đến '{partner.Id}'.");
        }

        switch (handoff.Status)
        {
            case HandoffRecord.Running:
                await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
                {
                    await coordinator.CompleteParentAsync(db, handoff, answer.Outcome, answer.ChildInstanceId, answer.Evaluation, answer.Key, cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                }

                return PartnerOutcome.Acknowledged(handoff.RemoteKey!, answer.ChildInstanceId, answer.Outcome);
            case HandoffRecord.Cancelled or HandoffRecord.Undelivered:
                // The dossier no longer waits for it: acknowledged, so that the partner stops sending, and nothing changes.
                return PartnerOutcome.Acknowledged(handoff.RemoteKey!, handoff.ChildInstanceId ?? answer.ChildInstanceId, handoff.Status);
            default:
                return handoff.AnswerKey == answer.Key
                    ? PartnerOutcome.Acknowledged(handoff.RemoteKey!, handoff.ChildInstanceId, handoff.Status)
                    : PartnerOutcome.Refused(PartnerRefusalKind.Conflict, "key",
                        $"Yêu cầu liên thông '{answer.HandoffKey}' đã được trả lời ({handoff.Status}) bằng thông báo '{handoff.AnswerKey}'; thông báo '{answer.Key}' không được ghi nhận.");
        }
    }

    private static async Task<PartnerOutcome?> RepeatAsync(BpmDbContext db, HandoffPartner partner, string bodySha256, string key, CancellationToken cancellationToken)
    {
        var existing = await db.InboundHandoffs.AsNoTracking().FirstOrDefaultAsync(h => h.Partner == partner.Id && h.Key == key, cancellationToken);
        return existing is null ? null
            : existing.BodySha256 == bodySha256 ? PartnerOutcome.Acknowledged(existing.Key, existing.ChildInstanceId, existing.Status)
            : PartnerOutcome.Refused(PartnerRefusalKind.Conflict, "key",
                $"Khóa '{key}' đã được dùng cho một yêu cầu liên thông khác nội dung (hồ sơ {existing.DossierCode}); yêu cầu này không được ghi nhận.");
    }

    private static PartnerOutcome? Invalid(HandoffRequest request, HandoffPartner partner)
    {
        static PartnerOutcome Field(string field, string message) => PartnerOutcome.Refused(PartnerRefusalKind.Invalid, field, message);

        if (string.IsNullOrWhiteSpace(request.Key) || request.Key.Length > MaxKey)
        {
            return Field("key", $"key phải có từ 1 đến {MaxKey} ký tự.");
        }

        foreach (var (field, value) in (ReadOnlySpan<(string, string?)>)[("dossierCode", request.DossierCode), ("agency", request.Agency), ("procedure", request.Procedure), ("step", request.Step)])
        {
            if (string.IsNullOrWhiteSpace(value) || value.Length > 100)
            {
                return Field(field, $"{field} phải có từ 1 đến 100 ký tự.");
            }
        }

        if (request.Allowance is { } allowance && !WorkingDuration.TryParse(allowance, out _, out var error))
        {
            return Field("allowance", $"Thời hạn '{allowance}' không đọc được: {error}.");
        }

        // Answers go only to the partner's own address, never to one a request names elsewhere.
        if (!Uri.TryCreate(request.CallbackUrl, UriKind.Absolute, out var callback) || !callback.AbsoluteUri.StartsWith(partner.BaseUrl.AbsoluteUri, StringComparison.OrdinalIgnoreCase))
        {
            return Field("callbackUrl", $"Địa chỉ trả lời '{request.CallbackUrl}' không thuộc địa chỉ đã cấu hình của đối tác '{partner.Id}' ({partner.BaseUrl}).");
        }

        return null;
    }

    /// <summary>What the local coordinator hands a child, with the partner and key in place of the parent's instance.</summary>
    private static Dictionary<string, JsonElement> Variables(HandoffPartner partner, HandoffRequest request)
    {
        var variables = new Dictionary<string, JsonElement>
        {
            ["dossierCode"] = JsonSerializer.SerializeToElement(request.DossierCode),
            ["procedureCode"] = JsonSerializer.SerializeToElement(request.Procedure),
            ["parentElementId"] = JsonSerializer.SerializeToElement(request.Step),
            ["handedOverBy"] = JsonSerializer.SerializeToElement(request.SentBy),
            ["handoffPartner"] = JsonSerializer.SerializeToElement(partner.Id),
            ["handoffKey"] = JsonSerializer.SerializeToElement(request.Key),
        };
        if (request.ApplicantName is { } name)
        {
            variables["applicantName"] = JsonSerializer.SerializeToElement(name);
        }

        if (request.Channel is { } channel)
        {
            variables["channel"] = JsonSerializer.SerializeToElement(channel);
        }

        if (request.Papers is { ValueKind: JsonValueKind.Array } papers)
        {
            variables["papers"] = papers.Clone();
        }

        return variables;
    }
}
