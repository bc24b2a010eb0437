using Bpm.Organisation;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Bpm.Server.Security;

/// <summary>
/// Identity's user manager, which also makes this host forget an account's cached session
/// (<see cref="AccountSessions"/>) once a change to the account is stored: every change Identity
/// makes — a new security stamp at sign-out, a password, a lock-out, a role — is stored through
/// <see cref="UpdateUserAsync"/>, and a deleted account through <see cref="DeleteAsync"/>.
/// </summary>
public sealed class BpmUserManager(
    IUserStore<BpmUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<BpmUser> passwordHasher,
    IEnumerable<IUserValidator<BpmUser>> userValidators,
    IEnumerable<IPasswordValidator<BpmUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<BpmUser>> logger,
    AccountSessions sessions)
    : UserManager<BpmUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<IdentityResult> DeleteAsync(BpmUser user)
    {
        var result = await base.DeleteAsync(user);
        sessions.Forget(user.Id);
        return result;
    }

    protected override async Task<IdentityResult> UpdateUserAsync(BpmUser user)
    {
        var result = await base.UpdateUserAsync(user);
        sessions.Forget(user.Id);
        return result;
    }
}
