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

        var (partner, unsigned) = Verify(request, partners, time, logger, HandoffSignature.Sha256(body));
        if (partner is null)
        {
            return (null, unsigned);
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

    /// <summary>A file of a handoff's papers: its bytes as sent (at most <see cref="PartnerPapers.MaxFileBytes"/>, else a 413), verified as any request.</summary>
    public static async Task<(HandoffPartner? Partner, byte[]? Body, string? BodySha256, ProblemHttpResult? Problem)> ReadFileAsync(
        HttpRequest request, HandoffPartners partners, long maxBytes, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var body = await BoundedBody.ReadBytesAsync(request, maxBytes, cancellationToken);
        if (body is null)
        {
            var sender = request.Headers[HandoffSignature.PartnerHeader].FirstOrDefault();
            return (null, null, null, Logged(logger, request, sender, Problems.TooLarge("body", $"Tệp liên thông dài quá {maxBytes} byte (Bpm:Papers:MaxFileBytes); không có tệp nào được lưu."), "file too large"));
        }

        var sha256 = HandoffSignature.Sha256(body);
        var (partner, unsigned) = Verify(request, partners, time, logger, sha256);
        return (partner, body, sha256, unsigned);
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
            PartnerRefusalKind.TooLarge => Problems.TooLarge(refusal.Field ?? "body", refusal.Message),
            PartnerRefusalKind.UnsupportedType => TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Loại tệp không được nhận", detail: refusal.Message,
                extensions: new Dictionary<string, object?> { ["field"] = refusal.Field }),
            _ => Problems.BadRequest(refusal.Field ?? "body", refusal.Message),
        };
    }

    private static (HandoffPartner? Partner, ProblemHttpResult? Problem) Verify(HttpRequest request, HandoffPartners partners, TimeProvider time, ILogger logger, string bodySha256)
    {
        var sender = request.Headers[HandoffSignature.PartnerHeader].FirstOrDefault();
        var check = SignedRequestCheck.OfHashed(
            partners, sender, request.Method, (request.PathBase + request.Path).Value ?? "",
            request.Headers[HandoffSignature.TimestampHeader].FirstOrDefault(), request.Headers[HandoffSignature.SignatureHeader].FirstOrDefault(), bodySha256, time.GetUtcNow(),
            request.Headers[HandoffSignature.KeyIdHeader].FirstOrDefault());
        if (check.Partner is { } partner)
        {
            return (partner, null);
        }

        return (null, Logged(logger, request, sender, TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Yêu cầu liên thông không được xác thực", detail: check.Refusal), check.Refusal!));
    }

    private static (Verified<T>?, ProblemHttpResult?) Refused<T>(ILogger logger, HttpRequest request, string? sender, ProblemHttpResult problem, string reason) =>
        (null, Logged(logger, request, sender, problem, reason));

    private static ProblemHttpResult Logged(ILogger logger, HttpRequest request, string? sender, ProblemHttpResult problem, string reason)
    {
        logger.LogWarning("Handoff request on {Path} from {Partner} refused: {Reason}", request.Path.Value, sender ?? "(none)", reason);
        return problem;
    }
}
