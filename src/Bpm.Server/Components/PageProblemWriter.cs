using Bpm.Server.Components.Layout;
using Bpm.Server.Components.Pages;
using Microsoft.AspNetCore.Http.Headers;
using Microsoft.Net.Http.Headers;

namespace Bpm.Server.Components;

/// <summary>
/// Errors met by a person in a browser get a Vietnamese page instead of ProblemDetails JSON: an
/// unknown address the not-found page, anything else the error page with the request id and no
/// detail. The API (<c>/api</c>) and clients that do not ask for HTML keep ProblemDetails. Registered
/// before AddProblemDetails, so that it is asked before the JSON writer.
/// </summary>
internal sealed class PageProblemWriter : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context)
    {
        var request = context.HttpContext.Request;
        return !request.Path.StartsWithSegments("/api") && AcceptsHtml(request.GetTypedHeaders());
    }

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var status = context.ProblemDetails.Status ?? http.Response.StatusCode;
        var page = status == StatusCodes.Status404NotFound
            ? ShellPages.Result<NotFoundPage>(status)
            : ShellPages.Result<ErrorPage>(
                status,
                new Dictionary<string, object?> { [nameof(ErrorPage.StatusCode)] = status, [nameof(ErrorPage.RequestId)] = RequestId(http) },
                typeof(PlainLayout));

        // A fresh scope: the failing page may already have initialised this request's component
        // services (navigation, authentication state), which render only once per scope.
        var requestServices = http.RequestServices;
        await using var scope = requestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        http.RequestServices = scope.ServiceProvider;
        try
        {
            await page.ExecuteAsync(http);
        }
        finally
        {
            http.RequestServices = requestServices;
        }
    }

    /// <summary>The id the logs carry for this request (as the API's <c>traceId</c>).</summary>
    public static string RequestId(HttpContext http) => System.Diagnostics.Activity.Current?.Id ?? http.TraceIdentifier;

    private static bool AcceptsHtml(RequestHeaders headers) =>
        headers.Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) && a.Quality is not 0);
}
