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
    public static DossierResponse From(DossierRecord d, InstanceRecord? instance, TaskRecord? openTask, DateTimeOffset since, IReadOnlyList<DossierEventRecord>? events = null) => new(
        d.Code,
        d.Status,
        DossierStatus.Label(d.Status),
        d.ProcedureCode,
        d.ReceivingUnit,
        d.InstanceId,
        d.ReceivedAt,
        d.ReceivedBy,
        instance?.DueAt ?? d.DueAt,
        new ApplicantResponse(d.ApplicantKind, d.ApplicantName, d.IdentityNumber, d.Phone, d.Email, d.Address, d.OrganisationName, d.TaxCode, NoticeChannels.Parse(d.NotifyBy)),
        JsonSerializer.Deserialize<List<PaperCount>>(d.Papers, JsonSerializerOptions.Web) ?? [],
        d.Channel,
        d.ResultDelivery,
        d.Notes,
        openTask is { Unit: { } unit } ? new HolderResponse(unit, openTask.Name, openTask.CreatedAt) : new HolderResponse(d.ReceivingUnit, null, since),
        d.ClosedAt,
        d.Evaluation,
        events?.Select(e => new DossierEventResponse(e.Seq, e.Type, e.Status, e.At, e.Actor, e.JournalSeq, e.Payload is null ? null : JsonDocument.Parse(e.Payload).RootElement.Clone())).ToList());

    /// <summary>The dossier with its instance, the open task that holds it, and (when asked) its events.</summary>
    public static async Task<DossierResponse> LoadAsync(BpmDbContext db, DossierRecord d, bool withEvents, CancellationToken cancellationToken)
    {
        var instance = await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.InstanceId == d.InstanceId, cancellationToken);
        var open = await db.Tasks.AsNoTracking().Where(t => t.InstanceId == d.InstanceId && t.Status == TaskRecord.Open).OrderBy(t => t.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        var events = await db.DossierEvents.AsNoTracking().Where(e => e.DossierCode == d.Code).OrderBy(e => e.Seq).ToListAsync(cancellationToken);
        var response = From(d, instance, open, events.Count > 0 ? events[^1].At : d.ReceivedAt, withEvents ? events : null);
        return withEvents ? response with { Handoffs = await HandoffResponse.LoadAsync(db, d.Code, cancellationToken) } : response;
    }
}

public sealed record ApplicantResponse(string Kind, string FullName, string IdentityNumber, string? Phone, string? Email, string? Address, string? OrganisationName, string? TaxCode, IReadOnlyList<string>? NotifyBy);

/// <summary>A paper handed in, by catalogue id; <see cref="Files"/> are its uploaded scans (only in answers).</summary>
/// <param name="Form">The form handed in (<c>original</c>, <c>copy</c>, <c>certifiedCopy</c>; <c>originalOrCopy</c> when the catalogue allows either and the desk did not say); null on dossiers received before it was recorded.</param>
public sealed record PaperCount(string Id, int Count, IReadOnlyList<DossierPapers.PaperFile>? Files = null, string? Form = null);

/// <summary>Which unit holds the dossier now (the open task's unit, else the receiving unit) and since when.</summary>
public sealed record HolderResponse(string Unit, string? Step, DateTimeOffset Since);

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
