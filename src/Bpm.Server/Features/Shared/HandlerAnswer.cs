using Microsoft.AspNetCore.Http.HttpResults;

namespace Bpm.Server.Features.Shared;

/// <summary>
/// What an API handler answered, read by a page that called it directly (ADR 0006: pages call the
/// same handlers as the endpoints): the value on success, else the problem's Vietnamese detail and
/// status, which the page shows beside the form and answers with.
/// </summary>
public sealed record HandlerAnswer<T>(T? Value, string? Problem, int Status, IReadOnlyDictionary<string, string[]> FieldErrors)
    where T : class
{
    public bool Succeeded => Problem is null && Value is not null;

    public static HandlerAnswer<T> Of(IResult result) => result switch
    {
        IValueHttpResult<T> { Value: { } value } => new(value, null, StatusCodes.Status200OK, Empty),
        ValidationProblem v => new(null, v.ProblemDetails.Detail ?? "Dữ liệu nhập chưa hợp lệ.", StatusCodes.Status400BadRequest, v.ProblemDetails.Errors.ToDictionary()),
        ProblemHttpResult p => new(null, p.ProblemDetails.Detail ?? p.ProblemDetails.Title ?? "Không thực hiện được.", p.StatusCode, FieldsOf(p)),
        _ => throw new InvalidOperationException($"a handler answered {result.GetType().Name}, which a page does not read"),
    };

    private static readonly IReadOnlyDictionary<string, string[]> Empty = new Dictionary<string, string[]>();

    /// <summary>A 400 from <c>Problems.BadRequest(field, …)</c> carries its field in <c>errors</c>.</summary>
    private static IReadOnlyDictionary<string, string[]> FieldsOf(ProblemHttpResult problem) =>
        problem.ProblemDetails is Microsoft.AspNetCore.Http.HttpValidationProblemDetails v ? v.Errors.ToDictionary() : Empty;
}
