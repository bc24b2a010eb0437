using Bpm.Server.Hosting;
using Microsoft.AspNetCore.Identity;

namespace Bpm.Server.Security;

/// <summary>
/// A page on another site must not be able to act with a signed-in officer's cookie. Every unsafe
/// API request (POST, PUT, PATCH, DELETE) that would be authenticated by the cookie is refused
/// when the browser says it comes from elsewhere: <c>Sec-Fetch-Site</c> other than
/// <c>same-origin</c>/<c>none</c>, or else an <c>Origin</c> that is not this server's (nor one of
/// <c>Bpm:Security:AllowedOrigins</c>). Browsers send one or both on every cross-origin request;
/// clients that send neither are not browsers and carry no ambient cookie of a victim. Bearer
/// tokens and API keys are not ambient, so their callers are not checked. The designer and the
/// pages call from the same origin and pass without any extra header.
/// </summary>
public static class CrossSiteRequests
{
    public static void UseBpmCrossSiteRequestCheck(this WebApplication app)
    {
        var allowed = app.Configuration.GetSection("Bpm:Security:AllowedOrigins").Get<string[]>() ?? [];
        app.Use(async (context, next) =>
        {
            if (IsCrossSiteCookieRequest(context.Request, allowed))
            {
                await Problems.WriteAsync(
                    context,
                    StatusCodes.Status403Forbidden,
                    "Yêu cầu từ trang khác bị từ chối",
                    "Yêu cầu thay đổi dữ liệu phải được gửi từ chính trang Bpm; yêu cầu từ trang web khác không được dùng phiên đăng nhập của bạn.");
                return;
            }

            await next(context);
        });
    }

    internal static bool IsCrossSiteCookieRequest(HttpRequest request, IReadOnlyCollection<string> allowedOrigins)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method)
            || !request.Path.StartsWithSegments("/api"))
        {
            return false;
        }

        if (AuthenticationSetup.SelectScheme(request.HttpContext) != IdentityConstants.ApplicationScheme)
        {
            return false;
        }

        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            return site is not ("same-origin" or "none");
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return false;
        }

        return !(Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase))
            && !allowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase);
    }
}
