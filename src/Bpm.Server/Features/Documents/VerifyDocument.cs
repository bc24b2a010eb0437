using System.Text.Json;
using Bpm.Documents.Signing;
using Bpm.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bpm.Server.Features.Documents;

/// <summary>
/// <c>POST /api/v1/documents/verify</c>: is this file exactly what the unit issued? Multipart with
/// <c>file</c> and <c>signature</c> (or <c>documentId</c>), or JSON with base64 <c>content</c> and
/// <c>signature</c>. A definite answer — valid or not — is a 200; unusable input is a 400 or 413.
/// </summary>
public static class VerifyDocument
{
    /// <summary>An issued form is tens of kilobytes; a megabyte leaves room for a result paper without inviting uploads.</summary>
    public const long MaxFileBytes = 1024 * 1024;

    /// <summary>File and signature, base64 or multipart overhead included.</summary>
    public const long MaxRequestBytes = 3 * MaxFileBytes;

    public sealed record Request(string? Content, string? Signature, Guid? DocumentId, string? UnitCode);

    public sealed record Response(bool Valid, string Reason, string? UnitCode, string? Signer, DateTimeOffset? SignedAt, string Sha256, bool DevelopmentCertificate);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> HandleAsync(
        HttpRequest request, DocumentVerifier verifier, IIssuedDocumentStore store, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxRequestBytes)
        {
            return Problems.TooLarge("file", $"Yêu cầu dài {request.ContentLength} byte, quá giới hạn {MaxRequestBytes} byte.");
        }

        Input input;
        try
        {
            input = request.HasFormContentType ? await FromFormAsync(request, cancellationToken) : await FromJsonAsync(request, cancellationToken);
        }
        catch (BadInputException e)
        {
            return e.Status == StatusCodes.Status413PayloadTooLarge ? Problems.TooLarge(e.Field, e.Message) : Problems.BadRequest(e.Field, e.Message);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problems.TooLarge("file", $"Yêu cầu quá giới hạn {MaxRequestBytes} byte.");
        }

        var result = input.DocumentId is { } id && input.Signature is null
            ? await verifier.VerifyIssuedAsync(store, id, input.Content, cancellationToken)
            : verifier.Verify(input.Content, input.Signature!, input.UnitCode);
        return TypedResults.Ok(new Response(result.IsValid, result.Reason, result.UnitCode, result.Signer, result.SignedAt, result.Sha256, result.DevelopmentCertificate));
    }

    private sealed record Input(byte[] Content, byte[]? Signature, Guid? DocumentId, string? UnitCode);

    private sealed class BadInputException(string field, string message, int status = StatusCodes.Status400BadRequest) : Exception(message)
    {
        public string Field { get; } = field;

        public int Status { get; } = status;
    }

    private static async Task<Input> FromFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var form = await request.ReadFormAsync(cancellationToken);
        var content = await ReadFileAsync(form.Files.GetFile("file"), "file", cancellationToken)
            ?? throw new BadInputException("file", "Thiếu tệp cần kiểm tra (trường 'file').");
        var signature = await ReadFileAsync(form.Files.GetFile("signature"), "signature", cancellationToken);
        return Complete(content, signature, form["documentId"].ToString(), form["unitCode"].ToString());
    }

    private static async Task<Input> FromJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        Request? body;
        try
        {
            body = await request.ReadFromJsonAsync<Request>(cancellationToken);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new BadInputException("body", "Cần multipart/form-data (file, signature) hoặc JSON { content, signature } với nội dung base64.");
        }

        if (body?.Content is not { Length: > 0 } content)
        {
            throw new BadInputException("content", "Thiếu nội dung tệp cần kiểm tra (trường 'content', base64).");
        }

        return Complete(Base64(content, "content"), body.Signature is { Length: > 0 } s ? Base64(s, "signature") : null, body.DocumentId?.ToString(), body.UnitCode);
    }

    private static Input Complete(byte[] content, byte[]? signature, string? documentId, string? unitCode)
    {
        Guid? id = null;
        if (!string.IsNullOrEmpty(documentId))
        {
            id = Guid.TryParse(documentId, out var parsed) ? parsed : throw new BadInputException("documentId", $"'{documentId}' không phải mã văn bản đã cấp (GUID).");
        }

        if (signature is null && id is null)
        {
            throw new BadInputException("signature", "Thiếu chữ ký số (trường 'signature', tệp .p7s) hoặc mã văn bản đã cấp ('documentId').");
        }

        return new Input(content, signature, id, string.IsNullOrEmpty(unitCode) ? null : unitCode);
    }

    private static async Task<byte[]?> ReadFileAsync(IFormFile? file, string field, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            return null;
        }

        if (file.Length > MaxFileBytes)
        {
            throw new BadInputException(field, $"Tệp '{file.FileName}' dài {file.Length} byte, quá giới hạn {MaxFileBytes} byte.", StatusCodes.Status413PayloadTooLarge);
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    private static byte[] Base64(string text, string field)
    {
        var bytes = new byte[text.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(text, bytes, out var written))
        {
            throw new BadInputException(field, $"Trường '{field}' không phải base64 hợp lệ.");
        }

        return written > MaxFileBytes
            ? throw new BadInputException(field, $"Trường '{field}' dài {written} byte, quá giới hạn {MaxFileBytes} byte.", StatusCodes.Status413PayloadTooLarge)
            : bytes[..written];
    }
}
