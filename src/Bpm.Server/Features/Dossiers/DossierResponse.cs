using System.Text.Json;
using Bpm.Dossiers.Dossiers;
using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Features.Dossiers;

/// <summary>A dossier as the API answers it; <see cref="Events"/> and <see cref="Handoffs"/> only on the single-dossier read.</summary>
public sealed record DossierResponse(
    string Code,
    string Status,
    string StatusLabel,
    string ProcedureCode,
    string ReceivingUnit,
    string InstanceId,
    DateTimeOffset ReceivedAt,
    string ReceivedBy,
    DateTimeOffset? DueAt,
    ApplicantResponse Applicant,
    IReadOnlyList<PaperCount> Papers,
    string Channel,
    string ResultDelivery,
    string? Notes,
    HolderResponse Holder,
    DateTimeOffset? ClosedAt,
    string? Evaluation,
    IReadOnlyList<DossierEventResponse>? Events,
    IReadOnlyList<HandoffResponse>? Handoffs = null)
{
    /// <param name="holder">The open task that holds the dossier (<see cref="HolderResponse.Of"/>); null when none does, and then the receiving unit holds it since <paramref name="since"/>.</param>
    public static DossierResponse From(DossierRecord d, DateTimeOffset? instanceDueAt, HolderResponse? holder, DateTimeOffset since, IReadOnlyList<DossierEventRecord>? events = null) => new(
        d.Code,
        d.Status,
        DossierStatus.Label(d.Status),
        d.ProcedureCode,
        d.ReceivingUnit,
        d.InstanceId,
        d.ReceivedAt,
        d.ReceivedBy,
        instanceDueAt ?? d.DueAt,
        new ApplicantResponse(d.ApplicantKind, d.ApplicantName, d.IdentityNumber, d.Phone, d.Email, d.Address, d.OrganisationName, d.TaxCode, NoticeChannels.Parse(d.NotifyBy)),
        JsonSerializer.Deserialize<List<PaperCount>>(d.Papers, JsonSerializerOptions.Web) ?? [],
        d.Channel,
        d.ResultDelivery,
        d.Notes,
        holder ?? new HolderResponse(d.ReceivingUnit, null, since),
        d.ClosedAt,
        d.Evaluation,
        events?.Select(e => new DossierEventResponse(e.Seq, e.Type, e.Status, e.At, e.Actor, e.JournalSeq, e.Payload is null ? null : JsonDocument.Parse(e.Payload).RootElement.Clone())).ToList());

    /// <summary>The answer for a dossier already read (just received, or changed by a step): it exists, so the load finds it.</summary>
    public static async Task<DossierResponse> LoadAsync(BpmDbContext db, DossierRecord dossier, bool withEvents, CancellationToken cancellationToken) =>
        await LoadAsync(db, db.Dossiers.AsNoTracking().Where(d => d.Code == dossier.Code), withEvents, cancellationToken)
        ?? throw new InvalidOperationException($"Dossier {dossier.Code} was read but is no longer there.");

    /// <summary>
    /// The dossier <paramref name="selected"/> picks (null when it picks none), with its instance's due
    /// date, the open task that holds it and its events, in one query; its handoffs in a second, only
    /// when it has any (<paramref name="withEvents"/>).
    /// </summary>
    public static async Task<DossierResponse?> LoadAsync(BpmDbContext db, IQueryable<DossierRecord> selected, bool withEvents, CancellationToken cancellationToken)
    {
        // The holder is the first open task by creation; three scalar subqueries of the same order
        // (the instance's few task rows, by its key) where one row subquery would need APPLY, which SQLite lacks.
        var row = await selected
            .Select(d => new
            {
                Dossier = d,
                InstanceDueAt = db.Instances.Where(i => i.InstanceId == d.InstanceId).Select(i => i.DueAt).FirstOrDefault(),
                HolderUnit = db.Tasks.Where(t => t.InstanceId == d.InstanceId && t.Status == TaskRecord.Open)
                    .OrderBy(t => t.CreatedAt).ThenBy(t => t.TaskId).Select(t => t.Unit).FirstOrDefault(),
                HolderStep = db.Tasks.Where(t => t.InstanceId == d.InstanceId && t.Status == TaskRecord.Open)
                    .OrderBy(t => t.CreatedAt).ThenBy(t => t.TaskId).Select(t => t.Name).FirstOrDefault(),
                HolderSince = db.Tasks.Where(t => t.InstanceId == d.InstanceId && t.Status == TaskRecord.Open)
                    .OrderBy(t => t.CreatedAt).ThenBy(t => t.TaskId).Select(t => (DateTimeOffset?)t.CreatedAt).FirstOrDefault(),
                Events = db.DossierEvents.Where(e => e.DossierCode == d.Code).OrderBy(e => e.Seq).ToList(),
                HasHandoffs = withEvents && db.Handoffs.Any(h => h.DossierCode == d.Code),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var holder = row is { HolderUnit: { } unit, HolderSince: { } since } ? new HolderResponse(unit, row.HolderStep, since) : null;
        var response = From(row.Dossier, row.InstanceDueAt, holder, row.Events.Count > 0 ? row.Events[^1].At : row.Dossier.ReceivedAt, withEvents ? row.Events : null);
        return withEvents ? response with { Handoffs = row.HasHandoffs ? await HandoffResponse.LoadAsync(db, row.Dossier.Code, cancellationToken) : [] } : response;
    }
}

public sealed record ApplicantResponse(string Kind, string FullName, string IdentityNumber, string? Phone, string? Email, string? Address, string? OrganisationName, string? TaxCode, IReadOnlyList<string>? NotifyBy);

/// <summary>A paper handed in, by catalogue id; <see cref="Files"/> are its uploaded scans (only in answers).</summary>
/// <param name="Form">The form handed in (<c>original</c>, <c>copy</c>, <c>certifiedCopy</c>; <c>originalOrCopy</c> when the catalogue allows either and the desk did not say); null on dossiers received before it was recorded.</param>
public sealed record PaperCount(string Id, int Count, IReadOnlyList<DossierPapers.PaperFile>? Files = null, string? Form = null);

/// <summary>Which unit holds the dossier now (the open task's unit, else the receiving unit) and since when.</summary>
public sealed record HolderResponse(string Unit, string? Step, DateTimeOffset Since)
{
    /// <summary>The holder an open task makes (the first one by creation); null when there is none or it has no unit.</summary>
    public static HolderResponse? Of(TaskRecord? openTask) => openTask is { Unit: { } unit } ? new HolderResponse(unit, openTask.Name, openTask.CreatedAt) : null;
}

public sealed record DossierEventResponse(int Seq, string Type, string Status, DateTimeOffset At, string Actor, long? JournalSeq, JsonElement? Payload);

/// <summary>
/// One handoff of the dossier to another agency (liên thông): which agency, for which procedure,
/// its own due date and how its part was graded — so a late dossier shows which agency was late —
/// and, while it runs, the unit of that agency that holds it.
/// </summary>
public sealed record HandoffResponse(
    string Agency, string Procedure, string Step, string? InstanceId, string Status,
    DateTimeOffset StartedAt, DateTimeOffset? DueAt, DateTimeOffset? EndedAt, string? Evaluation, string? HeldBy, string? Partner)
{
    /// <summary>The engine's apology task (bpm:kind="apology") holds no work of the agency.</summary>
    private const string ApologyKind = "apology";

    public static async Task<IReadOnlyList<HandoffResponse>> LoadAsync(BpmDbContext db, string code, CancellationToken cancellationToken)
    {
        var handoffs = await db.Handoffs.AsNoTracking().Where(h => h.DossierCode == code).OrderBy(h => h.StartedAt).ThenBy(h => h.TargetAgency).ToListAsync(cancellationToken);
        var children = handoffs.Where(h => h.Status == HandoffRecord.Running).Select(h => h.ChildInstanceId).ToList();
        var held = await db.Tasks.AsNoTracking()
            .Where(t => children.Contains(t.InstanceId) && t.Status == TaskRecord.Open && t.Kind != ApologyKind)
            .Select(t => new { t.InstanceId, t.Unit, t.CreatedAt })
            .ToListAsync(cancellationToken);
        return [.. handoffs.Select(h => new HandoffResponse(
            h.TargetAgency, h.TargetProcedure, h.ParentElementId, h.ChildInstanceId, h.Status, h.StartedAt, h.DueAt, h.EndedAt, h.Evaluation,
            held.Where(t => t.InstanceId == h.ChildInstanceId).OrderBy(t => t.CreatedAt).Select(t => t.Unit).FirstOrDefault(), h.Partner))];
    }
}
