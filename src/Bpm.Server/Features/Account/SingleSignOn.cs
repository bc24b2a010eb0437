using System.Security.Claims;
using Bpm.Organisation;
using Bpm.Server.Components;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;

namespace Bpm.Server.Features.Account;

/// <summary>
/// Optional sign-in through an agency's OpenID Connect provider. The provider says who the person
/// is; their Bpm account (same user name) says what they may do and where. A person without a
/// Bpm account is refused, so single sign-on never grants roles or units by itself.
/// </summary>
public static class SingleSignOn
{
    public static IEndpointRouteBuilder MapSingleSignOn(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/account/sso").ExcludeFromDescription().AllowAnonymous();
        group.MapGet("/", ChallengeAsync);
        group.MapGet("/callback", CallbackAsync);
        return app;
    }

    private static async Task<IResult> ChallengeAsync(IAuthenticationSchemeProvider schemes, string? returnUrl)
    {
        if (await schemes.GetSchemeAsync(OpenIdConnectDefaults.AuthenticationScheme) is null)
        {
            return NotConfigured();
        }

        var callback = "/account/sso/callback?returnUrl=" + Uri.EscapeDataString(ReturnUrls.OrHome(returnUrl));
        return Results.Challenge(new AuthenticationProperties { RedirectUri = callback }, [OpenIdConnectDefaults.AuthenticationScheme]);
    }

    private static async Task<IResult> CallbackAsync(HttpContext context, SignInManager<BpmUser> signIn, string? returnUrl)
    {
        var external = await context.AuthenticateAsync(IdentityConstants.ExternalScheme);
        await context.SignOutAsync(IdentityConstants.ExternalScheme);
        var name = external.Principal?.FindFirstValue("preferred_username") ?? external.Principal?.FindFirstValue(ClaimTypes.Name);
        var user = name is null ? null : await signIn.UserManager.FindByNameAsync(name);
        if (user is null || await signIn.UserManager.IsLockedOutAsync(user))
        {
            return ShellPages.Result<SsoRefused>(StatusCodes.Status403Forbidden, new Dictionary<string, object?> { [nameof(SsoRefused.Name)] = name });
        }

        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "oidc");
        return Results.LocalRedirect(ReturnUrls.OrHome(returnUrl));
    }

    private static IResult NotConfigured() => ShellPages.Result<SsoNotConfigured>(StatusCodes.Status404NotFound);
}
