using System.Globalization;
using System.Threading.RateLimiting;
using Bpm.Server.Hosting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Bpm.Server.Security;

/// <summary>
/// One limiter for every request, per client (<see cref="RateLimitOptions.PermitLimit"/>), chained
/// with a tighter one for sign-in attempts (<see cref="RateLimitOptions.SignInPermitLimit"/>) and
/// one for the public look-up (<see cref="RateLimitOptions.PublicLookupPermitLimit"/>).
/// Over a limit is a 429 ProblemDetails with <c>Retry-After</c>. Counts are kept per host.
/// </summary>
public static class RateLimiting
{
    /// <summary>Where passwords are sent: the API's login and token, and the sign-in form.</summary>
    private static readonly string[] SignInPaths = ["/api/v1/auth/login", "/api/v1/auth/token", "/account/login"];

    public static void AddBpmRateLimits(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<RateLimitOptions>(builder.Configuration.GetSection(RateLimitOptions.Section));
        services.AddSingleton<SignInThrottle>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((o, limits) =>
        {
            var l = limits.Value;
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(c => RateLimitPartition.GetFixedWindowLimiter(ClientOf(c), _ => Window(l.PermitLimit, l.Window))),
                PartitionedRateLimiter.Create<HttpContext, string>(c => IsSignIn(c.Request)
                    ? RateLimitPartition.GetFixedWindowLimiter("sign-in " + ClientOf(c), _ => Window(l.SignInPermitLimit, l.Window))
                    : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(c => IsPublicLookup(c.Request)
                    ? RateLimitPartition.GetFixedWindowLimiter("look-up " + ClientOf(c), _ => Window(l.PublicLookupPermitLimit, l.Window))
                    : RateLimitPartition.GetNoLimiter("")));
            o.OnRejected = RejectAsync;
        });
    }

    public static void UseBpmRateLimits(this WebApplication app) => app.UseRateLimiter();

    /// <summary>The client a request counts against: its remote address (forwarded, when configured).</summary>
    public static string ClientOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static bool IsSignIn(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && SignInPaths.Any(p => request.Path.Equals(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>A look-up without sign-in: the public API, or the look-up page's form posted (reading the empty page costs nothing).</summary>
    private static bool IsPublicLookup(HttpRequest request) =>
        request.Path.StartsWithSegments(Features.Public.PublicApi.Prefix, StringComparison.OrdinalIgnoreCase)
        || (HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments(Features.Public.PublicLookupPage.Path, StringComparison.OrdinalIgnoreCase));

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = Math.Max(1, permits), Window = window, QueueLimit = 0, AutoReplenishment = true };

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : (TimeSpan?)null;
        if (wait is { } w)
        {
            context.Response.Headers.RetryAfter = Math.Ceiling(w.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        await Problems.WriteAsync(
            context,
            StatusCodes.Status429TooManyRequests,
            "Quá nhiều yêu cầu",
            wait is { } after
                ? $"Máy của bạn gửi quá nhiều yêu cầu; hãy thử lại sau {Math.Ceiling(after.TotalSeconds)} giây."
                : "Máy của bạn gửi quá nhiều yêu cầu; hãy thử lại sau ít phút.");
    }
}
