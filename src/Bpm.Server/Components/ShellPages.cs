using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Components;

namespace Bpm.Server.Components;

/// <summary>
/// A page that an endpoint handler answers with (a refusal, a message) instead of a route: the
/// component rendered inside the same document and layout as the routed pages, with a status code.
/// </summary>
public static class ShellPages
{
    public static RazorComponentResult<App> Result<TPage>(int statusCode, IReadOnlyDictionary<string, object?>? parameters = null, Type? layout = null)
        where TPage : IComponent =>
        new(new Dictionary<string, object?>
        {
            [nameof(App.Page)] = typeof(TPage),
            [nameof(App.PageParameters)] = parameters is null ? null : new Dictionary<string, object?>(parameters),
            [nameof(App.Layout)] = layout,
        })
        {
            StatusCode = statusCode,
        };
}
