using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Bpm.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bpm.Server.Tests.Hosting;

/// <summary>
/// Browser protections: the security headers on every answer, Secure cookies over HTTPS, and no
/// state change by a cookie-carrying request from another site.
/// </summary>
public abstract class SecurityHeadersTestBase<TFixture>(TFixture fixture) : ServerTestBase<TFixture>(fixture)
    where TFixture : class, IServerFixture
{
    [SkippableTheory]
    [InlineData("/")]
    [InlineData("/account/login")]
    [InlineData("/health")]
    [InlineData("/api/v1/me")]
    [InlineData("/api/v1/khong-co-duong-dan")]
    [InlineData("/designer/")]
    [InlineData("/api-docs")]
    public async Task AnyAnswer_CarriesTheSecurityHeaders(string path)
    {
        SkipUnlessAvailable();
        var response = await Anonymous().GetAsync(path);

        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("same-origin", Header(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"));
    }

    [SkippableFact]
    public async Task Pages_ScriptsOnlyFromTheServer()
    {
        SkipUnlessAvailable();
        var csp = Header(await Anonymous().GetAsync("/"), "Content-Security-Policy");

        Assert.Contains("script-src 'self';", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
    }

    [SkippableFact]
    public async Task Cookies_OverHttps_Secure()
    {
        SkipUnlessAvailable();
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), HandleCookies = false, AllowAutoRedirect = false });

        var page = await client.GetAsync("/account/login");
        var signIn = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = "thietke", password = Password });

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var cookies = page.Headers.GetValues("Set-Cookie").Concat(signIn.Headers.GetValues("Set-Cookie")).ToList();
        Assert.Contains(cookies, c => c.StartsWith("bpm.auth=", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    public static TheoryData<string, string, string> CrossSite => new()
    {
        { "claim", "Origin", "https://evil.example" },
        { "claim", "Sec-Fetch-Site", "cross-site" },
        { "claim", "Sec-Fetch-Site", "same-site" },
        { "claim", "Origin", "null" },
        { "unclaim", "Origin", "https://evil.example" },
        { "unclaim", "Sec-Fetch-Site", "cross-site" },
    };

    [SkippableTheory]
    [MemberData(nameof(CrossSite))]
    public async Task UnsafeApiCall_FromAnotherSiteWithTheCookie_ForbiddenAndNothingChanged(string action, string header, string value)
    {
        SkipUnlessAvailable();
        var reception = await SignInAsync("motcua.phuonglam");
        var (_, receipt, _) = await StartBirthRegistrationAsync(reception);
        if (action == "unclaim")
        {
            await JsonAsync(await reception.PostAsync($"/api/v1/tasks/{receipt}/claim", null), HttpStatusCode.OK);
        }

        var forged = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tasks/{receipt}/{action}");
        forged.Headers.Add(header, value);
        await ProblemAsync(await reception.SendAsync(forged), HttpStatusCode.Forbidden);

        var task = await JsonAsync(await reception.GetAsync($"/api/v1/tasks/{receipt}"), HttpStatusCode.OK);
        Assert.Equal(action == "unclaim" ? "motcua.phuonglam" : null, task.GetProperty("assignee").GetString());
    }

    [SkippableFact]
    public async Task UnsafeApiCall_FromTheSameOrigin_Allowed()
    {
        SkipUnlessAvailable();
        var reception = await SignInAsync("motcua.phuonglam");
        var (_, receipt, _) = await StartBirthRegistrationAsync(reception);

        var fromDesigner = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tasks/{receipt}/claim");
        fromDesigner.Headers.Add("Origin", "http://localhost");
        fromDesigner.Headers.Add("Sec-Fetch-Site", "same-origin");
        var claimed = await JsonAsync(await reception.SendAsync(fromDesigner), HttpStatusCode.OK);

        Assert.Equal("motcua.phuonglam", claimed.GetProperty("assignee").GetString());
    }

    [SkippableFact]
    public async Task UnsafeApiCall_WithBearerTokenFromAnotherOrigin_Allowed()
    {
        SkipUnlessAvailable();
        var (_, receipt, _) = await StartBirthRegistrationAsync();
        var token = await JsonAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { userName = "motcua.phuonglam", password = Password }), HttpStatusCode.OK);
        var machine = Anonymous();
        machine.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        machine.DefaultRequestHeaders.Add("Origin", "https://portal.example");

        await JsonAsync(await machine.PostAsync($"/api/v1/tasks/{receipt}/claim", null), HttpStatusCode.OK);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{(int)response.StatusCode} {response.RequestMessage?.RequestUri} has no {name} header");
}

[Collection(SqliteServerCollection.Name)]
public sealed class SqliteSecurityHeadersTests(SqliteServerFixture fixture) : SecurityHeadersTestBase<SqliteServerFixture>(fixture);

[Collection(PostgresServerCollection.Name)]
public sealed class PostgreSqlSecurityHeadersTests(PostgresServerFixture fixture) : SecurityHeadersTestBase<PostgresServerFixture>(fixture);
