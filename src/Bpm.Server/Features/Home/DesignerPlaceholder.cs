using Bpm.Server.Components;

namespace Bpm.Server.Features.Home;

/// <summary>Until the designer's bundle is built into wwwroot/designer, <c>/designer/</c> says so.</summary>
public static class DesignerPlaceholder
{
    public static IEndpointRouteBuilder MapDesignerPlaceholder(this IEndpointRouteBuilder app)
    {
        // Only then: a matched endpoint makes the static-file middleware step aside, so mapping this
        // route while the files exist would hide the designer behind this page.
        var webRoot = app.ServiceProvider.GetRequiredService<IWebHostEnvironment>().WebRootFileProvider;
        if (!webRoot.GetFileInfo("designer/index.html").Exists)
        {
            app.MapGet("/designer/{**path}", () => ShellPages.Result<DesignerNotBuilt>(StatusCodes.Status404NotFound))
                .ExcludeFromDescription()
                .AllowAnonymous();
        }

        return app;
    }
}
