namespace Bpm.Server.Hosting;

/// <summary>
/// The headers every response carries, pages, API answers and errors alike: a content security
/// policy, no MIME sniffing, no referrer to other sites, no powerful browser features, no framing.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Scripts only from the server itself (Blazor's <c>_framework/blazor.web.js</c>, MudBlazor's
    /// script, the designer's bundle under <c>/designer/</c>), never inline. Inline styles are
    /// allowed because MudBlazor and bpmn-js set style attributes; images and fonts may be data URIs
    /// (bpmn-js icons and font). Set <c>Bpm:Security:ContentSecurityPolicy</c> to replace it.
    /// </summary>
    public const string DefaultPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Scalar's API reference starts from an inline module script and loads its fonts from its own CDN; only <c>/api-docs</c> gets this.</summary>
    public const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        + "font-src 'self' data: https://fonts.scalar.com; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string ApiReferencePath = "/api-docs";

    /// <summary>First in the pipeline, so that error answers carry the headers too.</summary>
    public static void UseBpmSecurityHeaders(this WebApplication app)
    {
        var policy = app.Configuration["Bpm:Security:ContentSecurityPolicy"] is { Length: > 0 } configured ? configured : DefaultPolicy;
        if (!app.Environment.IsDevelopment())
        {
            // Strict-Transport-Security on HTTPS answers only; plain http (development, tests) is left alone.
            app.UseHsts();
        }

        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                var server = context.Request.Path.StartsWithSegments(ApiReferencePath) ? ApiReferencePolicy : policy;
                headers.ContentSecurityPolicy = WithEndpointDirectives(server, headers.ContentSecurityPolicy.ToString());
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    /// <summary>
    /// The server's policy plus the directives an endpoint added that it does not have (a stored
    /// file's <c>sandbox</c>). This callback was registered first, so it runs after the endpoint
    /// wrote its headers; a directive the server's policy already has (the framework's
    /// <c>frame-ancestors 'self'</c> on component pages) stays the server's, so nothing is loosened.
    /// </summary>
    internal static string WithEndpointDirectives(string server, string endpoint)
    {
        if (endpoint.Length == 0 || endpoint == server)
        {
            return server;
        }

        var names = server.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(NameOf).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var added = endpoint.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Where(d => names.Add(NameOf(d)));
        return string.Join("; ", [server, .. added]);
    }

    private static string NameOf(string directive) => directive.Split(' ', 2)[0];
}
