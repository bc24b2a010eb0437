using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bpm.Documents;
using Bpm.Engine;
using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Scheduling;

/// <summary>
/// Writes the apology letter (form 04) when a leader signs an apology: an outbox
/// consumer of the engine's <see cref="ApologyIssued"/>. The letter names the applicant (variable
/// <c>applicantName</c>), the dossier, the date received, the missed and the new date, the reason
/// and the signer (the signing actor; title from variable <c>signerTitle</c>). The letter is kept in
/// the documents table with its SHA-256; a redelivery of the same outbox row writes nothing. The
/// applicant's SMS or e-mail is the apology notice (Bpm.Notifications, <c>thong-bao-xin-loi.*</c>),
/// written with the dossier's apology step.
/// </summary>
public sealed class ApologyLetterConsumer(Func<BpmDbContext> createContext, DocumentRenderer renderer, Func<string?, Agency> agencyOf, TimeProvider time)
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    /// <summary>Handles one outbox message; ignores everything but <see cref="ApologyIssued"/>.</summary>
    public async Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken = default)
    {
        if (message.Effect is not ApologyIssued issued)
        {
            return;
        }

        await using var db = createContext();
        if (await db.Documents.AnyAsync(d => d.SourceOutboxId == message.Id && d.Kind == DocumentRecord.ApologyLetter, cancellationToken))
        {
            return;
        }

        var instance = await db.Instances.AsNoTracking().FirstAsync(i => i.InstanceId == message.InstanceId, cancellationToken);
        var definition = await db.Definitions.AsNoTracking()
            .FirstAsync(d => d.DefinitionId == instance.DefinitionId && d.Version == instance.DefinitionVersion, cancellationToken);
        var process = BpmnLoader.Load(definition.Xml).Definition?.Processes.FirstOrDefault(p => p.Id == instance.ProcessId);
        using var state = JsonDocument.Parse(instance.State);
        var variables = state.RootElement.TryGetProperty("variables", out var v) ? v : default;

        var now = time.GetUtcNow().ToOffset(Vietnam);
        var letter = new ApologyLetter(
            agencyOf(process?.Extensions.GetValueOrDefault("decidingUnit")),
            $"{message.Id}/PXL-{now:yyyy}",
            Text(variables, "applicantName") ?? "Ông/Bà",
            Day(instance.StartedAt),
            instance.BusinessKey ?? instance.InstanceId,
            process?.Name ?? instance.DefinitionId,
            Day(issued.OriginalDue),
            issued.Reason,
            Day(issued.NewDue),
            issued.Signer,
            Text(variables, "signerTitle") ?? "Lãnh đạo cơ quan giải quyết",
            DateOnly.FromDateTime(now.DateTime));

        var template = issued.Template.EndsWith(".scriban", StringComparison.Ordinal) ? issued.Template : issued.Template + ".html.scriban";
        db.Documents.Add(Record(message, issued, DocumentRecord.ApologyLetter, template, renderer.Render(template, letter)));
        await db.SaveChangesAsync(cancellationToken);
    }

    private DocumentRecord Record(OutboxMessage message, ApologyIssued issued, string kind, string template, string content) => new()
    {
        InstanceId = message.InstanceId,
        TaskId = issued.TaskId,
        Kind = kind,
        Template = template,
        Content = content,
        ContentHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content))),
        SignedBy = issued.Signer,
        SourceOutboxId = message.Id,
        CreatedAt = time.GetUtcNow(),
    };

    private static DateOnly Day(DateTimeOffset t) => DateOnly.FromDateTime(t.ToOffset(Vietnam).DateTime);

    private static string? Text(JsonElement variables, string name) =>
        variables.ValueKind == JsonValueKind.Object && variables.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
