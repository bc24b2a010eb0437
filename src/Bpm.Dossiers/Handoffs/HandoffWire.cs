using System.Text.Json;

namespace Bpm.Dossiers.Handoffs;

/// <summary>
/// What a handoff to a partner installation carries (<c>POST api/v1/handoffs/inbound</c>): the
/// dossier code, the target agency and procedure, the sending step and unit, the target's own
/// allowance, what the local coordinator hands over (applicant's name, channel, the papers by
/// reference with their files' SHA-256), and where to answer. <see cref="Key"/> is the
/// idempotency key: the partner starts one child per key.
/// </summary>
public sealed record HandoffRequest(
    string Key, string DossierCode, string Agency, string Procedure, string Step, string? SentBy, string? Allowance,
    string? ApplicantName, string? Channel, JsonElement? Papers, string CallbackUrl);

/// <summary>The partner's answer (<c>POST api/v1/handoffs/callback</c>): the child's outcome for the handoff <see cref="HandoffKey"/>.</summary>
public sealed record HandoffAnswer(string Key, string HandoffKey, string Outcome, string ChildInstanceId, string? Evaluation);

/// <summary>The sender withdraws handoff <see cref="HandoffKey"/> (<c>POST api/v1/handoffs/inbound/cancel</c>): the partner cancels its child.</summary>
public sealed record HandoffCancel(string Key, string HandoffKey, string Reason);

/// <summary>
/// One file of a handoff's papers, sent after the handoff (<c>POST api/v1/handoffs/inbound/papers</c>):
/// the body is the file's bytes, signed as any request (the signature covers their SHA-256);
/// <see cref="HandoffKeyHeader"/> and <see cref="FileIdHeader"/> say which handoff and which of its
/// files it is. The partner takes it only when its SHA-256 and size are those the handoff listed,
/// so a header changed on the way can at most point at another listing of the very same bytes.
/// </summary>
public sealed record HandoffPaperFile(string HandoffKey, string FileId, string PaperId, string Sha256, long Size, string? ContentType, string? FileName)
{
    public const string HandoffKeyHeader = "Bpm-Handoff-Key";
    public const string FileIdHeader = "Bpm-File-Id";

    /// <summary>The files of a handoff's <c>papers</c> (each paper's <c>files</c>, as the dossier keeps them), for <paramref name="handoffKey"/>.</summary>
    public static IEnumerable<HandoffPaperFile> Of(string handoffKey, JsonElement? papers)
    {
        if (papers is not { ValueKind: JsonValueKind.Array } list)
        {
            yield break;
        }

        foreach (var paper in list.EnumerateArray())
        {
            if (paper.ValueKind != JsonValueKind.Object || !paper.TryGetProperty("files", out var files) || files.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            var paperId = paper.TryGetProperty("id", out var id) ? id.GetString() ?? "" : "";
            foreach (var file in files.EnumerateArray())
            {
                if (Text(file, "fileId") is { } fileId && Text(file, "sha256") is { } sha256 && file.TryGetProperty("size", out var size) && size.TryGetInt64(out var bytes))
                {
                    yield return new HandoffPaperFile(handoffKey, fileId, paperId, sha256, bytes, Text(file, "contentType"), Text(file, "fileName"));
                }
            }
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>What the partner acknowledges with: the handoff, its child, and the handoff's status there.</summary>
public sealed record HandoffAcknowledgement(string HandoffKey, string? ChildInstanceId, string Status);

internal static class HandoffWire
{
    public static string Json<T>(T message) => JsonSerializer.Serialize(message, JsonSerializerOptions.Web);
}
