using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Bpm.Server.Hosting;

/// <summary>
/// Behind a reverse proxy that ends TLS, the connection comes from the proxy over plain http. With
/// <c>Bpm:Security:KnownProxies</c> (the proxies' addresses) the client's address and scheme are
/// taken from their <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c>, so that rate limits count
/// each client rather than the proxy, and cookies are Secure. Headers from anyone else are ignored.
/// </summary>
public static class ReverseProxy
{
    public const string KnownProxiesKey = "Bpm:Security:KnownProxies";

    /// <summary>First in the pipeline: everything after sees the client's address.</summary>
    public static void UseBpmForwardedHeaders(this WebApplication app)
    {
        var proxies = app.Configuration.GetSection(KnownProxiesKey).Get<string[]>() ?? [];
        if (proxies.Length == 0)
        {
            return;
        }

        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (var proxy in proxies)
        {
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                ? address
                : throw new InvalidOperationException($"{KnownProxiesKey} holds '{proxy}', which is not an IP address."));
        }

        app.UseForwardedHeaders(options);
    }
}
