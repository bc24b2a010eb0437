using Bpm.Organisation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Bpm.Server.Security;

/// <summary>
/// Every password sign-in (API login and token, the sign-in form, whatever calls
/// <see cref="PasswordSignInAsync(string, string, bool, bool)"/>) goes through here:
/// <list type="bullet">
/// <item>wrong passwords lock out the client, not the account (<see cref="SignInThrottle"/>);
/// Identity's account-wide lock-out is never triggered by failures, so the caller's
/// <c>lockoutOnFailure</c> is ignored — an account is locked only by an administrator;</item>
/// <item>an unknown user name gets the same answer after the same work: one password-hash
/// verification against a placeholder hash, so neither status nor timing tells names apart;</item>
/// <item>a name no account can have (characters outside Identity's allowed set, such as U+FFFE)
/// is an unknown name, not an error.</item>
/// </list>
/// </summary>
public sealed class BpmSignInManager(
    UserManager<BpmUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<BpmUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<BpmUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<BpmUser> confirmation,
    IPasswordHasher<BpmUser> hasher,
    SignInThrottle throttle)
    : SignInManager<BpmUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private static readonly BpmUser Placeholder = new() { UserName = "placeholder", DisplayName = "" };
    private static readonly Lock PlaceholderLock = new();
    private static string? _placeholderHash;

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var client = RateLimiting.ClientOf(Context);
        if (throttle.IsLockedOut(userName, client))
        {
            return SignInResult.LockedOut;
        }

        var user = IsPossibleName(userName) ? await UserManager.FindByNameAsync(userName) : null;
        SignInResult result;
        if (user is null)
        {
            hasher.VerifyHashedPassword(Placeholder, PlaceholderHash(), password);
            result = SignInResult.Failed;
        }
        else if (await UserManager.IsLockedOutAsync(user))
        {
            // Locked by an administrator: only someone who knows the password learns that.
            result = await UserManager.CheckPasswordAsync(user, password) ? SignInResult.LockedOut : SignInResult.Failed;
        }
        else
        {
            result = await base.PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure: false);
        }

        if (result.Succeeded)
        {
            throttle.Reset(userName, client);
        }
        else if (!result.IsLockedOut && throttle.RecordFailure(userName, client))
        {
            return SignInResult.LockedOut;
        }

        return result;
    }

    /// <summary>Renews the account's security stamp before removing the cookie, so that every cookie and token issued to it so far stops working (<see cref="SessionValidation"/>).</summary>
    public override async Task SignOutAsync()
    {
        if (await UserManager.GetUserAsync(Context.User) is { } user)
        {
            await UserManager.UpdateSecurityStampAsync(user);
        }

        await base.SignOutAsync();
    }

    private bool IsPossibleName(string userName)
    {
        var allowed = Options.User.AllowedUserNameCharacters;
        // Identity's allowed characters (ASCII by default) already exclude what UserNames refuses.
        return userName.Length is > 0 and <= 256 && (string.IsNullOrEmpty(allowed) ? UserNames.CanExist(userName) : userName.All(allowed.Contains));
    }

    /// <summary>Made by the same hasher as real ones, so verifying it costs what verifying a real one does.</summary>
    private string PlaceholderHash()
    {
        lock (PlaceholderLock)
        {
            return _placeholderHash ??= hasher.HashPassword(Placeholder, Guid.NewGuid().ToString("N"));
        }
    }
}
