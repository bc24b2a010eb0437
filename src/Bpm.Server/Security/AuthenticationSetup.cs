using Bpm.Organisation;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;

namespace Bpm.Server.Security;

/// <summary>
/// Identity on the organisation context; one policy scheme that picks, per request, the bearer
/// token (<c>Authorization: Bearer</c>), the API key (<c>X-Api-Key</c>) or the UI's cookie; and
/// OpenID Connect when <c>Authentication:OpenIdConnect:Authority</c> is configured.
/// </summary>
public static class AuthenticationSetup
{
    public const string Scheme = "Bpm";

    public static void AddBpmAuthentication(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var secure = CookieSecurity(builder);
        // The antiforgery cookie proves nothing on its own (it is checked against the form's token and
        // the signed-in user), and with Always the antiforgery system refuses to issue a token at all
        // on plain http: every page with a form would be a 500, the sign-in page first. So it is Secure
        // whenever the request came over HTTPS, and the session cookies follow the policy below.
        services.Configure<AntiforgeryOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.AddIdentityCore<BpmUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                // Wrong passwords lock out a client, not the account (BpmSignInManager, Bpm:RateLimits);
                // Identity's lock-out remains for an administrator to lock an account.
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<OrganisationDbContext>()
            .AddUserManager<BpmUserManager>()
            .AddSignInManager<BpmSignInManager>()
            .AddDefaultTokenProviders();

        var authentication = services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "Cookie, bearer token or API key", o => o.ForwardDefaultSelector = SelectScheme)
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                o.Cookie.Name = "bpm.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = secure;
                o.LoginPath = "/account/login";
                o.LogoutPath = "/api/v1/auth/logout";
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = c => ApiOr(c, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = c => ApiOr(c, StatusCodes.Status403Forbidden);
            })
            .AddCookie(IdentityConstants.ExternalScheme, o => o.Cookie.SecurePolicy = secure)
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(1))
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, null);

        var oidc = builder.Configuration.GetSection("Authentication:OpenIdConnect");
        if (!string.IsNullOrWhiteSpace(oidc["Authority"]))
        {
            // Agencies with their own SSO: users sign in there; their Bpm account (same user name)
            // carries roles and units, so an unknown SSO user gets no access.
            authentication.AddOpenIdConnect(OpenIdConnectDefaults.AuthenticationScheme, "Đăng nhập một lần (SSO)", o =>
            {
                oidc.Bind(o);
                o.SignInScheme = IdentityConstants.ExternalScheme;
                o.ResponseType = "code";
                o.SaveTokens = false;
            });
        }

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(null)
            .AddPolicy(Policies.Authenticated, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.Design, p => p.RequireRole(BpmRoles.Admin, BpmRoles.Designer))
            .AddPolicy(Policies.StartInstances, p => p.RequireRole(BpmRoles.Admin, BpmRoles.Reception))
            .AddPolicy(Policies.CancelInstances, p => p.RequireRole(BpmRoles.Admin, BpmRoles.Leader))
            .AddPolicy(Policies.Staff, p => p.RequireRole(BpmRoles.Reception, BpmRoles.Specialist, BpmRoles.Leader))
            .AddPolicy(Policies.Audit, p => p.RequireRole(BpmRoles.Admin, BpmRoles.Auditor))
            .AddPolicy(Policies.Admin, p => p.RequireRole(BpmRoles.Admin))
            .AddPolicy(Policies.Reports, p => p.RequireRole(BpmRoles.Leader, BpmRoles.Admin, BpmRoles.Auditor));

        var sessionSeconds = builder.Configuration.GetValue(AccountSessions.LifetimeSetting, AccountSessions.DefaultLifetimeSeconds);
        if (sessionSeconds < 0)
        {
            throw new InvalidOperationException($"{AccountSessions.LifetimeSetting} is {sessionSeconds}; it must be 0 (read the account on every request) or more seconds.");
        }

        services.AddSingleton(sp => new AccountSessions(sp.GetRequiredService<TimeProvider>(), TimeSpan.FromSeconds(sessionSeconds)));
        services.AddScoped<CallerAccessor>();
    }

    /// <summary>
    /// Session cookies are <c>Secure</c> always outside Development and Testing (browsers treat
    /// http://localhost as secure, so a local production run still signs in); in Development and
    /// the tests, which use plain http, when the request came over HTTPS.
    /// <c>Bpm:Security:CookieSecurePolicy</c> (<c>Always</c> or <c>SameAsRequest</c>) overrides it,
    /// e.g. behind a proxy that ends TLS and forwards plain http.
    /// </summary>
    private static CookieSecurePolicy CookieSecurity(WebApplicationBuilder builder)
    {
        var configured = builder.Configuration["Bpm:Security:CookieSecurePolicy"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Enum.TryParse<CookieSecurePolicy>(configured, ignoreCase: true, out var policy) && policy != CookieSecurePolicy.None
                ? policy
                : throw new InvalidOperationException($"Bpm:Security:CookieSecurePolicy is '{configured}'; it must be Always or SameAsRequest.");
        }

        return builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing") ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
    }

    internal static string SelectScheme(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return IdentityConstants.BearerScheme;
        }

        return context.Request.Headers.ContainsKey(ApiKeyHandler.Header) ? ApiKeyHandler.SchemeName : IdentityConstants.ApplicationScheme;
    }

    private static Task ApiOr(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
