using System.Text.Encodings.Web;
using System.Text.Unicode;
using MudBlazor.Services;

namespace Bpm.Server.Components;

/// <summary>
/// The pages: Razor components rendered on the server (static by default, interactive server
/// rendering available to the pages that need it) with MudBlazor. See docs/decisions/0006-ui-stack.md.
/// </summary>
public static class UiSetup
{
    /// <summary>Call before AddProblemDetails: the page writer must come before the JSON writer.</summary>
    public static IServiceCollection AddBpmUi(this IServiceCollection services)
    {
        services.AddSingleton<IProblemDetailsWriter, PageProblemWriter>();
        // Vietnamese text as it is in the markup, not as &#x...; entities (the encoder still escapes what HTML needs).
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddMudServices();
        return services;
    }

    public static void MapBpmUi(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .RefuseExpiredForms();
    }
}
