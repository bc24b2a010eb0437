using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Bpm.Organisation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bpm.Server.Security;

/// <summary>
/// Signs in a machine client by its <c>X-Api-Key</c> header, as the user the key belongs to. The
/// account is read on every request here, so a revoked key or a locked account stops at once;
/// <see cref="SessionValidation"/> does not read it a second time.
/// </summary>
internal sealed class ApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    OrganisationDbContext db,
    UserManager<BpmUser> users,
    IUserClaimsPrincipalFactory<BpmUser> principals) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    /// <summary>The claim that names the key a principal signed in with.</summary>
    public const string KeyClaim = "api_key";

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = Request.Headers[Header].ToString();
        if (key.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        var hash = Hash(key);
        var found = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.KeyHash == hash && k.RevokedAt == null, Context.RequestAborted);
        var user = found is null ? null : await db.Users.FirstOrDefaultAsync(u => u.Id == found.UserId, Context.RequestAborted);
        if (user is null)
        {
            return AuthenticateResult.Fail("unknown or revoked API key");
        }

        if (await users.IsLockedOutAsync(user))
        {
            return AuthenticateResult.Fail("the API key's account is locked");
        }

        var principal = await principals.CreateAsync(user);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(KeyClaim, found!.Name));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(principal.Claims, SchemeName)), SchemeName));
    }
}
