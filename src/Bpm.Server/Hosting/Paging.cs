using Microsoft.AspNetCore.Http.HttpResults;

namespace Bpm.Server.Hosting;

/// <summary>page (from 1) and pageSize (1–200, default 50) of the list endpoints.</summary>
public static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public static ValidationProblem? Check(int? page, int? pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        if (page is < 1)
        {
            errors["page"] = ["Số trang bắt đầu từ 1."];
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"Cỡ trang từ 1 đến {MaxPageSize}."];
        }

        return errors.Count == 0 ? null : Problems.Invalid(errors);
    }

    public static (int Skip, int Take) Window(int? page, int? pageSize)
    {
        var size = pageSize ?? DefaultPageSize;
        return (((page ?? 1) - 1) * size, size);
    }
}
