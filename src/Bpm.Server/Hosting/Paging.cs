using Microsoft.AspNetCore.Http.HttpResults;

namespace Bpm.Server.Hosting;

/// <summary>page (1 to <see cref="MaxPage"/>) and pageSize (1–200, default 50, unless a list sets its own) of the list endpoints.</summary>
public static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>Far beyond any list, and low enough that the rows skipped always fit in an int.</summary>
    public const int MaxPage = 1_000_000;

    public static ValidationProblem? Check(int? page, int? pageSize, int maxPageSize = MaxPageSize)
    {
        var errors = new Dictionary<string, string[]>();
        if (page is < 1 or > MaxPage)
        {
            errors["page"] = [$"Số trang từ 1 đến {MaxPage}."];
        }

        if (pageSize < 1 || pageSize > maxPageSize)
        {
            errors["pageSize"] = [$"Cỡ trang từ 1 đến {maxPageSize}."];
        }

        return errors.Count == 0 ? null : Problems.Invalid(errors);
    }

    /// <summary>The rows to skip and take; call after <see cref="Check"/> has passed.</summary>
    public static (int Skip, int Take) Window(int? page, int? pageSize, int defaultPageSize = DefaultPageSize)
    {
        var size = pageSize ?? defaultPageSize;
        return (checked(((page ?? 1) - 1) * size), size);
    }
}
