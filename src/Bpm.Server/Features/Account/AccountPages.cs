using Bpm.Organisation;
using Bpm.Server.Features.Shared;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Bpm.Server.Features.Account;

/// <summary>The server-rendered sign-in page (form post with an antiforgery token) and sign-out.</summary>
public static class AccountPages
{
    public static IEndpointRouteBuilder MapAccountPages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/account").ExcludeFromDescription().AllowAnonymous();
        group.MapGet("/login", (HttpContext context, IAntiforgery antiforgery, string? returnUrl) =>
            Form(context, antiforgery, returnUrl, null, null));
        group.MapPost("/login", SignInAsync);
        group.MapPost("/logout", async (SignInManager<BpmUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.Redirect("/");
        });
        return app;
    }

    public sealed record LoginForm(string? UserName, string? Password, string? ReturnUrl);

    private static async Task<IResult> SignInAsync([FromForm] LoginForm form, HttpContext context, IAntiforgery antiforgery, SignInManager<BpmUser> signIn)
    {
        if (string.IsNullOrWhiteSpace(form.UserName) || string.IsNullOrEmpty(form.Password))
        {
            return Form(context, antiforgery, form.ReturnUrl, form.UserName, "Hãy nhập tên đăng nhập và mật khẩu.", StatusCodes.Status400BadRequest);
        }

        var result = await signIn.PasswordSignInAsync(form.UserName.Trim(), form.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return Results.LocalRedirect(IsLocal(form.ReturnUrl) ? form.ReturnUrl! : "/");
        }

        var message = result.IsLockedOut
            ? "Tài khoản đang tạm khoá vì đăng nhập sai nhiều lần. Hãy thử lại sau 15 phút."
            : "Tên đăng nhập hoặc mật khẩu không đúng.";
        return Form(context, antiforgery, form.ReturnUrl, form.UserName, message, StatusCodes.Status401Unauthorized);
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);

    private static IResult Form(HttpContext context, IAntiforgery antiforgery, string? returnUrl, string? userName, string? error, int status = StatusCodes.Status200OK)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var errorHtml = error is null ? "" : $"""<p class="error" role="alert">{HtmlPage.Encode(error)}</p>""";
        return HtmlPage.Render("Đăng nhập", $"""
            <section>
            <h1>Đăng nhập</h1>
            {errorHtml}
            <form method="post" action="/account/login">
            <input type="hidden" name="{HtmlPage.Encode(tokens.FormFieldName)}" value="{HtmlPage.Encode(tokens.RequestToken)}">
            <input type="hidden" name="returnUrl" value="{HtmlPage.Encode(IsLocal(returnUrl) ? returnUrl : "/")}">
            <label for="userName">Tên đăng nhập</label>
            <input type="text" id="userName" name="userName" value="{HtmlPage.Encode(userName)}" autocomplete="username" required autofocus>
            <label for="password">Mật khẩu</label>
            <input type="password" id="password" name="password" autocomplete="current-password" required>
            <button type="submit">Đăng nhập</button>
            </form>
            <p class="note">Sau 5 lần nhập sai mật khẩu, tài khoản bị tạm khoá 15 phút.</p>
            </section>
            """, status);
    }
}
