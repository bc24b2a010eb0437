using System.Security.Claims;
using Bpm.Organisation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Bpm.Server.Security;

/// <summary>
/// Cookies and bearer tokens carry the account's security stamp from when they were issued. On
/// every request the stamp is compared with the account's current one, and the account must exist
/// and not be locked: signing out (<see cref="BpmSignInManager.SignOutAsync"/> renews the stamp), a
/// password change or reset, and a lock-out end every session issued before them, whether cookie
/// or token — at once on the host that made the change, on the other hosts of the same database
/// within <see cref="AccountSessions.Lifetime"/>. A session that fails is treated as anonymous, and
/// a stale cookie is deleted.
/// </summary>
public static class SessionValidation
{
    /// <summary>Right after <c>UseAuthentication</c>.</summary>
    public static void UseBpmSessionValidation(this WebApplication app) => app.Use(async (context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated == true && !await IsCurrentAsync(context, context.User))
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
            if (AuthenticationSetup.SelectScheme(context) == IdentityConstants.ApplicationScheme)
            {
                await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            }
        }

        await next(context);
    });

    private static async Task<bool> IsCurrentAsync(HttpContext context, ClaimsPrincipal principal)
    {
        if (principal.HasClaim(c => c.Type == ApiKeyHandler.KeyClaim))
        {
            // ApiKeyHandler read the account and its lock-out on this very request.
            return true;
        }

        var services = context.RequestServices;
        var claims = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var userId = principal.FindFirstValue(claims.UserIdClaimType);
        var stamp = principal.FindFirstValue(claims.SecurityStampClaimType);
        if (userId is null || stamp is null)
        {
            return false;
        }

        var session = await services.GetRequiredService<AccountSessions>().GetAsync(userId, services.GetRequiredService<OrganisationDbContext>(), context.RequestAborted);
        return session is not null
            && !session.IsLockedOut(services.GetRequiredService<TimeProvider>().GetUtcNow())
            && string.Equals(stamp, session.SecurityStamp, StringComparison.Ordinal);
    }
}
