using System.Text.Json;
using Bpm.Dossiers.Handoffs;
using Bpm.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bpm.Server.Features.Handoffs;

/// <summary>
/// A request from a partner installation, verified before anything reads its meaning: the body as
/// sent (at most <see cref="MaxBodyBytes"/>), the sender, the timestamp window and the signature
/// over method, path, time and body. A refusal is a ProblemDetails saying what failed, and is logged.
/// </summary>
internal static class PartnerRequests
{
    public const int MaxBodyBytes = 256 * 1024;

    public sealed record Verified<T>(HandoffPartner Partner, T Message, string BodySha256);

    public static async Task<(Verified<T>? Request, ProblemHttpResult? Problem)> ReadAsync<T>(
        HttpRequest request, HandoffPartners partners, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
        where T : class
    {
        var body = await BoundedBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        var sender = request.Headers[HandoffSignature.PartnerHeader].FirstOrDefault();
        if (body is null)
        {
            return Refused<T>(logger, request, sender, Problems.TooLarge("body", $"Yêu cầu liên thông dài quá {MaxBodyBytes} byte."), "body too large");
        }

        var check = SignedRequestCheck.Of(
            partners, sender, request.Method, (request.PathBase + request.Path).Value ?? "",
            request.Headers[HandoffSignature.TimestampHeader].FirstOrDefault(), request.Headers[HandoffSignature.SignatureHeader].FirstOrDefault(), body, time.GetUtcNow());
        if (check.Partner is not { } partner)
        {
            return Refused<T>(logger, request, sender, TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Yêu cầu liên thông không được xác thực", detail: check.Refusal), check.Refusal!);
        }

        T? message;
        try
        {
            message = JsonSerializer.Deserialize<T>(body, JsonSerializerOptions.Web);
        }
        catch (JsonException e)
        {
            var where = e.Path is { Length: > 0 } path ? $" tại {path}" : "";
            return Refused<T>(logger, request, sender, Problems.BadRequest("body", $"Nội dung yêu cầu liên thông không phải JSON hợp lệ{where} (dòng {e.LineNumber + 1})."), "not JSON");
        }

        return message is null
            ? Refused<T>(logger, request, sender, Problems.BadRequest("body", "Nội dung yêu cầu liên thông trống."), "empty")
            : (new Verified<T>(partner, message, HandoffSignature.Sha256(body)), null);
    }

    /// <summary>A refusal of the message itself (after its signature was verified), as a ProblemDetails, logged.</summary>
    public static ProblemHttpResult Problem(PartnerRefusal refusal, ILogger logger, HttpRequest request, string partner)
    {
        logger.LogWarning("Handoff message on {Path} from partner {Partner} refused ({Kind}): {Reason}", request.Path.Value, partner, refusal.Kind, refusal.Message);
        return refusal.Kind switch
        {
            PartnerRefusalKind.NotFound => Problems.NotFound(refusal.Message),
            PartnerRefusalKind.Conflict => Problems.Conflict(refusal.Message, new Dictionary<string, object?> { ["field"] = refusal.Field }),
            PartnerRefusalKind.Unprocessable => Problems.Unprocessable("Không tiếp nhận được yêu cầu liên thông", refusal.Message, new Dictionary<string, object?> { ["field"] = refusal.Field }),
            _ => Problems.BadRequest(refusal.Field ?? "body", refusal.Message),
        };
    }

    private static (Verified<T>?, ProblemHttpResult?) Refused<T>(ILogger logger, HttpRequest request, string? sender, ProblemHttpResult problem, string reason)
    {
        logger.LogWarning("Handoff request on {Path} from {Partner} refused: {Reason}", request.Path.Value, sender ?? "(none)", reason);
        return (null, problem);
    }
}
