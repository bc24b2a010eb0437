using System.Text;
using System.Text.Json;

namespace Bpm.Server.Hosting;

/// <summary>
/// What callers may put into a dossier's variables: how many, how deep, how large in all, and
/// not the names the system writes itself (the decision <c>outcome</c>, the officer's <c>comment</c>),
/// which only the request's own fields set.
/// </summary>
internal static class VariableLimits
{
    public const int MaxNameLength = 100;

    /// <summary>Written by the engine or the server from the request's own fields; a caller's variable would forge them.</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "outcome", "comment" };

    public static void Check(string field, IReadOnlyDictionary<string, JsonElement>? variables, LimitsOptions limits, Dictionary<string, string[]> errors)
    {
        if (variables is null)
        {
            return;
        }

        if (variables.Count > limits.MaxVariables)
        {
            errors[field] = [$"Tối đa {limits.MaxVariables} biến trong một yêu cầu; đã gửi {variables.Count} biến."];
            return;
        }

        long bytes = 0;
        foreach (var (name, value) in variables)
        {
            var where = $"{field}.{Shorten(name)}";
            if (name.Length is 0 or > MaxNameLength)
            {
                errors[where] = [$"Tên biến từ 1 đến {MaxNameLength} ký tự."];
            }
            else if (Reserved.Contains(name))
            {
                errors[where] = [$"'{name}' là tên biến dành riêng của hệ thống; kết quả xử lý gửi trong trường outcome, ý kiến trong trường comment."];
            }
            else if (Depth(value, limits.MaxVariableDepth + 1) > limits.MaxVariableDepth)
            {
                errors[where] = [$"Giá trị lồng nhau quá {limits.MaxVariableDepth} cấp."];
            }

            bytes += Encoding.UTF8.GetByteCount(name) + Encoding.UTF8.GetByteCount(value.GetRawText());
        }

        if (bytes > limits.MaxVariablesBytes)
        {
            errors[field] = [$"Tổng dung lượng các biến tối đa {limits.MaxVariablesBytes} byte; đã gửi {bytes} byte."];
        }
    }

    /// <summary>A field name fit to show back: the first characters of a long or odd name.</summary>
    public static string Shorten(string name) => name.Length <= MaxNameLength ? name : name[..MaxNameLength] + "…";

    /// <summary>Levels of objects and arrays, counted no further than <paramref name="stopAt"/>.</summary>
    private static int Depth(JsonElement value, int stopAt)
    {
        if (stopAt <= 0 || value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            return 0;
        }

        var deepest = 0;
        var children = value.ValueKind == JsonValueKind.Object
            ? value.EnumerateObject().Select(p => p.Value)
            : value.EnumerateArray();
        foreach (var child in children)
        {
            deepest = Math.Max(deepest, Depth(child, stopAt - 1));
            if (deepest >= stopAt - 1)
            {
                break;
            }
        }

        return deepest + 1;
    }
}
