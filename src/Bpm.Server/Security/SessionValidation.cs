using System.Security.Claims;
using Bpm.Organisation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Bpm.Server.Security;

/// <summary>
/// Cookies and bearer tokens carry the account's security stamp from when they were issued. On
/// every request the stamp is compared with the account's current one, and the account must exist
/// and not be locked: signing out (<see cref="BpmSignInManager.SignOutAsync"/> renews the stamp), a
/// password change or reset, and a lock-out end every session issued before them, whether cookie
/// or token, on every host (the stamp is in the database). A session that fails is treated as
/// anonymous, and a stale cookie is deleted.
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

        var users = context.RequestServices.GetRequiredService<UserManager<BpmUser>>();
        var user = await users.GetUserAsync(principal);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            return false;
        }

        var stamp = principal.FindFirstValue(users.Options.ClaimsIdentity.SecurityStampClaimType);
        return stamp is not null && string.Equals(stamp, await users.GetSecurityStampAsync(user), StringComparison.Ordinal);
    }
}
