using System.Text.Json;
using Bpm.Dossiers.Catalog;
using Bpm.Dossiers.Codes;
using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;
using Engine = Bpm.Engine;

namespace Bpm.Dossiers.Dossiers;

/// <summary>
/// Reception (Decree 61/2018/NĐ-CP art. 16–17): check the dossier, issue its code, store it and
/// start its process instance in one transaction, so a reception that fails at any step leaves
/// no dossier, no instance and no consumed number. Used by the API and the command line.
/// </summary>
public sealed class DossierReception(BpmDbContext db, CommandExecutor executor, ProcedureCatalog catalog, TimeProvider time)
{
    /// <param name="inputErrors">Errors found while reading the request (wrong JSON types), reported with the rules' own.</param>
    /// <param name="identifier">The receiving unit's national identifier; null when it has none configured.</param>
    /// <param name="idempotencyKey">The client's key: a retry with it returns the first dossier.</param>
    /// <param name="requestHash">SHA-256 of the request as sent, to tell a retry from another request under the same key.</param>
    /// <param name="alsoWrite">What else the reception writes in its own transaction (the receipt notice): it adds rows to the context for the received dossier, and they commit with it or not at all.</param>
    public async Task<ReceptionOutcome> ReceiveAsync(
        ReceptionRequest request, IReadOnlyDictionary<string, string[]> inputErrors, string unit, UnitIdentifier? identifier,
        string actor, string? idempotencyKey, string requestHash, CancellationToken cancellationToken = default,
        Func<DossierRecord, CancellationToken, Task>? alsoWrite = null)
    {
        if (idempotencyKey is not null && await FirstWithKeyAsync(unit, idempotencyKey, requestHash, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        var now = time.GetUtcNow();
        var procedure = string.IsNullOrWhiteSpace(request.ProcedureCode) ? null : await catalog.FindAsync(request.ProcedureCode, cancellationToken);
        var errors = ReceptionRules.Check(request, procedure, unit, DossierCode.ReceiptDateOf(now));
        foreach (var (field, messages) in inputErrors)
        {
            errors[field] = messages;
        }

        string? definitionId = null;
        var routing = procedure is null ? null : ReceptionRouting.Decide(procedure, unit, request.CompetentAgency, DossierCode.ReceiptDateOf(now), out _);
        if (procedure is not null && routing is not null && !errors.ContainsKey("procedureCode"))
        {
            definitionId = routing.Routed
                ? await ProcedureProcesses.FindAtAgencyAsync(db, procedure.Code, routing.Agency, cancellationToken)
                : await ProcedureProcesses.FindAsync(db, procedure.Code, unit, cancellationToken);
            if (definitionId is null)
            {
                errors[routing.Routed ? "competentAgency" : "procedureCode"] = [routing.Routed
                    ? $"Cơ quan {routing.Agency} chưa có quy trình nội bộ được ban hành cho thủ tục {procedure.Code} (bpm:procedureCode, bpm:decidingUnit)."
                    : $"Thủ tục {procedure.Code} chưa có quy trình nội bộ được ban hành (bpm:procedureCode)."];
            }
        }

        if (errors.Count > 0)
        {
            return new ReceptionOutcome.Invalid(errors);
        }

        if (identifier is null)
        {
            return new ReceptionOutcome.Refused($"Đơn vị {unit} chưa có mã định danh trong cây tổ chức (theo Thông tư 10/2016/TT-BTTTT), nên chưa cấp được mã hồ sơ.");
        }

        try
        {
            return await StoreAndStartAsync(request, procedure!, definitionId!, routing!, unit, identifier, actor, idempotencyKey, requestHash, now, alsoWrite, cancellationToken);
        }
        catch (DbUpdateException e) when (idempotencyKey is not null)
        {
            // A concurrent retry with the same key committed first: the unique key index refused this one.
            return await FirstWithKeyAsync(unit, idempotencyKey, requestHash, cancellationToken)
                ?? throw new InvalidOperationException($"reception with Idempotency-Key '{idempotencyKey}' failed and left no dossier", e);
        }
    }

    private async Task<ReceptionOutcome> StoreAndStartAsync(
        ReceptionRequest request, Procedure procedure, string definitionId, ReceptionRouting.Decision routing, string unit, UnitIdentifier identifier,
        string actor, string? idempotencyKey, string requestHash, DateTimeOffset now, Func<DossierRecord, CancellationToken, Task>? alsoWrite, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();

        // A caller's open transaction (the province simulator's batch of steps) is joined, not nested, as
        // CommandExecutor joins it: the caller commits, and rolls back what a refused start left.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var code = (await new DossierCodeGenerator(db).NextAsync(identifier, now, cancellationToken)).ToString();
        var instanceId = Guid.CreateVersion7(now).ToString("N");
        var applicant = request.Applicant!;
        var dossier = new DossierRecord
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
            NotifyBy = NoticeChannels.Stored(applicant.NotifyBy),
            Address = NullIfBlank(applicant.Address),
            OrganisationName = applicant.Kind == "organisation" ? applicant.OrganisationName : null,
            TaxCode = applicant.Kind == "organisation" ? applicant.TaxCode : null,
            Papers = JsonSerializer.Serialize(Handed(request, procedure), JsonSerializerOptions.Web),
            Channel = request.Channel!,
            ResultDelivery = request.ResultDelivery ?? Channels.Desk,
            Notes = NullIfBlank(request.Notes),
            ReceivedBy = actor,
            ReceivedAt = now,
            IdempotencyKey = idempotencyKey,
            RequestHash = idempotencyKey is null ? null : requestHash,
        };
        db.Dossiers.Add(dossier);
        await db.SaveChangesAsync(cancellationToken);

        var variables = new Dictionary<string, JsonElement>
        {
            ["dossierCode"] = JsonSerializer.SerializeToElement(code),
            ["procedureCode"] = JsonSerializer.SerializeToElement(procedure.Code),
            ["applicantName"] = JsonSerializer.SerializeToElement(applicant.FullName),
            ["channel"] = JsonSerializer.SerializeToElement(request.Channel),
            ["receivingUnit"] = JsonSerializer.SerializeToElement(unit),
        };
        var started = await executor.StartAsync(definitionId, null, new Engine.StartInstance(instanceId, code, variables, LegalTimeLimit.Of(procedure.TimeLimit, executor.EngineOptions.Calendar, now)) { Actor = actor }, cancellationToken);
        if (!started.Applied)
        {
            if (transaction is not null)
            {
                await transaction.RollbackAsync(cancellationToken);
            }

            return new ReceptionOutcome.Refused($"Không bắt đầu được quy trình '{definitionId}' cho hồ sơ: {started.Rejection!.Message}. Hồ sơ chưa được tiếp nhận.");
        }

        // The executor cleared the change tracker: the stored dossier is attached again and given the engine's
        // due date (counted from the catalogue's time limit, else the definition's) as the instance row holds it.
        // Nothing is read back: the new instance's last journal number and state are in the start's result.
        db.Dossiers.Attach(dossier);
        dossier.DueAt = started.State!.DueAt?.ToUniversalTime();
        var journalSeq = started.Events.Count > 0 ? started.Events[^1].Seq : (long?)null;
        var position = new DossierEventPosition(0, null, journalSeq, started.State.LateWithoutApology);
        await DossierEvents.AppendAsync(db, dossier, position, DossierEventType.Received, actor, now, new { procedure = procedure.Code, definitionId, channel = request.Channel, competentAgency = routing.Routed ? routing.Agency : null, papers = Handed(request, procedure) }, cancellationToken);
        if (alsoWrite is not null)
        {
            await alsoWrite(dossier, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return new ReceptionOutcome.Received(dossier) { JournalSeq = journalSeq };
    }

    private async Task<ReceptionOutcome?> FirstWithKeyAsync(string unit, string key, string requestHash, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var first = await db.Dossiers.AsNoTracking().FirstOrDefaultAsync(d => d.ReceivingUnit == unit && d.IdempotencyKey == key, cancellationToken);
        return first is null ? null
            : first.RequestHash == requestHash ? new ReceptionOutcome.Replayed(first)
            : new ReceptionOutcome.KeyReused(first);
    }

    /// <summary>The papers as stored and journaled: id, count and the form handed in (the catalogue's when the request named none).</summary>
    private static List<HandedPaper> Handed(ReceptionRequest request, Procedure procedure) =>
        [.. request.Papers!.Select(p => new HandedPaper(p.Id!, p.Count ?? 1, p.Form ?? PaperForms.Default(procedure.Papers.First(c => c.Id == p.Id).Form)))];

    private sealed record HandedPaper(string Id, int Count, string Form);

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}

/// <summary>How a reception ended.</summary>
public abstract record ReceptionOutcome
{
    /// <summary>Received now: a new code, dossier and instance.</summary>
    public sealed record Received(DossierRecord Dossier) : ReceptionOutcome
    {
        /// <summary>The new instance's last journal number, which the dossier's first event points at.</summary>
        public long? JournalSeq { get; init; }
    }

    /// <summary>A retry of an earlier reception with the same key and body: that dossier.</summary>
    public sealed record Replayed(DossierRecord Dossier) : ReceptionOutcome;

    /// <summary>The key was used before for another body; nothing received.</summary>
    public sealed record KeyReused(DossierRecord First) : ReceptionOutcome;

    /// <summary>Bad input, by field; nothing received, no number consumed.</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : ReceptionOutcome;

    /// <summary>The input was fine but the unit or the process could not take it; nothing received.</summary>
    public sealed record Refused(string Message) : ReceptionOutcome;
}
