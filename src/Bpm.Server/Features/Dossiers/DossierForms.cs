using System.Globalization;
using System.Text.Json;
using Bpm.Documents;
using Bpm.Documents.Signing;
using Bpm.Dossiers.Catalog;
using Bpm.Dossiers.Dossiers;
using Bpm.Engine.Calendar;
using Bpm.Organisation;
using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Features.Dossiers;

/// <summary>
/// The official forms of a dossier (Circular 01/2018/TT-VPCP, forms 01–05), built from the dossier,
/// its events and the catalogue, issued through <see cref="FormIssuer"/> (rendered, signed, kept).
/// Forms 01–04 are issued once and printed again exactly as issued, so that a paper in the
/// applicant's hands verifies; form 05 is built from the tasks each time it is asked for.
/// </summary>
public sealed class DossierForms(BpmDbContext db, OrganisationDbContext organisation, ProcedureCatalog catalog, FormIssuer issuer, IIssuedDocumentStore store, ILogger<DossierForms> logger)
{
    /// <summary>The forms of one dossier; 06, the tracking book, belongs to a unit and a period.</summary>
    public static IReadOnlyList<string> DossierFormNumbers { get; } = ["01", "02", "03", "04", "05"];

    /// <summary>The form as issued, or why it cannot be issued yet (the dossier has not reached the step that gives it).</summary>
    public sealed record Issue(IssuedDocument? Document, string? NotYet);

    public async Task<Issue> GetAsync(DossierRecord dossier, string form, CancellationToken cancellationToken)
    {
        if (form != "05" && await store.FindLatestAsync(dossier.Code, form, cancellationToken) is { } issued)
        {
            return new Issue(issued, null);
        }

        var events = await db.DossierEvents.AsNoTracking().Where(e => e.DossierCode == dossier.Code).OrderBy(e => e.Seq).ToListAsync(cancellationToken);
        var procedure = await catalog.FindAsync(dossier.ProcedureCode, cancellationToken);
        var agency = await AgencyAsync(dossier.ReceivingUnit, cancellationToken);
        var (model, notYet) = form switch
        {
            "01" => (await ReceiptSlipAsync(dossier, procedure, agency, cancellationToken), null),
            "02" => await FromEventAsync(events, DossierEventType.SupplementRequested, $"Hồ sơ {dossier.Code} chưa có yêu cầu bổ sung, nên chưa có Phiếu yêu cầu bổ sung (mẫu 02).",
                e => SupplementRequestAsync(dossier, procedure, agency, e, cancellationToken)),
            "03" => await FromEventAsync(events, DossierEventType.Refused, $"Hồ sơ {dossier.Code} không bị từ chối, nên không có Phiếu từ chối (mẫu 03).",
                e => RefusalNoticeAsync(dossier, procedure, agency, e, cancellationToken)),
            "04" => await FromEventAsync(events, DossierEventType.Apologised, $"Hồ sơ {dossier.Code} chưa có văn bản xin lỗi (POST /api/v1/dossiers/{dossier.Code}/apology), nên chưa có Phiếu xin lỗi (mẫu 04).",
                e => ApologyLetterAsync(dossier, procedure, agency, e, cancellationToken)),
            "05" => ((IFormModel)await ControlSlipAsync(dossier, cancellationToken), null),
            _ => throw new ArgumentOutOfRangeException(nameof(form), form, "not a dossier form"),
        };

        return model is null ? new Issue(null, notYet) : new Issue(await issuer.IssueAsync(form, model, dossier.ReceivingUnit, cancellationToken), null);
    }

    /// <summary>
    /// Issues a form right after the step that gives it (reception, supplement request, refusal,
    /// apology), once the step is committed. A template or certificate failure must not undo the
    /// step: it is logged, and the form is issued when it is first asked for.
    /// </summary>
    public async Task IssueAfterStepAsync(DossierRecord dossier, string form, CancellationToken cancellationToken)
    {
        try
        {
            await GetAsync(dossier, form, cancellationToken);
        }
        catch (Exception e) when (e is DocumentException or SigningException)
        {
            logger.LogWarning(e, "Form {Form} of dossier {Code} was not issued after its step; it is issued when asked for", form, dossier.Code);
        }
    }

    /// <summary>
    /// Same-day procedures need no receipt slip unless asked for (Decree 61/2018 art. 17); one
    /// received after 15:00, which is then done the next working day, gets its appointment slip.
    /// </summary>
    public static bool SlipAtReception(Procedure? procedure, DossierRecord dossier) =>
        procedure?.TimeLimit is not { SameDay: true } || TimeOnly.FromTimeSpan(VietnamTime(dossier.ReceivedAt).TimeOfDay) >= SameDayCutOff;

    /// <summary>The hour after which a same-day dossier is done the next working day (the catalogue's and the calendar's default cut-off).</summary>
    public static readonly TimeOnly SameDayCutOff = new(15, 0);

    public Task<Procedure?> ProcedureOfAsync(DossierRecord dossier, CancellationToken cancellationToken) => catalog.FindAsync(dossier.ProcedureCode, cancellationToken);

    /// <summary>The agency block of a form: the unit and the unit above it, from the organisation tree.</summary>
    public async Task<Agency> AgencyAsync(string unitCode, CancellationToken cancellationToken)
    {
        var unit = await organisation.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == unitCode, cancellationToken);
        var parent = unit?.ParentCode is { } code ? await organisation.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == code, cancellationToken) : null;
        return new Agency(parent?.Name ?? "", unit?.Name ?? unitCode, "");
    }

    public static DateOnly VietnamDate(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(VietnameseWorkingCalendar.UtcOffset).DateTime);

    public static DateTimeOffset VietnamTime(DateTimeOffset at) => at.ToOffset(VietnameseWorkingCalendar.UtcOffset);

    public static string ApplicantOf(DossierRecord d) => d.ApplicantKind == "organisation" && !string.IsNullOrWhiteSpace(d.OrganisationName) ? d.OrganisationName! : d.ApplicantName;

    private static async Task<(IFormModel? Model, string? NotYet)> FromEventAsync(List<DossierEventRecord> events, string type, string notYet, Func<DossierEventRecord, Task<IFormModel>> build) =>
        events.LastOrDefault(e => e.Type == type) is { } found ? (await build(found), null) : (null, notYet);

    private async Task<IFormModel> ReceiptSlipAsync(DossierRecord d, Procedure? procedure, Agency agency, CancellationToken cancellationToken)
    {
        var received = JsonSerializer.Deserialize<List<PaperCount>>(d.Papers, JsonSerializerOptions.Web) ?? [];
        var papers = received.Where(p => p.Count > 0).Select(p => procedure?.Papers.FirstOrDefault(c => c.Id == p.Id) is { } paper
            ? new ReceivedPaper(paper.Name, Capitalised(PaperForms.Words(p.Form) ?? PaperForms.Words(paper.Form)), p.Count)
            : new ReceivedPaper(p.Id, "", p.Count)).ToList();
        return new ReceiptSlip(
            agency,
            d.Code,
            ApplicantOf(d),
            d.Address ?? "",
            d.Phone ?? "",
            d.Email ?? "",
            procedure?.Name ?? d.ProcedureCode,
            papers,
            1,
            TimeLimitText(procedure?.TimeLimit),
            VietnamTime(d.ReceivedAt),
            VietnamTime(d.DueAt ?? d.ReceivedAt),
            d.ResultDelivery == Channels.Post ? "Qua dịch vụ bưu chính công ích" : "Tại Bộ phận Một cửa",
            await OfficerAsync(d.ReceivedBy, cancellationToken));
    }

    private async Task<IFormModel> SupplementRequestAsync(DossierRecord d, Procedure? procedure, Agency agency, DossierEventRecord e, CancellationToken cancellationToken)
    {
        var payload = JsonDocument.Parse(e.Payload!).RootElement;
        var items = payload.GetProperty("papers").EnumerateArray().Select(p =>
        {
            var id = p.GetProperty("id").GetString()!;
            // The guide says in which form to bring each paper, as the catalogue asks it.
            return new SupplementItem(procedure?.Papers.FirstOrDefault(c => c.Id == id) is { } paper ? WithForm(paper) : id, p.GetProperty("reason").GetString() ?? "");
        }).ToList();
        var deadline = payload.TryGetProperty("deadline", out var at) && at.ValueKind == JsonValueKind.String
            ? DateOnly.ParseExact(at.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : VietnamDate(e.At);
        return new SupplementRequest(agency, d.Code, ApplicantOf(d), procedure?.Name ?? d.ProcedureCode, VietnamTime(d.ReceivedAt), items, deadline, await OfficerAsync(e.Actor, cancellationToken), await PhoneAsync(e.Actor, cancellationToken), VietnamDate(e.At));
    }

    /// <summary>
    /// Form 02 given at the desk instead of receiving (Decree 61/2018 art. 17): the required
    /// papers not handed in, each with the form to bring. Nothing is received, so the form has no
    /// code, reception time or deadline; the issued document (signed and kept) is the record of it.
    /// </summary>
    public async Task<IssuedDocument> SupplementGuideAtDeskAsync(string unit, Procedure procedure, string applicant, IReadOnlyList<Paper> missing, string officer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var items = missing.Select(p => new SupplementItem(WithForm(p), p.DigitisedResultReplaces ? "Giấy tờ bắt buộc chưa nộp (trừ khi đã có bản điện tử)" : "Giấy tờ bắt buộc chưa nộp")).ToList();
        var model = new SupplementRequest(await AgencyAsync(unit, cancellationToken), "", applicant, procedure.Name, null, items, null,
            await OfficerAsync(officer, cancellationToken), await PhoneAsync(officer, cancellationToken), VietnamDate(now));
        return await issuer.IssueAsync("02", model, unit, cancellationToken);
    }

    /// <summary>Form 03 given at the desk instead of receiving (Decree 61/2018 art. 17), with the officer's reason; the issued document is the record.</summary>
    public async Task<IssuedDocument> RefusalAtDeskAsync(string unit, Procedure procedure, string applicant, string reason, string officer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var model = new RefusalNotice(await AgencyAsync(unit, cancellationToken), applicant, procedure.Name, [reason], await OfficerAsync(officer, cancellationToken), VietnamDate(now));
        return await issuer.IssueAsync("03", model, unit, cancellationToken);
    }

    private static string WithForm(Paper paper) => $"{paper.Name} ({PaperForms.Words(paper.Form)})";

    private async Task<IFormModel> RefusalNoticeAsync(DossierRecord d, Procedure? procedure, Agency agency, DossierEventRecord e, CancellationToken cancellationToken)
    {
        var reasons = JsonDocument.Parse(e.Payload!).RootElement.GetProperty("reasons").EnumerateArray().Select(r => r.GetString() ?? "").ToList();
        return new RefusalNotice(agency, ApplicantOf(d), procedure?.Name ?? d.ProcedureCode, reasons, await OfficerAsync(e.Actor, cancellationToken), VietnamDate(e.At)) { DossierCode = d.Code };
    }

    private async Task<IFormModel> ApologyLetterAsync(DossierRecord d, Procedure? procedure, Agency agency, DossierEventRecord e, CancellationToken cancellationToken)
    {
        var payload = JsonDocument.Parse(e.Payload!).RootElement;
        string Text(string name) => payload.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
        return new ApologyLetter(
            agency,
            Text("number"),
            "Ông/Bà " + ApplicantOf(d),
            VietnamDate(d.ReceivedAt),
            d.Code,
            procedure?.Name ?? d.ProcedureCode,
            VietnamDate(payload.GetProperty("originalDueAt").GetDateTimeOffset()),
            Text("reason"),
            VietnamDate(payload.GetProperty("newDueAt").GetDateTimeOffset()),
            await OfficerAsync(e.Actor, cancellationToken),
            Text("signerTitle"),
            VietnamDate(e.At));
    }

    /// <summary>
    /// One row per hand-over between units, read from the instance's tasks in order: a task of one
    /// unit completed and the next task opened at another. Due is the handing task's own due date,
    /// else the dossier's; who received is the next task's assignee (blank until someone claims it).
    /// </summary>
    /// <remarks>Read without issuing by the dossier page, which shows it live; issued only when printed.</remarks>
    public async Task<ControlSlip> ControlSlipAsync(DossierRecord d, CancellationToken cancellationToken)
    {
        var agency = await AgencyAsync(d.ReceivingUnit, cancellationToken);
        var instance = await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.InstanceId == d.InstanceId, cancellationToken);
        var tasks = (await db.Tasks.AsNoTracking().Where(t => t.InstanceId == d.InstanceId && t.Unit != null && t.Status != TaskRecord.Cancelled).ToListAsync(cancellationToken))
            .OrderBy(t => t.CreatedAt).ThenBy(t => t.TaskId, StringComparer.Ordinal).ToList();
        var units = await UnitNamesAsync(tasks.Select(t => t.Unit!).Append(d.ReceivingUnit), cancellationToken);
        var handovers = new List<Handover>();
        for (var i = 0; i + 1 < tasks.Count; i++)
        {
            var (from, to) = (tasks[i], tasks[i + 1]);
            if (from.Unit == to.Unit || from.CompletedAt is not { } handedAt)
            {
                continue;
            }

            var due = from.DueAt ?? instance?.DueAt ?? d.DueAt ?? handedAt;
            handovers.Add(Handover.Timed(
                units[from.Unit!], units[to.Unit!], await OfficerAsync(from.CompletedBy, cancellationToken), await OfficerAsync(to.Assignee, cancellationToken),
                VietnamTime(handedAt), VietnamTime(to.CreatedAt), VietnamTime(due)));
        }

        var deciding = tasks.Select(t => t.Unit!).FirstOrDefault(u => u != d.ReceivingUnit);
        return new ControlSlip(agency, d.Code, deciding is null ? units[d.ReceivingUnit] : units[deciding], "", handovers);
    }

    public async Task<Dictionary<string, string>> UnitNamesAsync(IEnumerable<string> codes, CancellationToken cancellationToken)
    {
        var wanted = codes.Distinct().ToList();
        var names = await organisation.Units.AsNoTracking().Where(u => wanted.Contains(u.Code)).ToDictionaryAsync(u => u.Code, u => u.Name, cancellationToken);
        return wanted.ToDictionary(c => c, c => names.GetValueOrDefault(c, c));
    }

    /// <summary>The officer's display name from the organisation, else the user name as recorded; empty for nobody (a line to write on).</summary>
    private async Task<string> OfficerAsync(string? userName, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(userName))
        {
            return "";
        }

        var name = await organisation.Users.AsNoTracking().Where(u => u.UserName == userName).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        return string.IsNullOrWhiteSpace(name) ? userName : name;
    }

    private async Task<string> PhoneAsync(string userName, CancellationToken cancellationToken) =>
        await organisation.Users.AsNoTracking().Where(u => u.UserName == userName).Select(u => u.PhoneNumber).FirstOrDefaultAsync(cancellationToken) ?? "";

    private static string Capitalised(string words) => char.ToUpperInvariant(words[0]) + words[1..];

    private static string TimeLimitText(TimeLimit? limit) => limit switch
    {
        null => "Theo quy định của thủ tục",
        { SameDay: true } => "Trong ngày tiếp nhận (nhận sau 15 giờ: ngày làm việc tiếp theo)",
        _ => LegalTimeLimit.Words(limit),
    };
}
