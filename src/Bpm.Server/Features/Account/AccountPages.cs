using Bpm.Organisation;
using Microsoft.AspNetCore.Identity;
using Bpm.Server.Components;
using Bpm.Server.Features.Shared;

namespace Bpm.Server.Features.Account;

/// <summary>
/// Sign-out, the form the app bar posts. The sign-in page itself is the component SignIn.razor.
/// </summary>
public static class AccountPages
{
    public static IEndpointRouteBuilder MapAccountPages(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/logout", SignOutAsync).ExcludeFromDescription().AllowAnonymous();
        return app;
    }

    /// <summary>
    /// Checked here rather than by form binding: the post carries no field, and a cross-site post
    /// without a body (or with a non-form body) must be refused too, not only a form without a token.
    /// </summary>
    private static async Task<IResult> SignOutAsync(HttpContext context, SignInManager<BpmUser> signIn)
    {
        if (!await ExpiredForms.HasValidTokenAsync(context))
        {
            return FormExpired.Result();
        }

        await signIn.SignOutAsync();
        return Results.Redirect(ReturnUrls.Home);
    }
}
