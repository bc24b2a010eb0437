using System.Text.Json;
using Bpm.Dossiers.Catalog;
using Bpm.Dossiers.Dossiers;
using Bpm.Notifications;
using Bpm.Organisation;
using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Features.Dossiers;

/// <summary>
/// What the applicant is told about a dossier step (docs/notifications.md): the receipt, a
/// supplement request, the apology and new date, a refusal, the result ready, a fee to pay. Written to the
/// notifications outbox in the step's own unit of work, so the notice exists exactly when the step
/// does; the dispatcher sends it. A step the applicant is not told about writes nothing.
/// </summary>
public sealed class DossierNotices(NotificationComposer composer, ProcedureCatalog catalog, OrganisationDbContext organisation, IConfiguration configuration)
{
    /// <summary>Where the applicant looks a dossier up, printed in the messages (<c>Bpm:PublicLookupUrl</c>).</summary>
    private string LookupUrl => configuration["Bpm:PublicLookupUrl"] ?? "https://dichvucong.gov.vn";

    /// <summary>Adds the notice of event <paramref name="seq"/> of type <paramref name="eventType"/> to <paramref name="db"/>; the caller saves.</summary>
    /// <returns>How many messages were written (0 when the step tells the applicant nothing or they left no contact).</returns>
    public async Task<int> EnqueueAsync(BpmDbContext db, DossierRecord dossier, string eventType, int seq, object? payload, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (eventType is not (DossierEventType.Received or DossierEventType.SupplementRequested or DossierEventType.Apologised or DossierEventType.Refused or DossierEventType.ResultReady))
        {
            return 0;
        }

        var (procedure, procedureName, agency) = await AboutAsync(dossier, cancellationToken);
        var data = payload is null ? default : JsonSerializer.SerializeToElement(payload, JsonSerializerOptions.Web);
        INotice notice = eventType switch
        {
            DossierEventType.Received => new ReceiptNotice(dossier.Code, agency, procedureName, dossier.ReceivedAt, dossier.DueAt, LookupUrl),
            DossierEventType.SupplementRequested => new SupplementNotice(dossier.Code, agency, procedureName, PaperNames(data, procedure), Text(data, "reason") ?? "", LookupUrl),
            DossierEventType.Apologised => new ApologyNotice(dossier.Code, agency, procedureName, Day(data, "originalDueAt"), Day(data, "newDueAt"), Text(data, "reason") ?? ""),
            DossierEventType.Refused => new RefusalNotice(dossier.Code, agency, procedureName, Texts(data, "reasons")),
            _ => new ResultReadyNotice(dossier.Code, agency, procedureName, dossier.ResultDelivery == "post", agency),
        };
        return await WriteAsync(db, dossier, notice, $"su-kien-{seq}", now, cancellationToken);
    }

    /// <summary>
    /// Adds the payment-due notice of a fee step's payment request to <paramref name="db"/>: the
    /// amount, the payment's reference, by when, and how to pay. The caller saves. The message id
    /// carries the payment id, so each request is told once.
    /// </summary>
    public async Task<int> EnqueuePaymentDueAsync(BpmDbContext db, DossierRecord dossier, string paymentId, long amountVnd, DateTimeOffset expiresAt, string howToPay, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (_, procedureName, agency) = await AboutAsync(dossier, cancellationToken);
        var notice = new PaymentDueNotice(dossier.Code, agency, procedureName, paymentId, amountVnd, DossierForms.VietnamDate(expiresAt), howToPay);
        return await WriteAsync(db, dossier, notice, paymentId, now, cancellationToken);
    }

    /// <summary>
    /// The applicant as reception recorded them: their contacts, and the channels they chose
    /// (Zalo chosen is Zalo consented); without a choice the default rule of the composer applies.
    /// </summary>
    internal static Recipient RecipientOf(DossierRecord dossier)
    {
        var chosen = NoticeChannels.Parse(dossier.NotifyBy);
        IReadOnlyList<ChannelKind>? preferred = chosen?.Select(c => Enum.Parse<ChannelKind>(c, ignoreCase: true)).ToList();
        return new Recipient(dossier.ApplicantName, dossier.Phone, dossier.Email, ZaloConsent: preferred?.Contains(ChannelKind.Zalo) == true, Preferred: preferred);
    }

    private async Task<(Procedure? Procedure, string ProcedureName, string Agency)> AboutAsync(DossierRecord dossier, CancellationToken cancellationToken)
    {
        var procedure = await catalog.FindAsync(dossier.ProcedureCode, cancellationToken);
        var unit = await organisation.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == dossier.ReceivingUnit, cancellationToken);
        return (procedure, procedure?.Name ?? dossier.ProcedureCode, unit?.Name ?? dossier.ReceivingUnit);
    }

    private async Task<int> WriteAsync<TNotice>(BpmDbContext db, DossierRecord dossier, TNotice notice, string occurrence, DateTimeOffset now, CancellationToken cancellationToken)
        where TNotice : class, INotice
    {
        var composed = composer.Compose(notice, RecipientOf(dossier), occurrence, dossier.ReceivingUnit);
        return await NotificationOutbox.EnqueueAsync(db, composed.Messages, now, cancellationToken);
    }

    private static string? Text(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IReadOnlyList<string> Texts(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
            : [];

    private static DateOnly Day(JsonElement data, string name) =>
        Text(data, name) is { } text && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var at)
            ? DossierForms.VietnamDate(at)
            : default;

    /// <summary>The missing papers by their catalogue names (the payload carries each paper's id and why it is missing).</summary>
    private static IReadOnlyList<string> PaperNames(JsonElement data, Procedure? procedure)
    {
        if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("papers", out var papers) || papers.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return [.. papers.EnumerateArray().Select(p =>
        {
            var id = p.ValueKind == JsonValueKind.String ? p.GetString() : p.ValueKind == JsonValueKind.Object && p.TryGetProperty("id", out var i) ? i.GetString() : null;
            var note = p.ValueKind == JsonValueKind.Object && p.TryGetProperty("reason", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            var name = procedure?.Papers.FirstOrDefault(x => x.Id == id)?.Name ?? id ?? "";
            return note is { Length: > 0 } ? $"{name} ({note})" : name;
        }).Where(n => n.Length > 0)];
    }
}
