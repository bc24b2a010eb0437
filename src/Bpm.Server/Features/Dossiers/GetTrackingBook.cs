using System.Globalization;
using Bpm.Documents;
using Bpm.Dossiers.Dossiers;
using Bpm.Engine.Calendar;
using Bpm.Persistence;
using Bpm.Server.Hosting;
using Bpm.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Features.Dossiers;

/// <summary>
/// <c>GET /api/v1/units/{unit}/forms/06?from=…&amp;to=…</c>: the dossier tracking book (form 06) of
/// one receiving unit over a period of days in Vietnam's time, issued (signed and kept) each time.
/// </summary>
public static class GetTrackingBook
{
    /// <summary>Rows one book may hold: the renderer's output limit fits a few hundred; a longer period is printed in parts.</summary>
    public const int MaxEntries = 200;

    public const int MaxDays = 366;

    private static readonly string[] DateFormats = ["dd/MM/yyyy", "yyyy-MM-dd"];

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> HandleAsync(
        string unit, string? from, string? to, HttpResponse response, BpmDbContext db, DossierForms forms, FormIssuer issuer, CallerAccessor callers, TimeProvider time, CancellationToken cancellationToken)
    {
        var (first, fromProblem) = ParseDay(from, "from");
        var (last, toProblem) = ParseDay(to, "to");
        if ((fromProblem ?? toProblem) is { } badDay)
        {
            return badDay;
        }

        if (last < first || last.DayNumber - first.DayNumber + 1 > MaxDays)
        {
            return Problems.BadRequest("to", $"Kỳ phải từ 1 đến {MaxDays} ngày và 'to' không trước 'from' ({first:dd/MM/yyyy} – {last:dd/MM/yyyy}).");
        }

        var caller = await callers.GetAsync(cancellationToken);
        if (!caller.SeesAllInstances && !caller.Units.Contains(unit) && !caller.SupervisedUnits.Contains(unit))
        {
            return Problems.NotFound($"Không có đơn vị '{unit}', hoặc bạn không có quyền xem sổ theo dõi hồ sơ của đơn vị này.");
        }

        var names = await forms.UnitNamesAsync([unit], cancellationToken);
        // In UTC: PostgreSQL takes timestamps with time zone only with offset 0.
        var start = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), VietnameseWorkingCalendar.UtcOffset).ToUniversalTime();
        var end = new DateTimeOffset(last.AddDays(1).ToDateTime(TimeOnly.MinValue), VietnameseWorkingCalendar.UtcOffset).ToUniversalTime();
        var query = db.Dossiers.AsNoTracking().Where(d => d.ReceivingUnit == unit && d.ReceivedAt >= start && d.ReceivedAt < end);
        var count = await query.CountAsync(cancellationToken);
        if (count > MaxEntries)
        {
            return Problems.BadRequest("to", $"Kỳ {first:dd/MM/yyyy} – {last:dd/MM/yyyy} có {count} hồ sơ, quá {MaxEntries} hồ sơ một sổ in được; hãy in theo kỳ ngắn hơn.");
        }

        var dossiers = (await query.ToListAsync(cancellationToken)).OrderBy(d => d.ReceivedAt).ThenBy(d => d.Code, StringComparer.Ordinal).ToList();
        var codes = dossiers.Select(d => d.Code).ToList();
        var instanceIds = dossiers.Select(d => d.InstanceId).ToList();
        var events = (await db.DossierEvents.AsNoTracking().Where(e => codes.Contains(e.DossierCode)).ToListAsync(cancellationToken)).ToLookup(e => e.DossierCode);
        var tasks = (await db.Tasks.AsNoTracking().Where(t => instanceIds.Contains(t.InstanceId) && t.Unit != null && t.Unit != unit).ToListAsync(cancellationToken)).ToLookup(t => t.InstanceId);
        var handling = await forms.UnitNamesAsync(tasks.SelectMany(g => g.Select(t => t.Unit!)), cancellationToken);
        var procedures = await db.Procedures.AsNoTracking().Where(p => dossiers.Select(d => d.ProcedureCode).Contains(p.Code)).ToDictionaryAsync(p => p.Code, p => p.Name, cancellationToken);

        var entries = dossiers.Select(d =>
        {
            DateTimeOffset? At(string type) => events[d.Code].Where(e => e.Type == type).OrderBy(e => e.Seq).Select(e => (DateTimeOffset?)DossierForms.VietnamTime(e.At)).FirstOrDefault();
            var deciding = tasks[d.InstanceId].OrderBy(t => t.CreatedAt).Select(t => t.Unit!).FirstOrDefault();
            return new TrackingBookEntry(
                d.Code,
                procedures.GetValueOrDefault(d.ProcedureCode, d.ProcedureCode),
                1,
                DossierForms.ApplicantOf(d),
                string.Join(", ", new[] { d.Address, d.Phone }.Where(s => !string.IsNullOrWhiteSpace(s))),
                deciding is null ? "" : handling[deciding],
                DossierForms.VietnamTime(d.ReceivedAt),
                DossierForms.VietnamTime(d.DueAt ?? d.ReceivedAt),
                At(DossierEventType.HandedOver),
                At(DossierEventType.ResultReady),
                At(DossierEventType.Returned),
                NotesOf(d));
        }).ToList();

        var book = new TrackingBook(await forms.AgencyAsync(unit, cancellationToken), names[unit], first, last, entries, DossierForms.VietnamDate(time.GetUtcNow()));
        return GetDossierForm.Printable(await issuer.IssueAsync("06", book, unit, cancellationToken), response);
    }

    /// <summary>Closed otherwise than by returning the result, or returned late: said in the notes column.</summary>
    private static string NotesOf(DossierRecord d) => d.Status switch
    {
        DossierStatus.Refused or DossierStatus.Withdrawn => DossierStatus.Label(d.Status),
        DossierStatus.Returned when d.Evaluation == "late" => "Trả kết quả quá hạn",
        _ => "",
    };

    private static (DateOnly Day, ProblemHttpResult? Problem) ParseDay(string? text, string field) =>
        DateOnly.TryParseExact(text?.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? (day, null)
            : (default, Problems.BadRequest(field, $"'{field}' phải là một ngày dạng dd/MM/yyyy hoặc yyyy-MM-dd{(text is null ? "" : $", không phải '{text}'")}."));
}
