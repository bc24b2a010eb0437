using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bpm.Server.Hosting;

/// <summary>
/// Writes <c>/health</c> as JSON: the overall status and each check's name and status, in words
/// (Healthy, Degraded, Unhealthy), and nothing else. <c>/health</c> answers anyone (load balancers
/// ask it unsigned), so a failing check's exception, which may name hosts, users or SQL, goes only
/// to the log (the health check service logs it), never into the answer; that holds for admins too.
/// </summary>
internal static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString() }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
