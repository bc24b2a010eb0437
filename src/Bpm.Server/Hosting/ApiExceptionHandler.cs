using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bpm.Engine.Calendar;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Hosting;

/// <summary>
/// Turns exceptions into ProblemDetails: a request the server could not read (malformed JSON, a
/// body too large) names the field and line; a lost optimistic-concurrency race is a 409; a due date
/// outside the working calendar's coverage is a 422 naming the covered period; anything
/// else is a 500 whose body carries the trace id, never a stack trace.
/// </summary>
internal sealed partial class ApiExceptionHandler(IProblemDetailsService problemDetails, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException bad => FromBadRequest(bad),
            DbUpdateConcurrencyException => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Dữ liệu đã bị người khác thay đổi",
                Detail = "Bản ghi đã được cập nhật bởi một yêu cầu khác; hãy tải lại rồi thử lại.",
            },
            CalendarCoverageException outside => FromCalendarCoverage(outside),
            _ => null,
        };

        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Lỗi máy chủ",
                Detail = "Máy chủ gặp lỗi khi xử lý yêu cầu. Hãy báo cho quản trị viên kèm mã truy vết (traceId).",
            };
        }
        else
        {
            logger.LogInformation("Request refused with {Status}: {Message}", problem.Status, exception.Message);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>A due date that would need a day the holiday rules do not cover: refused, never counted without holidays.</summary>
    private static ProblemDetails FromCalendarCoverage(CalendarCoverageException outside) => new()
    {
        Status = StatusCodes.Status422UnprocessableEntity,
        Title = "Ngày nằm ngoài lịch làm việc",
        Detail = string.Create(CultureInfo.InvariantCulture,
            $"Không tính được thời hạn theo ngày làm việc: ngày {outside.Date:dd/MM/yyyy} nằm ngoài khoảng thời gian lịch làm việc có quy định ngày nghỉ lễ ({outside.CoveredFrom:dd/MM/yyyy} – {outside.CoveredTo:dd/MM/yyyy})."),
        Extensions =
        {
            ["date"] = outside.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["coveredFrom"] = outside.CoveredFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["coveredTo"] = outside.CoveredTo.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        },
    };

    private static ProblemDetails FromBadRequest(BadHttpRequestException bad)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "Nội dung yêu cầu quá lớn",
                Detail = "Nội dung gửi lên vượt quá giới hạn của máy chủ.",
            };
        }

        if (UnboundParameter().Match(bad.Message) is { Success: true } unbound)
        {
            // A route, query or header value of the wrong type (page=99999999999): named like any other field, not as unreadable JSON.
            var name = unbound.Groups["name"].Value;
            var value = unbound.Groups["value"].Value;
            return new ValidationProblemDetails(new Dictionary<string, string[]>
            {
                [name] = [$"Giá trị '{(value.Length <= 100 ? value : value[..100] + "…")}' không đọc được thành {TypeName(unbound.Groups["type"].Value)}."],
            })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Tham số không hợp lệ",
                Detail = $"Tham số {name} của yêu cầu không đọc được; không có gì thay đổi.",
            };
        }

        var errors = new Dictionary<string, string[]>();
        if (bad.InnerException is JsonException json)
        {
            var field = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "$" : json.Path;
            var where = json.LineNumber is { } line ? $" (dòng {line + 1}, vị trí {json.BytePositionInLine})" : "";
            errors[field] = [$"JSON không hợp lệ tại {field}{where}."];
        }
        else
        {
            errors["$"] = [bad.Message];
        }

        return new ValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Yêu cầu không đọc được",
            Detail = "Nội dung yêu cầu không phải JSON hợp lệ hoặc thiếu trường bắt buộc.",
        };
    }

    /// <summary>Minimal APIs' message for a parameter it could not convert, e.g. <c>Failed to bind parameter "Nullable&lt;int&gt; page" from "99999999999".</c></summary>
    [GeneratedRegex("^Failed to bind parameter \"(?<type>[^\"]+?) (?<name>[A-Za-z_][A-Za-z0-9_]*)\" from \"(?<value>.*)\"\\.?$", RegexOptions.Singleline)]
    private static partial Regex UnboundParameter();

    private static string TypeName(string type) => type.Replace("Nullable<", "", StringComparison.Ordinal).TrimEnd('>') switch
    {
        "int" or "long" or "short" => "số nguyên trong giới hạn",
        "bool" => "true hoặc false",
        "DateTimeOffset" or "DateTime" or "DateOnly" => "ngày giờ",
        "Guid" => "mã định danh",
        var other => other,
    };
}
