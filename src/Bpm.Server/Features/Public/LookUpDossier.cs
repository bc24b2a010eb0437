using System.Collections.Concurrent;
using System.Globalization;
using System.Linq.Expressions;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bpm.Dossiers.Dossiers;
using Bpm.Persistence;
using Bpm.Server.Features.Dossiers;
using Bpm.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Features.Public;

/// <summary>
/// What a citizen may read of a dossier without signing in (docs/public-lookup.md): its status, the
/// current appointment date, the step in plain words, and the new date of an apology. Nothing that
/// names or reaches the applicant — no name, identity number, phone, address, papers or staff.
/// </summary>
public sealed record PublicDossierStatus(
    string Code,
    string Status,
    string StatusLabel,
    string Procedure,
    string ReceivedOn,
    string? AppointmentDate,
    string Step,
    string? NewAppointmentDate,
    string? ClosedOn);

/// <summary>
/// The public look-up by dossier code. The applicant proves the dossier is theirs with the last 4
/// digits of the identity number given at reception: the code alone is printed on slips that pass
/// through other hands. An unknown code and a wrong factor get one and the same answer, so the
/// answer never tells whether a code exists.
/// </summary>
public static class LookUpDossier
{
    public const string FactorField = "identityLast4";

    /// <summary>The longest code worth a query: every issued code is far shorter (Circular 01/2018 art. 19).</summary>
    private const int MaxCodeLength = 64;

    /// <summary>The engine's apology task (bpm:kind="apology") is the leader's paperwork, not a step of the dossier.</summary>
    private const string ApologyKind = "apology";

    public static string NotFoundText(string code) =>
        $"Không tìm thấy hồ sơ mã {code} có 4 số cuối số định danh cá nhân như đã nhập. Hãy xem lại mã hồ sơ trên giấy tiếp nhận và hẹn trả kết quả, "
        + "và 4 số cuối số định danh cá nhân của người nộp hồ sơ.";

    public static async Task<Results<Ok<PublicDossierStatus>, ProblemHttpResult>> HandleAsync(string code, string? identityLast4, BpmDbContext db, CancellationToken cancellationToken)
    {
        var answer = await FindAsync(code, identityLast4, db, cancellationToken);
        return answer switch
        {
            Answer.Found found => TypedResults.Ok(found.Status),
            Answer.Invalid invalid => Problems.BadRequest(invalid.Field, invalid.Message),
            _ => Problems.NotFound(NotFoundText(code.Trim())),
        };
    }

    /// <summary>The answer for the page and the API alike: found, a malformed request, or not found (unknown code or wrong factor).</summary>
    public static async Task<Answer> FindAsync(string? code, string? identityLast4, BpmDbContext db, CancellationToken cancellationToken)
    {
        code = code?.Trim() ?? "";
        var factor = identityLast4?.Trim() ?? "";
        if (code.Length == 0)
        {
            return new Answer.Invalid("code", "Hãy nhập mã hồ sơ in trên giấy tiếp nhận và hẹn trả kết quả.");
        }

        if (code.Length > MaxCodeLength)
        {
            return new Answer.Invalid("code", $"Mã hồ sơ dài {code.Length} ký tự; mã in trên giấy tiếp nhận ngắn hơn {MaxCodeLength} ký tự.");
        }

        if (factor.Length != 4 || !factor.All(char.IsAsciiDigit))
        {
            return new Answer.Invalid(FactorField, factor.Length == 0
                ? "Hãy nhập 4 số cuối số định danh cá nhân của người nộp hồ sơ."
                : $"4 số cuối số định danh cá nhân phải là đúng 4 chữ số, không phải '{factor}'.");
        }

        var row = await FindRow(db, code, cancellationToken);
        if (row is null || !Matches(row.IdentityNumber, factor))
        {
            return new Answer.NotFound();
        }

        return new Answer.Found(new PublicDossierStatus(
            row.Code,
            row.Status,
            DossierStatus.Label(row.Status),
            row.Procedure,
            Day(row.ReceivedAt),
            (row.InstanceDueAt ?? row.DueAt) is { } due ? Day(due) : null,
            StepOf(row.Status, row.Step),
            NewDate(row.Apology),
            row.ClosedAt is { } closed ? Day(closed) : null));
    }

    /// <summary>
    /// The one statement of a look-up (every part a primary-key read), compiled once per database
    /// provider: the look-up is the server's most frequent anonymous request, and building and matching
    /// the query tree cost it more processor time than the database spends on it. A compiled query keeps
    /// the SQL of the provider it first ran on, so each provider has its own (a test process hosts servers
    /// on SQLite and PostgreSQL at once).
    /// </summary>
    private static readonly ConcurrentDictionary<string, Func<BpmDbContext, string, CancellationToken, Task<LookupRow?>>> FindRowByProvider = new(StringComparer.Ordinal);

    private static readonly Expression<Func<BpmDbContext, string, CancellationToken, LookupRow?>> RowQuery =
        (db, code, _) => db.Dossiers.AsNoTracking()
            .Where(d => d.Code == code)
            .Select(d => new LookupRow(
                d.Code,
                d.IdentityNumber,
                d.Status,
                d.ReceivedAt,
                d.DueAt,
                d.ClosedAt,
                db.Instances.Where(i => i.InstanceId == d.InstanceId).Select(i => i.DueAt).FirstOrDefault(),
                db.Tasks.Where(t => t.InstanceId == d.InstanceId && t.Status == TaskRecord.Open && t.Kind != ApologyKind)
                    .OrderBy(t => t.CreatedAt).Select(t => t.Name).FirstOrDefault(),
                db.DossierEvents.Where(e => e.DossierCode == d.Code && e.Type == DossierEventType.Apologised).Select(e => e.Payload).FirstOrDefault(),
                db.Procedures.Where(p => p.Code == d.ProcedureCode).Select(p => p.Name).FirstOrDefault() ?? d.ProcedureCode))
            .FirstOrDefault();

    private static Task<LookupRow?> FindRow(BpmDbContext db, string code, CancellationToken cancellationToken) =>
        FindRowByProvider.GetOrAdd(db.Database.ProviderName ?? "", _ => EF.CompileAsyncQuery(RowQuery))(db, code, cancellationToken);

    /// <summary>Compared in constant time, so the time of a wrong answer says nothing of how many digits were right.</summary>
    private static bool Matches(string identityNumber, string last4) =>
        identityNumber.Length >= 4
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(identityNumber[^4..]), Encoding.ASCII.GetBytes(last4));

    /// <summary>Where the dossier is, as the applicant would say it: the open step's name while it is worked on, else what the status asks of them.</summary>
    private static string StepOf(string status, string? openStep) => status switch
    {
        DossierStatus.WaitingForSupplement => "Chờ người nộp bổ sung, hoàn thiện hồ sơ theo phiếu yêu cầu đã gửi.",
        DossierStatus.Paused => "Tạm dừng giải quyết theo quy định; cơ quan sẽ báo khi tiếp tục.",
        DossierStatus.ResultReady => "Đã có kết quả; mời người nộp nhận kết quả theo giấy hẹn.",
        DossierStatus.Returned => "Đã trả kết quả cho người nộp.",
        DossierStatus.Refused => "Cơ quan đã từ chối giải quyết và gửi văn bản nêu lý do.",
        DossierStatus.Withdrawn => "Người nộp đã rút hồ sơ.",
        _ => openStep is { Length: > 0 } step ? step : DossierStatus.Label(status),
    };

    private static string? NewDate(string? apologyPayload)
    {
        if (apologyPayload is null)
        {
            return null;
        }

        using var payload = JsonDocument.Parse(apologyPayload);
        return payload.RootElement.TryGetProperty("newDueAt", out var at) && at.TryGetDateTimeOffset(out var newDue) ? Day(newDue) : null;
    }

    private static string Day(DateTimeOffset at) => DossierForms.VietnamDate(at).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private sealed record LookupRow(
        string Code, string IdentityNumber, string Status, DateTimeOffset ReceivedAt, DateTimeOffset? DueAt, DateTimeOffset? ClosedAt,
        DateTimeOffset? InstanceDueAt, string? Step, string? Apology, string Procedure);

    /// <summary>What a look-up found.</summary>
    public abstract record Answer
    {
        private Answer()
        {
        }

        public sealed record Found(PublicDossierStatus Status) : Answer;

        /// <summary>The request itself is malformed; says which field and why, and nothing of any dossier.</summary>
        public sealed record Invalid(string Field, string Message) : Answer;

        public sealed record NotFound : Answer;
    }
}
