using System.Net;
using System.Net.Http.Json;
using Bpm.Organisation;
using Bpm.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Server.Tests.Security;

/// <summary>Sessions end when they should: at sign-out, on a password change, on a lock-out, for cookies and bearer tokens alike.</summary>
public abstract class SessionTestBase<TFixture>(TFixture fixture) : ServerTestBase<TFixture>(fixture)
    where TFixture : class, IServerFixture
{
    [SkippableFact]
    public async Task Logout_WithBearerToken_TokenNoLongerWorks()
    {
        SkipUnlessAvailable();
        var userName = await NewUserAsync();
        var machine = await SignInWithTokenAsync(userName);
        await JsonAsync(await machine.GetAsync("/api/v1/me"), HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NoContent, (await machine.PostAsync("/api/v1/auth/logout", null)).StatusCode);

        await ProblemAsync(await machine.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized);
    }

    [SkippableFact]
    public async Task Logout_OldCookieReplayed_NoLongerWorks()
    {
        SkipUnlessAvailable();
        var userName = await NewUserAsync();
        var browser = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        var signIn = await browser.PostAsJsonAsync("/api/v1/auth/login", new { userName, password = Password });
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("bpm.auth=", StringComparison.Ordinal)).Split(';')[0];
        var replay = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        replay.DefaultRequestHeaders.Add("Cookie", cookie);
        await JsonAsync(await replay.GetAsync("/api/v1/me"), HttpStatusCode.OK);

        var signOut = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/logout");
        signOut.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.NoContent, (await browser.SendAsync(signOut)).StatusCode);

        await ProblemAsync(await replay.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized);
    }

    public static TheoryData<string> AccountChanges => new() { "lock-out", "password-change" };

    [SkippableTheory]
    [MemberData(nameof(AccountChanges))]
    public async Task AccountChange_CookieAndTokenIssuedBefore_NoLongerWork(string change)
    {
        SkipUnlessAvailable();
        var userName = await NewUserAsync();
        var machine = await SignInWithTokenAsync(userName);
        var cookie = await SignInAsync(userName);
        // Both sessions read once, so that the host holds the account's session (AccountSessions) when it changes.
        await JsonAsync(await machine.GetAsync("/api/v1/me"), HttpStatusCode.OK);
        await JsonAsync(await cookie.GetAsync("/api/v1/me"), HttpStatusCode.OK);

        using (var scope = Factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<BpmUser>>();
            var user = (await users.FindByNameAsync(userName))!;
            var changed = change == "lock-out"
                ? await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue)
                : await users.ChangePasswordAsync(user, Password, "MatKhauMoi2026");
            Assert.True(changed.Succeeded);
        }

        await ProblemAsync(await machine.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized);
        await ProblemAsync(await cookie.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized);
        var again = await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { userName, password = Password });
        await ProblemAsync(again, change == "lock-out" ? HttpStatusCode.Locked : HttpStatusCode.Unauthorized);
    }

    [SkippableFact]
    public async Task AccountLockedOut_ItsApiKey_NoLongerWorks()
    {
        SkipUnlessAvailable();
        var userName = await NewUserAsync();
        var key = "bpm_" + Guid.NewGuid().ToString("N");
        using (var scope = Factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<BpmUser>>();
            var db = scope.ServiceProvider.GetRequiredService<OrganisationDbContext>();
            db.ApiKeys.Add(new ApiKey { Name = "ket-noi", KeyHash = Bpm.Server.Security.ApiKeyHandler.Hash(key), UserId = (await users.FindByNameAsync(userName))!.Id, CreatedAt = DateTimeOffset.UnixEpoch });
            await db.SaveChangesAsync();
        }

        var machine = Anonymous();
        machine.DefaultRequestHeaders.Add("X-Api-Key", key);
        await JsonAsync(await machine.GetAsync("/api/v1/me"), HttpStatusCode.OK);

        using (var scope = Factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<BpmUser>>();
            Assert.True((await users.SetLockoutEndDateAsync((await users.FindByNameAsync(userName))!, DateTimeOffset.MaxValue)).Succeeded);
        }

        await ProblemAsync(await machine.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized);
    }

    [SkippableFact]
    public async Task Logout_OtherSessionsOfOtherAccounts_KeepWorking()
    {
        SkipUnlessAvailable();
        var leaving = await SignInWithTokenAsync(await NewUserAsync());
        var staying = await SignInWithTokenAsync(await NewUserAsync());

        await leaving.PostAsync("/api/v1/auth/logout", null);

        await JsonAsync(await staying.GetAsync("/api/v1/me"), HttpStatusCode.OK);
    }

    private async Task<string> NewUserAsync()
    {
        var userName = NewId("phien");
        using var scope = Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<BpmUser>>();
        Assert.True((await users.CreateAsync(new BpmUser { UserName = userName, DisplayName = "Thử phiên" }, Password)).Succeeded);
        return userName;
    }
}

[Collection(SqliteServerCollection.Name)]
public sealed class SqliteSessionTests(SqliteServerFixture fixture) : SessionTestBase<SqliteServerFixture>(fixture);

[Collection(PostgresServerCollection.Name)]
public sealed class PostgreSqlSessionTests(PostgresServerFixture fixture) : SessionTestBase<PostgresServerFixture>(fixture);
