using System.Security.Claims;
using Bpm.Organisation;
using Bpm.Server.Features.Shared;
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

        var callback = "/account/sso/callback?returnUrl=" + Uri.EscapeDataString(AccountPages.IsLocal(returnUrl) ? returnUrl! : "/");
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
            return HtmlPage.Render("Đăng nhập một lần", $"""
                <section>
                <h1>Chưa được cấp quyền</h1>
                <p class="error">Tài khoản đăng nhập một lần {HtmlPage.Encode(name ?? "(không rõ tên)")} chưa có tài khoản tương ứng trong Bpm hoặc đang bị khoá.
                Hãy đề nghị quản trị viên tạo tài khoản cùng tên đăng nhập và gán vai trò, đơn vị.</p>
                <p><a href="/account/login">Quay lại trang đăng nhập</a></p>
                </section>
                """, StatusCodes.Status403Forbidden);
        }

        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "oidc");
        return Results.LocalRedirect(AccountPages.IsLocal(returnUrl) ? returnUrl! : "/");
    }

    private static IResult NotConfigured() => HtmlPage.Render("Đăng nhập một lần", """
        <section>
        <h1>Chưa cấu hình đăng nhập một lần</h1>
        <p>Máy chủ chưa được cấu hình OpenID Connect (<code>Authentication__OpenIdConnect__Authority</code>). Hãy <a href="/account/login">đăng nhập bằng tài khoản Bpm</a>.</p>
        </section>
        """, StatusCodes.Status404NotFound);
}
