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

/// <summary>What the partner acknowledges with: the handoff, its child, and the handoff's status there.</summary>
public sealed record HandoffAcknowledgement(string HandoffKey, string? ChildInstanceId, string Status);

internal static class HandoffWire
{
    public static string Json<T>(T message) => JsonSerializer.Serialize(message, JsonSerializerOptions.Web);
}
