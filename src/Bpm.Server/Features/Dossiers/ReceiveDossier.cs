using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bpm.Dossiers.Dossiers;
using Bpm.Persistence;
using Bpm.Server.Features.Desk;
using Bpm.Server.Hosting;
using Bpm.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Bpm.Server.Features.Dossiers;

/// <summary><c>POST /api/v1/dossiers</c>: reception at the caller's reception unit (<see cref="DossierReception"/>).</summary>
public static class ReceiveDossier
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static async Task<Results<Created<DossierResponse>, Ok<DossierResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        [FromBody] JsonElement body,
        [FromHeader(Name = IdempotencyHeader)] string? idempotencyKey,
        BpmDbContext db,
        DossierReception reception,
        ReceivingUnits units,
        DossierForms forms,
        DossierNotices notices,
        CallerAccessor callers,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var caller = await callers.GetAsync(cancellationToken);
        var desks = caller.Memberships.Where(m => string.Equals(m.Role, "reception", StringComparison.OrdinalIgnoreCase)).Select(m => m.UnitCode).Distinct().ToList();
        if (desks.Count == 0)
        {
            return Problems.Forbidden("Chỉ cán bộ tiếp nhận của bộ phận một cửa mới tiếp nhận hồ sơ.");
        }

        var (unit, which) = ReceivingUnitOf(body, desks);
        if (which is not null)
        {
            return which;
        }

        if (idempotencyKey is { Length: > 100 })
        {
            return Problems.Invalid(IdempotencyHeader, "Idempotency-Key tối đa 100 ký tự.");
        }

        var json = new ReceptionJson();
        var request = json.Read(body);
        var requestHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body.GetRawText())));
        var inputErrors = json.Errors.ToDictionary();
        foreach (var (field, messages) in await PendingScans.CheckAsync(db, request, caller.UserName, time.GetUtcNow(), cancellationToken))
        {
            inputErrors[field] = messages;
        }

        // The receipt notice and the scans chosen before saving are written in the reception's own
        // transaction: a reception that fails leaves no notice and its scans still pending, and a
        // received dossier always has both.
        var outcome = await reception.ReceiveAsync(
            request, inputErrors, unit!, await units.IdentifierOfAsync(unit!, cancellationToken), caller.UserName, idempotencyKey, requestHash, cancellationToken,
            alsoWrite: async (dossier, ct) =>
            {
                await PendingScans.AttachAsync(db, dossier, request, ct);
                await notices.EnqueueAsync(db, dossier, DossierEventType.Received, seq: 1, payload: null, dossier.ReceivedAt, ct);
            });
        if (outcome is ReceptionOutcome.Received received && DossierForms.SlipAtReception(await forms.ProcedureOfAsync(received.Dossier, cancellationToken), received.Dossier))
        {
            await forms.IssueAfterStepAsync(received.Dossier, "01", cancellationToken);
        }

        return outcome switch
        {
            ReceptionOutcome.Received r => TypedResults.Created($"/api/v1/dossiers/{r.Dossier.Code}", await DossierResponse.LoadAsync(db, r.Dossier, withEvents: false, cancellationToken)),
            ReceptionOutcome.Replayed r => TypedResults.Ok(await DossierResponse.LoadAsync(db, r.Dossier, withEvents: false, cancellationToken)),
            ReceptionOutcome.KeyReused k => Problems.Unprocessable(
                "Idempotency-Key đã dùng cho yêu cầu khác",
                $"Khóa '{idempotencyKey}' đã dùng để tiếp nhận hồ sơ {k.First.Code} với nội dung khác; hãy dùng khóa mới cho hồ sơ mới.",
                new Dictionary<string, object?> { ["dossierCode"] = k.First.Code }),
            ReceptionOutcome.Invalid i => Problems.Invalid(i.Errors.ToDictionary(), "Hồ sơ chưa được tiếp nhận; không có mã hồ sơ nào được cấp."),
            ReceptionOutcome.Refused r => Problems.Conflict(r.Message),
            _ => throw new InvalidOperationException($"unexpected reception outcome {outcome.GetType().Name}"),
        };
    }

    /// <summary>
    /// Where the dossier is received: the body's <c>unitCode</c>, which must be one of the caller's
    /// reception units; without it the caller's only one, and a question when they have several.
    /// </summary>
    private static (string? Unit, ValidationProblem? Problem) ReceivingUnitOf(JsonElement body, List<string> desks)
    {
        var given = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("unitCode", out var value) && value.ValueKind != JsonValueKind.Null ? value : (JsonElement?)null;
        if (given is null)
        {
            return desks.Count == 1
                ? (desks[0], null)
                : (null, Problems.Invalid("unitCode", $"Bạn tiếp nhận ở nhiều đơn vị; hãy ghi unitCode là một trong: {string.Join(", ", desks)}."));
        }

        var unit = given.Value.ValueKind == JsonValueKind.String ? given.Value.GetString()!.Trim() : null;
        return unit is not null && desks.Contains(unit)
            ? (unit, null)
            : (null, Problems.Invalid("unitCode", $"unitCode phải là đơn vị bạn tiếp nhận hồ sơ: {string.Join(", ", desks)}; không phải '{given.Value}'."));
    }
}
