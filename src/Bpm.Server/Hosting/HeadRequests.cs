namespace Bpm.Server.Hosting;

/// <summary>
/// <c>HEAD</c> answered as <c>GET</c> without the body (RFC 9110 §9.3.2): the pages and the API
/// map GET only, and uptime monitors and link checkers ask with HEAD. Runs before routing so that
/// the GET endpoint is the one matched; the body is written nowhere.
/// </summary>
public static class HeadRequests
{
    public static void UseBpmHeadAsGet(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await next(context);
                return;
            }

            context.Request.Method = HttpMethods.Get;
            var body = context.Response.Body;
            context.Response.Body = Stream.Null;
            try
            {
                await next(context);
            }
            finally
            {
                context.Response.Body = body;
                context.Request.Method = HttpMethods.Head;
            }
        });

        // Explicitly here, after the rewrite: left implicit, routing would run first and match on HEAD.
        app.UseRouting();
    }
}
