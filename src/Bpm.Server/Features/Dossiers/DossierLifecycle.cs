using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using Bpm.Dossiers.Dossiers;
using Bpm.Engine;
using Bpm.Engine.Calendar;
using Bpm.Persistence;
using Bpm.Server.Hosting;
using Bpm.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Features.Dossiers;

/// <summary>
/// What happens to a received dossier: hand-over, supplement request and receipt, pause and
/// resume, refusal, withdrawal, result ready, return. Each runs an engine command (or completes a
/// task) and appends a dossier event in one transaction; the dossier layer never writes the
/// engine's state itself.
/// </summary>
public static class DossierLifecycle
{
    /// <param name="Deadline">The date printed on form 02 by which the applicant should bring the papers (dd/MM/yyyy or yyyy-MM-dd); default <see cref="DefaultSupplementDeadline"/> after the request.</param>
    public sealed record SupplementRequest([property: MaxLength(MaxPapers)] IReadOnlyList<MissingPaper>? Papers, string? Reason, string? Deadline = null);

    public sealed record MissingPaper([property: MaxLength(100)] string? Id, [property: MaxLength(1000)] string? Reason);

    public sealed record SupplementReceived([property: MaxLength(MaxPapers)] IReadOnlyList<PaperCount>? Papers);

    public sealed record Refusal([property: MaxLength(MaxReasons)] IReadOnlyList<string>? Reasons);

    public sealed record Withdrawal(string? Reason);

    public sealed record Pause(string? Reason);

    public sealed record ResultReady([property: MaxLength(MaxReasons)] IReadOnlyList<string>? ResultPapers);

    public sealed record Return(string? Handover, string? Note);

    /// <param name="NewDueAt">The new date for the result: an ISO 8601 time with offset, or a day (dd/MM/yyyy or yyyy-MM-dd) meaning the end of its working day.</param>
    /// <param name="Number">The letter's number, e.g. "15/PXL-UBND", printed on form 04.</param>
    /// <param name="SignerTitle">The signer's title, e.g. "CHỦ TỊCH".</param>
    public sealed record Apology(string? Reason, string? NewDueAt, string? Number, string? SignerTitle);

    /// <summary>
    /// Papers named in one step: more than any procedure asks for. With the lists below, a step's
    /// notice and form stay far inside the template renderer's output limit, so a legitimate step
    /// never fails at its letter after the engine has moved.
    /// </summary>
    private const int MaxPapers = 100;

    /// <summary>Reasons of a refusal, result papers of a result.</summary>
    private const int MaxReasons = 20;

    /// <summary>
    /// How long the applicant is given to bring a supplement when the request names no date: the
    /// law sets no such limit (only the agency's 3 days to ask), so this is Bpm's default for form 02.
    /// </summary>
    public static readonly WorkingDuration DefaultSupplementDeadline = new(5, TimeSpan.Zero);

    /// <summary>The kind of the apology task the engine opens (its vocabulary is internal to the engine).</summary>
    private const string ApologyTaskKind = "apology";

    /// <summary>The role of a process's desk steps (reception, hand-over, return) in <c>bpm:role</c>.</summary>
    private const string ReceptionRole = "reception";

    private static readonly string[] DayFormats = ["dd/MM/yyyy", "yyyy-MM-dd"];

    private static readonly TimeOnly EndOfWorkingDay = new(17, 0);

    private delegate Task<Outcome> Step(Context context);

    /// <summary>What a step needs: the dossier (a detached copy; <see cref="RunAsync"/> writes its closing fields back), the caller, the engine and the time.</summary>
    private sealed record Context(DossierRecord Dossier, Caller Caller, CommandExecutor Executor, BpmDbContext Db, EngineOptions Engine, DateTimeOffset Now, CancellationToken CancellationToken);

    /// <summary>A step's verdict: the event to append, or the problem to answer with (nothing changes).</summary>
    private sealed record Outcome(string? EventType, string? Status, object? Payload, ProblemHttpResult? Problem = null)
    {
        /// <summary>The form the step gives the applicant, issued once the step is committed.</summary>
        public string? Form { get; init; }

        public static Outcome Refuse(ProblemHttpResult problem) => new(null, null, null, problem);
    }

    public static Task<Results<Ok<DossierResponse>, ProblemHttpResult>> HandOverAsync(string code, [AsParameters] Services s, CancellationToken ct) =>
        RunAsync(code, s, ct, [DossierStatus.Received], async c =>
        {
            var refusal = await CompleteDeskTaskAsync(c, "hand-over");
            return refusal ?? new Outcome(DossierEventType.HandedOver, DossierStatus.Processing, null);
        });

    public static Task<Results<Ok<DossierResponse>, ProblemHttpResult>> RequestSupplementAsync(string code, SupplementRequest request, [AsParameters] Services s, CancellationToken ct) =>
        RunAsync(code, s, ct, [DossierStatus.Received, DossierStatus.Processing], async c =>
        {
            if (request.Papers is not { Count: > 0 } papers || papers.Any(p => string.IsNullOrWhiteSpace(p.Id) || string.IsNullOrWhiteSpace(p.Reason)))
            {
                return Outcome.Refuse(Problems.BadRequest("papers", "Hãy liệt kê giấy tờ cần bổ sung, mỗi giấy tờ có mã (id) và lý do (reason)."));
            }

            // Decree 61/2018/NĐ-CP art. 19(4): at most once, no later than 3 working days after receipt.
            if (await c.Db.DossierEvents.AnyAsync(e => e.DossierCode == c.Dossier.Code && e.Type == DossierEventType.SupplementRequested, c.CancellationToken))
            {
                return Outcome.Refuse(Problems.Conflict("Hồ sơ đã được yêu cầu bổ sung một lần; chỉ được yêu cầu bổ sung một lần (Nghị định 61/2018/NĐ-CP, Điều 19 khoản 4)."));
            }

            var window = c.Engine.DossierRules.SupplementWindow;
            var deadline = c.Engine.Calendar.Add(c.Dossier.ReceivedAt, window);
            if (c.Now > deadline)
            {
                return Outcome.Refuse(Problems.Conflict(
                    $"Đã quá {window.Days} ngày làm việc kể từ khi tiếp nhận (hạn {DossierTime.Display(deadline)}); không được yêu cầu bổ sung nữa (Nghị định 61/2018/NĐ-CP, Điều 19 khoản 4)."));
            }

            // The engine restarts the time limit now, where it checks the same rule, and stops the clock
            // until the papers arrive; resuming then adds the wait, so the limit runs in full from the
            // complete dossier's arrival however late the applicant brings it.
            DateOnly bringBy;
            if (request.Deadline is null)
            {
                bringBy = DossierForms.VietnamDate(c.Engine.Calendar.Add(c.Now, DefaultSupplementDeadline));
            }
            else if (!DateOnly.TryParseExact(request.Deadline.Trim(), DayFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out bringBy) || bringBy < DossierForms.VietnamDate(c.Now))
            {
                return Outcome.Refuse(Problems.BadRequest("deadline", $"Hạn bổ sung phải là một ngày từ hôm nay, dạng dd/MM/yyyy hoặc yyyy-MM-dd, không phải '{request.Deadline}'."));
            }

            var restarted = await c.Executor.ExecuteAsync(c.Dossier.InstanceId, new RestartClock($"supplement requested (Decree 61/2018 art. 19(4)): {request.Reason}") { Actor = c.Caller.UserName }, c.CancellationToken);
            if (!restarted.Applied)
            {
                return Outcome.Refuse(EngineRefused(restarted));
            }

            var result = await c.Executor.ExecuteAsync(c.Dossier.InstanceId, new PauseClock("waiting for the supplement (Decree 61/2018 art. 19(4))") { Actor = c.Caller.UserName }, c.CancellationToken);
            return result.Applied
                ? new Outcome(DossierEventType.SupplementRequested, DossierStatus.WaitingForSupplement, new { papers, reason = request.Reason, previousStatus = c.Dossier.Status, deadline = bringBy.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }) { Form = "02" }
                : Outcome.Refuse(EngineRefused(result));
        });

    public static Task<Results<Ok<DossierResponse>, ProblemHttpResult>> ReceiveSupplementAsync(string code, SupplementReceived request, [AsParameters] Services s, CancellationToken ct) =>
        RunAsync(code, s, ct, [DossierStatus.WaitingForSupplement], async c =>
        {
            if (NotAtTheDesk(c) is { } desk)
            {
                return desk;
            }

            if (request.Papers is not { Count: > 0 } papers || papers.Any(p => string.IsNullOrWhiteSpace(p.Id) || p.Count < 1))
            {
                return Outcome.Refuse(Problems.BadRequest("papers", "Hãy liệt kê giấy tờ đã bổ sung, mỗi giấy tờ có mã (id) và số lượng (count) từ 1."));
            }

            // The clock restarted at the request and stopped; resuming adds the wait, so the time limit counts from now (art. 19(4)).
            var result = await c.Executor.ExecuteAsync(c.Dossier.InstanceId, new ResumeClock { Actor = c.Caller.UserName }, c.CancellationToken);
            if (!result.Applied)
            {
                return Outcome.Refuse(EngineRefused(result));
            }

            // File records are the server's (an upload writes them); a caller's would claim scans never stored.
            var received = papers.Select(p => new PaperCount(p.Id, p.Count)).ToList();
            return new Outcome(DossierEventType.SupplementReceived, await StatusBeforeAsync(c, DossierEventType.SupplementRequested), new { papers = received });
        });

    public static Task<Results<Ok<DossierResponse>, ProblemHttpResult>> RefuseAsync(string code, Refusal request, [AsParameters] Services s, CancellationToken ct) =>
        RunAsync(code, s, ct, [DossierStatus.Received, DossierStatus.Processing, DossierStatus.WaitingForSupplement], async c =>
        {
            if (request.Reasons is not { Count: > 0 } reasons || reasons.Any(string.IsNullOrWhiteSpace))
            {
                return Outcome.Refuse(Problems.BadRequest("reasons", "Hãy nêu rõ lý do từ chối (Nghị định 61/2018/NĐ-CP, Điều 17)."));
            }

            var closed = await CancelAndCloseAsync(c, "refused: " + string.Join("; ", reasons), DossierEventType.Refused, DossierStatus.Refused, new { reasons }, new { reasons, processEnded = true });
            return closed.Problem is null ? closed with { Form = "03" } : closed;
        });

    public static Task<Results<Ok<DossierResponse>, ProblemHttpResult>> WithdrawAsync(string code, Withdrawal request, [AsParameters] Services s, CancellationToken ct) =>
        RunAsync(code, s, ct, [DossierStatus.Received, DossierStatus.Processing, DossierStatus.WaitingForSupplement, DossierStatus.Paused], async c =>
        {
            if (NotAtTheDesk(c) is { } desk)
            {
                return desk;
            }

            if (string.IsNullOrWhiteSpace(request.Reason))
            {
                return Outcome.Refuse(Problems.BadRequest("reason", "Hãy ghi lý do người nộp rút hồ sơ."));
            }

            return await CancelAndCloseAsync(c, "withdrawn by the applicant: " + request.Reason, DossierEventType.Withdrawn, DossierStatus.Withdrawn,
                new { reason = request.Reason }, new { reason = request.Reason, processEnded = true });
        });

    /// <summary>A pause the law allows (e.g. waiting for another agency's verification); the legal ground is required.</summary>
    public static Task<Results<Ok<DossierResponse>, ProblemHttpResult>> PauseAsync(string code, Pause request, [AsParameters] Services s, CancellationToken ct) =>
        RunAsync(code, s, ct, [DossierStatus.Received, DossierStatus.Processing], async c =>
        {
            if (string.IsNullOrWhiteSpace(request.Reason))
            {
                return Outcome.Refuse(Problems.BadRequest("reason", "Hãy ghi căn cứ pháp lý của việc tạm dừng."));
            }

            var result = await c.Executor.ExecuteAsync(c.Dossier.InstanceId, new PauseClock(request.Reason) { Actor = c.Caller.UserName }, c.CancellationToken);
            return result.Applied
                ? new Outcome(DossierEventType.Paused, DossierStatus.Paused, new { reason = request.Reason, previousStatus = c.Dossier.Status })
                : Outcome.Refuse(EngineRefused(result));
        });

    /// <summary>Ends a pause: the engine moves the due date by the working time paused.</summary>
    public static Task<Results<Ok<DossierResponse>, ProblemHttpResult>> ResumeAsync(string code, [AsParameters] Services s, CancellationToken ct) =>
        RunAsync(code, s, ct, [DossierStatus.Paused], async c =>
        {
            var result = await c.Executor.ExecuteAsync(c.Dossier.InstanceId, new ResumeClock { Actor = c.Caller.UserName }, c.CancellationToken);
            return result.Applied
                ? new Outcome(DossierEventType.Resumed, await StatusBeforeAsync(c, DossierEventType.Paused), null)
                : Outcome.Refuse(EngineRefused(result));
        });

    public static Task<Results<Ok<DossierResponse>, ProblemHttpResult>> RecordResultAsync(string code, ResultReady request, [AsParameters] Services s, CancellationToken ct) =>
        RunAsync(code, s, ct, [DossierStatus.Processing], async c =>
        {
            if (NotAtTheDesk(c) is { } desk)
            {
                return desk;
            }

            if (request.ResultPapers is not { Count: > 0 } papers || papers.Any(string.IsNullOrWhiteSpace))
            {
                return Outcome.Refuse(Problems.BadRequest("resultPapers", "Hãy ghi các giấy tờ kết quả."));
            }

            // The result is ready when the process has brought the dossier back to the receiving desk's return step.
            var atDesk = await RoutedToAsync(c) is null
                ? await c.Db.Tasks.AnyAsync(t => t.InstanceId == c.Dossier.InstanceId && t.Status == TaskRecord.Open && t.Unit == c.Dossier.ReceivingUnit, c.CancellationToken)
                : await RoutedDeskTasks(c).AnyAsync(c.CancellationToken);
            return atDesk
                ? new Outcome(DossierEventType.ResultReady, DossierStatus.ResultReady, new { resultPapers = papers })
                : Outcome.Refuse(Problems.Conflict($"Hồ sơ {c.Dossier.Code} chưa về bộ phận một cửa {c.Dossier.ReceivingUnit} để trả kết quả."));
        });

    public static Task<Results<Ok<DossierResponse>, ProblemHttpResult>> ReturnAsync(string code, Return request, [AsParameters] Services s, CancellationToken ct) =>
        RunAsync(code, s, ct, [DossierStatus.ResultReady], async c =>
        {
            if (request.Handover is not (Channels.Desk or Channels.Post))
            {
                return Outcome.Refuse(Problems.BadRequest("handover", "Hình thức trao kết quả phải là desk (tại quầy) hoặc post (bưu chính)."));
            }

            if (await CompleteDeskTaskAsync(c, "return") is { } refusal)
            {
                return refusal;
            }

            var instance = await c.Db.Instances.AsNoTracking().FirstAsync(i => i.InstanceId == c.Dossier.InstanceId, c.CancellationToken);
            c.Dossier.Evaluation = instance.Evaluation ?? (instance.DueAt is { } due ? (c.Now <= due ? "on-time" : "late") : null);
            return Close(c, DossierEventType.Returned, DossierStatus.Returned, new { handover = request.Handover, note = request.Note, evaluation = c.Dossier.Evaluation });
        });

    /// <summary>
    /// The apology and new date of Decree 61/2018/NĐ-CP art. 19(9), signed by the deciding unit's
    /// leader on the apology task the engine opens before the due date: completes that task (the
    /// engine moves the due date, once) and gives form 04.
    /// </summary>
    public static Task<Results<Ok<DossierResponse>, ProblemHttpResult>> ApologiseAsync(string code, Apology request, [AsParameters] Services s, CancellationToken ct) =>
        RunAsync(code, s, ct, [DossierStatus.Received, DossierStatus.Processing, DossierStatus.WaitingForSupplement, DossierStatus.Paused], async c =>
        {
            if (string.IsNullOrWhiteSpace(request.Reason))
            {
                return Outcome.Refuse(Problems.BadRequest("reason", "Hãy nêu lý do chậm trả kết quả (Nghị định 61/2018/NĐ-CP, Điều 19 khoản 9)."));
            }

            if (NewDueAt(request.NewDueAt) is not { } newDue)
            {
                return Outcome.Refuse(Problems.BadRequest("newDueAt", $"Ngày hẹn mới phải là thời điểm ISO 8601 có múi giờ, hoặc một ngày dd/MM/yyyy hay yyyy-MM-dd, không phải '{request.NewDueAt}'."));
            }

            if (await c.Db.DossierEvents.AnyAsync(e => e.DossierCode == c.Dossier.Code && e.Type == DossierEventType.Apologised, c.CancellationToken))
            {
                return Outcome.Refuse(Problems.Conflict($"Hồ sơ {c.Dossier.Code} đã có văn bản xin lỗi và hẹn lại; ngày hẹn chỉ được lùi một lần (Nghị định 61/2018/NĐ-CP, Điều 19 khoản 9)."));
            }

            var tasks = await c.Db.Tasks.AsNoTracking().Where(t => t.InstanceId == c.Dossier.InstanceId && t.Status == TaskRecord.Open && t.Kind == ApologyTaskKind).ToListAsync(c.CancellationToken);
            if (tasks.FirstOrDefault(t => SignsFor(c.Caller, t)) is not { } task)
            {
                return Outcome.Refuse(tasks.Count == 0
                    ? Problems.Conflict($"Hồ sơ {c.Dossier.Code} không có bước 'Phiếu xin lỗi và hẹn lại ngày trả kết quả' đang mở: quy trình mở bước này khi hồ sơ sắp quá hạn (trước ngày hẹn trả một ngày làm việc).")
                    : Problems.Forbidden($"Văn bản xin lỗi của hồ sơ {c.Dossier.Code} do lãnh đạo đơn vị {tasks[0].Unit} ký."));
            }

            var original = (await c.Db.Instances.AsNoTracking().FirstAsync(i => i.InstanceId == c.Dossier.InstanceId, c.CancellationToken)).DueAt ?? c.Dossier.DueAt;
            // The engine refuses the same, in its own (English) words; the leader reads this one.
            if (original is { } current && newDue <= current)
            {
                return Outcome.Refuse(Problems.BadRequest("newDueAt", $"Ngày hẹn mới phải sau ngày hẹn trả hiện tại ({DossierTime.Display(current)}), không phải {DossierTime.Display(newDue)}."));
            }

            var variables = new Dictionary<string, JsonElement>
            {
                ["newDueAt"] = JsonSerializer.SerializeToElement(newDue.ToString("O", CultureInfo.InvariantCulture)),
                ["reason"] = JsonSerializer.SerializeToElement(request.Reason),
            };
            var result = await c.Executor.ExecuteAsync(c.Dossier.InstanceId, new CompleteTask(task.TaskId, "issue", variables) { Actor = c.Caller.UserName }, c.CancellationToken);
            return result.Applied
                ? new Outcome(DossierEventType.Apologised, null, new { reason = request.Reason, originalDueAt = original, newDueAt = newDue, number = request.Number ?? "", signerTitle = request.SignerTitle ?? "" }) { Form = "04" }
                : Outcome.Refuse(EngineRefused(result));
        });

    /// <summary>The services every step uses, bound by the endpoint.</summary>
    public sealed record Services(BpmDbContext Db, CommandExecutor Executor, EngineOptions Engine, CallerAccessor Callers, TimeProvider Time, DossierForms Forms, DossierNotices Notices);

    private static async Task<Results<Ok<DossierResponse>, ProblemHttpResult>> RunAsync(string code, Services s, CancellationToken ct, string[] from, Step step)
    {
        var caller = await s.Callers.GetAsync(ct);
        var visible = await s.Db.Dossiers.AsNoTracking().VisibleTo(s.Db, caller).AnyAsync(d => d.Code == code, ct);
        if (!visible)
        {
            return Problems.NotFound(DossierAccess.NotFound(code));
        }

        await using var transaction = await s.Db.Database.BeginTransactionAsync(ct);
        // Steps on one dossier queue here, so a second step reads the first one's status and event.
        await DossierRowLock.HoldAsync(s.Db, code, ct);
        var dossier = await s.Db.Dossiers.AsNoTracking().FirstAsync(d => d.Code == code, ct);
        if (!from.Contains(dossier.Status))
        {
            var last = await LastEventAsync(s.Db, code, ct);
            return Problems.Conflict(
                $"Hồ sơ {code} đang ở trạng thái '{DossierStatus.Label(dossier.Status)}' ({WonBy(last)}); việc này chỉ làm được khi hồ sơ {string.Join(" hoặc ", from.Select(f => $"'{DossierStatus.Label(f)}'"))}.",
                new Dictionary<string, object?> { ["dossierStatus"] = dossier.Status, ["lastEvent"] = last?.Type, ["lastActor"] = last?.Actor });
        }

        var now = s.Time.GetUtcNow();
        var outcome = await step(new Context(dossier, caller, s.Executor, s.Db, s.Engine, now, ct));
        if (outcome.Problem is { } problem)
        {
            await transaction.RollbackAsync(ct);
            return problem;
        }

        // The executor cleared the change tracker: attach the dossier again and append the event.
        s.Db.ChangeTracker.Clear();
        var tracked = await s.Db.Dossiers.FirstAsync(d => d.Code == code, ct);
        tracked.ClosedAt = dossier.ClosedAt;
        tracked.Evaluation = dossier.Evaluation;
        var seq = await DossierEvents.AppendAsync(s.Db, tracked, outcome.EventType!, caller.UserName, now, outcome.Payload, ct, outcome.Status);
        await s.Notices.EnqueueAsync(s.Db, tracked, outcome.EventType!, seq, outcome.Payload, now, ct);
        try
        {
            await s.Db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another step took this event's number first (a provider that did not queue on the row lock): nothing of this one is kept.
            await transaction.RollbackAsync(ct);
            s.Db.ChangeTracker.Clear();
            var last = await LastEventAsync(s.Db, code, ct);
            return Problems.Conflict(
                $"Hồ sơ {code} vừa thay đổi cùng lúc ({WonBy(last)}); việc của bạn chưa được ghi, hãy tải lại hồ sơ và làm lại nếu vẫn cần.",
                new Dictionary<string, object?> { ["lastEvent"] = last?.Type, ["lastActor"] = last?.Actor });
        }

        if (outcome.Form is { } form)
        {
            await s.Forms.IssueAfterStepAsync(tracked, form, ct);
        }

        return TypedResults.Ok(await DossierResponse.LoadAsync(s.Db, tracked, withEvents: true, ct));
    }

    /// <summary>The apology task is the deciding agency's (<c>XA-PHUONGLAM</c>); its leaders sit in the agency or in a unit under it (<c>XA-PHUONGLAM.LANHDAO</c>).</summary>
    internal static bool SignsFor(Caller caller, TaskRecord task) =>
        task.Unit is { } unit && caller.Memberships.Any(m => string.Equals(m.Role, task.Role, StringComparison.OrdinalIgnoreCase)
            && (m.UnitCode == unit || m.UnitCode.StartsWith(unit + ".", StringComparison.Ordinal)));

    private static Task<DossierEventRecord?> LastEventAsync(BpmDbContext db, string code, CancellationToken ct) =>
        db.DossierEvents.AsNoTracking().Where(e => e.DossierCode == code).OrderByDescending(e => e.Seq).FirstOrDefaultAsync(ct);

    /// <summary>Who changed the dossier last, and how: "lần cuối: handed-over bởi motcua.phuonglam lúc 08/12/2026 09:00".</summary>
    private static string WonBy(DossierEventRecord? last) =>
        last is null ? "chưa có sự kiện" : $"lần cuối: {last.Type} bởi {last.Actor} lúc {DossierTime.Display(last.At)}";

    private static DateTimeOffset? NewDueAt(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), DayFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new DateTimeOffset(day.ToDateTime(EndOfWorkingDay), VietnameseWorkingCalendar.UtcOffset);
        }

        return text.Contains('T') && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : null;
    }

    /// <summary>What the applicant does at the desk (hands in papers, withdraws, collects) is recorded by the receiving unit's reception staff.</summary>
    private static Outcome? NotAtTheDesk(Context c) =>
        c.Caller.CanWork(c.Dossier.ReceivingUnit, "reception")
            ? null
            : Outcome.Refuse(Problems.Forbidden($"Việc này do cán bộ tiếp nhận của {c.Dossier.ReceivingUnit}, nơi nhận hồ sơ {c.Dossier.Code}, thực hiện."));

    /// <summary>The status the dossier had before its last event of <paramref name="type"/> (which records it as <c>previousStatus</c>).</summary>
    private static async Task<string> StatusBeforeAsync(Context c, string type)
    {
        var last = await c.Db.DossierEvents.AsNoTracking().Where(e => e.DossierCode == c.Dossier.Code && e.Type == type).OrderByDescending(e => e.Seq).FirstAsync(c.CancellationToken);
        return System.Text.Json.JsonDocument.Parse(last.Payload!).RootElement.GetProperty("previousStatus").GetString()!;
    }

    private static Outcome Close(Context c, string type, string status, object payload)
    {
        c.Dossier.ClosedAt = c.Now;
        return new Outcome(type, status, payload);
    }

    /// <summary>
    /// Closes the dossier by cancelling its process. The model's own path (a step that says "không đủ
    /// điều kiện", an agency's refusal answered to a handoff, a supplement end event) may have ended the
    /// process already while the dossier is still open at the desk: the desk's step is then written with
    /// nothing left to cancel, its event saying so (<paramref name="endedPayload"/>).
    /// </summary>
    private static async Task<Outcome> CancelAndCloseAsync(Context c, string reason, string type, string status, object payload, object endedPayload)
    {
        var result = await c.Executor.ExecuteAsync(c.Dossier.InstanceId, new CancelInstance(reason) { Actor = c.Caller.UserName }, c.CancellationToken);
        return result.Applied ? Close(c, type, status, payload)
            : EngineRefusals.EndedOnItsOwn(result) ? Close(c, type, status, endedPayload)
            : Outcome.Refuse(EngineRefused(result));
    }

    /// <summary>
    /// Completes the desk's hand-over or return step: the open task of the receiving unit that the
    /// caller may work; for a dossier routed to another agency (<see cref="ReceptionRouting"/>), the
    /// competent agency's open desk step (role reception), which the receiving desk's reception staff do.
    /// </summary>
    private static async Task<Outcome?> CompleteDeskTaskAsync(Context c, string what)
    {
        if (await RoutedToAsync(c) is not { } agency)
        {
            return await CompleteUnitTaskAsync(c, c.Dossier.ReceivingUnit, what);
        }

        if (NotAtTheDesk(c) is { } desk)
        {
            return desk;
        }

        var task = await RoutedDeskTasks(c).OrderBy(t => t.CreatedAt).FirstOrDefaultAsync(c.CancellationToken);
        if (task is null)
        {
            return Outcome.Refuse(Problems.Conflict($"Hồ sơ {c.Dossier.Code} (do {agency} giải quyết) không có bước nào đang chờ bộ phận một cửa ({what})."));
        }

        var result = await c.Executor.ExecuteAsync(c.Dossier.InstanceId, new CompleteTask(task.TaskId) { Actor = c.Caller.UserName }, c.CancellationToken);
        return result.Applied ? null : Outcome.Refuse(EngineRefused(result));
    }

    /// <summary>The agency a dossier received at another desk of the province was routed to, as its reception recorded it; null when received for its own agency.</summary>
    private static async Task<string?> RoutedToAsync(Context c)
    {
        var payload = await c.Db.DossierEvents.AsNoTracking()
            .Where(e => e.DossierCode == c.Dossier.Code && e.Type == DossierEventType.Received)
            .Select(e => e.Payload)
            .FirstOrDefaultAsync(c.CancellationToken);
        using var received = payload is null ? null : JsonDocument.Parse(payload);
        return received is not null && received.RootElement.TryGetProperty("competentAgency", out var agency) && agency.ValueKind == JsonValueKind.String ? agency.GetString() : null;
    }

    /// <summary>The competent agency's open desk steps of a routed dossier: the process's tasks for role reception.</summary>
    private static IQueryable<TaskRecord> RoutedDeskTasks(Context c) =>
        c.Db.Tasks.AsNoTracking().Where(t => t.InstanceId == c.Dossier.InstanceId && t.Status == TaskRecord.Open && t.Role == ReceptionRole);

    /// <summary>Completes the open task of <paramref name="unit"/> that the caller may work (the desk's hand-over or return step).</summary>
    private static async Task<Outcome?> CompleteUnitTaskAsync(Context c, string unit, string what)
    {
        var tasks = await c.Db.Tasks.AsNoTracking().Where(t => t.InstanceId == c.Dossier.InstanceId && t.Status == TaskRecord.Open && t.Unit == unit).ToListAsync(c.CancellationToken);
        var task = tasks.FirstOrDefault(t => c.Caller.CanWork(t.Unit, t.Role));
        if (task is null)
        {
            return Outcome.Refuse(Problems.Conflict(tasks.Count == 0
                ? $"Hồ sơ {c.Dossier.Code} không có bước nào đang chờ ở đơn vị {unit} ({what})."
                : $"Bạn không có vai trò để làm bước '{tasks[0].Name}' của hồ sơ {c.Dossier.Code}."));
        }

        var result = await c.Executor.ExecuteAsync(c.Dossier.InstanceId, new CompleteTask(task.TaskId) { Actor = c.Caller.UserName }, c.CancellationToken);
        return result.Applied ? null : Outcome.Refuse(EngineRefused(result));
    }

    private static ProblemHttpResult EngineRefused(ExecutionResult result) => EngineRefusals.Problem(result);

}
