using System.Net;
using Bpm.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bpm.Server.Tests.Security;

/// <summary>
/// A production server keeps its session cookies <c>Secure</c> always, and is still reached over
/// plain http: on localhost (which browsers treat as secure) and behind a proxy that ends TLS. The
/// pages with forms must render and the sign-in form must work there; the antiforgery token is not
/// what must stay off plain http, the session is. Runs the policy production uses by its setting.
/// </summary>
public sealed class SecureCookiesOverPlainHttpTests(SecureCookiesOverPlainHttpTests.Fixture fixture) : IClassFixture<SecureCookiesOverPlainHttpTests.Fixture>
{
    [Fact]
    public async Task SignInPage_SessionCookiesAlwaysSecureOnPlainHttp_RendersAndSignsInWithASecureSessionCookie()
    {
        var client = fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var page = await client.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        var signIn = await HtmlForms.SignInAsync(client, "thietke", ServerTestBase<SqliteServerFixture>.Password);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var session = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("bpm.auth=", StringComparison.Ordinal));
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
    }

    public sealed class Fixture : IAsyncLifetime
    {
        public BpmServerFactory Factory { get; } = new("sqlite", null, configure: b =>
        {
            b.UseSetting("Bpm:Timers:Enabled", "false");
            b.UseSetting("Bpm:Security:CookieSecurePolicy", "Always");
        });

        public Task InitializeAsync()
        {
            _ = Factory.Server;
            return Task.CompletedTask;
        }

        public async Task DisposeAsync() => await Factory.DisposeAsync();
    }
}
