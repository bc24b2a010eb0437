using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bpm.Dossiers.Catalog;
using Bpm.Dossiers.Codes;
using Bpm.Dossiers.Dossiers;
using Bpm.Persistence;
using Bpm.Server.Hosting;
using Bpm.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Engine = Bpm.Engine;

namespace Bpm.Server.Features.Dossiers;

/// <summary>
/// Reception (Decree 61/2018/NĐ-CP art. 16–17): check the dossier, issue its code, store it and
/// start its process instance, all in one transaction, so a reception that fails at any step
/// leaves no dossier, no instance and no consumed number.
/// </summary>
public static class ReceiveDossier
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static async Task<Results<Created<DossierResponse>, Ok<DossierResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        [FromBody] JsonElement body,
        [FromHeader(Name = IdempotencyHeader)] string? idempotencyKey,
        BpmDbContext db,
        CommandExecutor executor,
        ProcedureCatalog catalog,
        ReceivingUnits units,
        CallerAccessor callers,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var caller = await callers.GetAsync(cancellationToken);
        var unit = caller.Memberships.FirstOrDefault(m => string.Equals(m.Role, "reception", StringComparison.OrdinalIgnoreCase))?.UnitCode;
        if (unit is null)
        {
            return Problems.Forbidden("Chỉ cán bộ tiếp nhận của bộ phận một cửa mới tiếp nhận hồ sơ.");
        }

        if (idempotencyKey is { Length: > 100 })
        {
            return Problems.Invalid(IdempotencyHeader, "Idempotency-Key tối đa 100 ký tự.");
        }

        var requestHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body.GetRawText())));
        if (idempotencyKey is not null && await ReplayAsync(db, unit, idempotencyKey, requestHash, cancellationToken) is { } replay)
        {
            return replay;
        }

        var json = new ReceptionJson();
        var request = json.Read(body);
        var now = time.GetUtcNow();
        var procedure = string.IsNullOrWhiteSpace(request.ProcedureCode) ? null : await catalog.FindAsync(request.ProcedureCode, cancellationToken);
        var errors = ReceptionRules.Check(request, procedure, unit, DossierCode.ReceiptDateOf(now));
        foreach (var (field, messages) in json.Errors)
        {
            errors[field] = messages;
        }

        string? definitionId = null;
        if (procedure is not null && !errors.ContainsKey("procedureCode"))
        {
            definitionId = await ProcedureProcesses.FindAsync(db, procedure.Code, unit, cancellationToken);
            if (definitionId is null)
            {
                errors["procedureCode"] = [$"Thủ tục {procedure.Code} chưa có quy trình nội bộ được ban hành (bpm:procedureCode)."];
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors, "Hồ sơ chưa được tiếp nhận; không có mã hồ sơ nào được cấp.");
        }

        if (units.IdentifierOf(unit) is not { } identifier)
        {
            return Problems.Conflict($"Đơn vị {unit} chưa có mã định danh (Bpm:Dossiers:UnitIdentifiers), nên chưa cấp được mã hồ sơ.");
        }

        return await ReceiveAsync(db, executor, request, procedure!, definitionId!, unit, identifier, caller.UserName, idempotencyKey, requestHash, now, cancellationToken);
    }

    private static async Task<Results<Created<DossierResponse>, Ok<DossierResponse>, ValidationProblem, ProblemHttpResult>> ReceiveAsync(
        BpmDbContext db, CommandExecutor executor, ReceptionRequest request, Procedure procedure, string definitionId, string unit, UnitIdentifier identifier,
        string actor, string? idempotencyKey, string requestHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            return await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var code = (await new DossierCodeGenerator(db).NextAsync(identifier, now, cancellationToken)).ToString();
                var instanceId = Guid.CreateVersion7(now).ToString("N");
                var applicant = request.Applicant!;
                db.Dossiers.Add(new DossierRecord
                {
                    Code = code,
                    ProcedureCode = procedure.Code,
                    ReceivingUnit = unit,
                    InstanceId = instanceId,
                    Status = DossierStatus.Received,
                    ApplicantKind = applicant.Kind!,
                    ApplicantName = applicant.FullName!,
                    IdentityNumber = applicant.IdentityNumber!,
                    Phone = string.IsNullOrWhiteSpace(applicant.Phone) ? null : ContactChecks.NormalisePhone(applicant.Phone),
                    Email = NullIfBlank(applicant.Email),
                    Address = NullIfBlank(applicant.Address),
                    OrganisationName = applicant.Kind == "organisation" ? applicant.OrganisationName : null,
                    TaxCode = applicant.Kind == "organisation" ? applicant.TaxCode : null,
                    Papers = JsonSerializer.Serialize(request.Papers!.Select(p => new PaperCount(p.Id!, p.Count!.Value)), JsonSerializerOptions.Web),
                    Channel = request.Channel!,
                    ResultDelivery = request.ResultDelivery ?? Channels.Desk,
                    Notes = NullIfBlank(request.Notes),
                    ReceivedBy = actor,
                    ReceivedAt = now,
                    IdempotencyKey = idempotencyKey,
                    RequestHash = idempotencyKey is null ? null : requestHash,
                });
                await db.SaveChangesAsync(cancellationToken);

                var variables = new Dictionary<string, JsonElement>
                {
                    ["dossierCode"] = JsonSerializer.SerializeToElement(code),
                    ["procedureCode"] = JsonSerializer.SerializeToElement(procedure.Code),
                    ["applicantName"] = JsonSerializer.SerializeToElement(applicant.FullName),
                    ["channel"] = JsonSerializer.SerializeToElement(request.Channel),
                };
                var started = await executor.StartAsync(definitionId, null, new Engine.StartInstance(instanceId, code, variables) { Actor = actor }, cancellationToken);
                if (!started.Applied)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    return (Results<Created<DossierResponse>, Ok<DossierResponse>, ValidationProblem, ProblemHttpResult>)Problems.Conflict(
                        $"Không bắt đầu được quy trình '{definitionId}' cho hồ sơ: {started.Rejection!.Message}. Hồ sơ chưa được tiếp nhận.");
                }

                var dossier = await db.Dossiers.FirstAsync(d => d.Code == code, cancellationToken);
                var instance = await db.Instances.AsNoTracking().FirstAsync(i => i.InstanceId == instanceId, cancellationToken);
                dossier.DueAt = instance.DueAt;
                await DossierEvents.AppendAsync(db, dossier, DossierEventType.Received, actor, now, new { procedure = procedure.Code, definitionId, channel = request.Channel }, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return TypedResults.Created($"/api/v1/dossiers/{code}", await DossierResponse.LoadAsync(db, dossier, withEvents: false, cancellationToken));
            });
        }
        catch (DbUpdateException e) when (idempotencyKey is not null)
        {
            // A concurrent retry with the same key committed first: the unique key index refused this one.
            return await ReplayAsync(db, unit, idempotencyKey, requestHash, cancellationToken) ?? throw new InvalidOperationException($"reception with Idempotency-Key '{idempotencyKey}' failed and left no dossier", e);
        }
    }

    private static async Task<Results<Created<DossierResponse>, Ok<DossierResponse>, ValidationProblem, ProblemHttpResult>?> ReplayAsync(
        BpmDbContext db, string unit, string key, string requestHash, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var first = await db.Dossiers.AsNoTracking().FirstOrDefaultAsync(d => d.ReceivingUnit == unit && d.IdempotencyKey == key, cancellationToken);
        if (first is null)
        {
            return null;
        }

        return first.RequestHash == requestHash
            ? TypedResults.Ok(await DossierResponse.LoadAsync(db, first, withEvents: false, cancellationToken))
            : Problems.Unprocessable(
                "Idempotency-Key đã dùng cho yêu cầu khác",
                $"Khóa '{key}' đã dùng để tiếp nhận hồ sơ {first.Code} với nội dung khác; hãy dùng khóa mới cho hồ sơ mới.",
                new Dictionary<string, object?> { ["dossierCode"] = first.Code });
    }

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
