using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Bpm.Server.Hosting;

/// <summary>The ProblemDetails the features return, with Vietnamese titles and field-level errors.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy", detail: what);

    public static ProblemHttpResult Conflict(string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Xung đột", detail: detail, extensions: extensions);

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Không có quyền", detail: detail);

    public static ValidationProblem Invalid(string field, string message, string? detail = null) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: detail, title: "Yêu cầu không hợp lệ");

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors, string? detail = null) =>
        TypedResults.ValidationProblem(errors, detail: detail, title: "Yêu cầu không hợp lệ");

    /// <summary>A 400 with field-level errors, typed as a problem so it joins any <c>Results</c> union.</summary>
    public static ProblemHttpResult BadRequest(string field, string message, string? detail = null) =>
        TypedResults.Problem(new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Yêu cầu không hợp lệ",
            Detail = detail ?? message,
        });

    public static ProblemHttpResult Unprocessable(string title, string detail, IDictionary<string, object?> extensions) =>
        TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: title, detail: detail, extensions: extensions);

    /// <summary>Writes a problem from middleware, where no endpoint returns a result (a rate limit, a cross-site request, an overlong address).</summary>
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    public static ProblemHttpResult TooLarge(string field, string detail) =>
        TypedResults.Problem(new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [detail] })
        {
            Status = StatusCodes.Status413PayloadTooLarge,
            Title = "Nội dung quá lớn",
            Detail = detail,
        });
}
