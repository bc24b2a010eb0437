using Bpm.Server.Features.Shared;
using Microsoft.AspNetCore.Antiforgery;

namespace Bpm.Server.Components;

/// <summary>
/// A form post to a page without a valid antiforgery token (a page left open past its token, a
/// forged cross-site post) is answered with the Vietnamese "form expired" page and 400. Without
/// this, the component endpoint answers an empty 400, or in Development an English sentence.
/// </summary>
public static class ExpiredForms
{
    public static RazorComponentsEndpointConventionBuilder RefuseExpiredForms(this RazorComponentsEndpointConventionBuilder builder)
    {
        builder.Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<IAntiforgeryMetadata>().LastOrDefault() is not { RequiresValidation: true } || endpoint.RequestDelegate is not { } page)
            {
                return;
            }

            endpoint.RequestDelegate = async context =>
            {
                if (HttpMethods.IsPost(context.Request.Method) && !await HasValidTokenAsync(context))
                {
                    await FormExpired.Result().ExecuteAsync(context);
                    return;
                }

                await page(context);
            };
        });
        return builder;
    }

    /// <summary>
    /// The antiforgery middleware's verdict where it gave one (a form post to an endpoint that asks
    /// for it; the form cannot be read after a failed check), else a check of the request here.
    /// </summary>
    public static async Task<bool> HasValidTokenAsync(HttpContext context) =>
        context.Features.Get<IAntiforgeryValidationFeature>() is { } verdict
            ? verdict.IsValid
            : await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context);
}
