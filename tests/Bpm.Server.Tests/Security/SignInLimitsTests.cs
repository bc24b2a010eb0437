using System.Net;
using System.Net.Http.Json;
using System.Text;
using Bpm.Organisation;
using Bpm.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Server.Tests.Security;

/// <summary>
/// Rate limits and sign-in lock-out with small limits (the shared servers use generous ones). Each
/// test speaks as its own client addresses, so the counts of one test never reach another. The
/// limits live in memory, the same on every database, so these run on SQLite only.
/// </summary>
public sealed class SignInLimitsTests(SignInLimitsTests.Fixture fixture) : IClassFixture<SignInLimitsTests.Fixture>
{
    private const string Password = ServerTestBase<SqliteServerFixture>.Password;
    private const string ClientHeader = "X-Test-Client";

    [Fact]
    public async Task SignIn_MoreAttemptsThanTheLimitFromOneClient_TooManyRequestsWithRetryAfter()
    {
        var client = fixture.Client("10.1.0.1");
        for (var i = 0; i < Fixture.SignInPermitLimit; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = $"khong-co-{i}", password = "x" })).StatusCode);
        }

        var refused = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = "thietke", password = Password });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(refused.Headers.RetryAfter);
        var other = await fixture.Client("10.1.0.2").PostAsJsonAsync("/api/v1/auth/login", new { userName = "thietke", password = Password });
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task SignIn_ClientsBehindAKnownProxy_CountedEachOnTheirOwn()
    {
        HttpClient Behind(string address)
        {
            var client = fixture.Client(Fixture.Proxy);
            client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
            return client;
        }

        var first = Behind("10.2.0.1");
        for (var i = 0; i < Fixture.SignInPermitLimit; i++)
        {
            await first.PostAsJsonAsync("/api/v1/auth/token", new { userName = $"khong-co-{i}", password = "x" });
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await first.PostAsJsonAsync("/api/v1/auth/token", new { userName = "thietke", password = Password })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Behind("10.2.0.2").PostAsJsonAsync("/api/v1/auth/token", new { userName = "thietke", password = Password })).StatusCode);
    }

    [Fact]
    public async Task AnyRequest_MoreThanTheLimitFromOneClient_TooManyRequests()
    {
        var client = fixture.Client("10.1.0.3");
        for (var i = 0; i < Fixture.PermitLimit; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Client("10.1.0.4").GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task PublicLookup_MoreThanItsLimitFromOneClient_TooManyRequestsThoughOtherRequestsPass()
    {
        var client = fixture.Client("10.1.0.13");
        for (var i = 0; i < Fixture.PublicLookupPermitLimit; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/public/dossiers/KHONG-CO-{i}?identityLast4=1234")).StatusCode);
        }

        var refused = await client.GetAsync("/api/v1/public/dossiers/KHONG-CO?identityLast4=1234");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client("10.1.0.14").GetAsync("/api/v1/public/dossiers/KHONG-CO?identityLast4=1234")).StatusCode);
    }

    [Fact]
    public async Task WrongPasswords_LockOutThatClientNotTheAdminAccount()
    {
        var attacker = fixture.Client("10.1.0.5");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < Fixture.FailuresBeforeLockout + 1; i++)
        {
            statuses.Add((await attacker.PostAsJsonAsync("/api/v1/auth/token", new { userName = "admin", password = "SaiMatKhau123" })).StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, Fixture.FailuresBeforeLockout - 1), HttpStatusCode.Locked, HttpStatusCode.Locked], statuses);
        Assert.Equal(HttpStatusCode.Locked, (await attacker.PostAsJsonAsync("/api/v1/auth/token", new { userName = "admin", password = Password })).StatusCode);
        var admin = fixture.Client("10.1.0.6");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/v1/auth/login", new { userName = "admin", password = Password })).StatusCode);
    }

    [Fact]
    public async Task SignInPageAndLockOut_ConfiguredLimits_StateThoseFiguresNotTheDefaults()
    {
        var client = fixture.Client("10.1.0.12");

        var page = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/account/login"));
        HttpResponseMessage? locked = null;
        for (var i = 0; i < Fixture.FailuresBeforeLockout; i++)
        {
            locked = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "thietke", password = "SaiMatKhau123" });
        }

        Assert.Contains("Sau 3 lần nhập sai mật khẩu, máy này bị tạm dừng đăng nhập tài khoản đó 1 giờ.", page);
        Assert.Equal(HttpStatusCode.Locked, locked!.StatusCode);
        Assert.Contains("Hãy thử lại sau 1 giờ.", await locked.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WrongPasswords_UnknownAndRealName_SameAnswers()
    {
        async Task<List<string>> AnswersAsync(string address, string userName)
        {
            var client = fixture.Client(address);
            var answers = new List<string>();
            for (var i = 0; i < Fixture.FailuresBeforeLockout + 1; i++)
            {
                var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password = "SaiMatKhau123" });
                var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                answers.Add($"{(int)response.StatusCode} {problem.GetProperty("title").GetString()} {problem.GetProperty("detail").GetString()}");
            }

            return answers;
        }

        Assert.Equal(await AnswersAsync("10.1.0.7", "thietke"), await AnswersAsync("10.1.0.8", "khong-ai-co-ten-nay"));
    }

    [Fact]
    public async Task SignIn_UnknownName_DoesThePasswordHashWorkOfARealOne()
    {
        var before = fixture.Hasher.Verifications;
        await fixture.Client("10.1.0.9").PostAsJsonAsync("/api/v1/auth/token", new { userName = "khong-ai-co-ten-nay", password = "SaiMatKhau123" });
        var forUnknown = fixture.Hasher.Verifications - before;

        before = fixture.Hasher.Verifications;
        await fixture.Client("10.1.0.10").PostAsJsonAsync("/api/v1/auth/token", new { userName = "thietke", password = "SaiMatKhau123" });
        var forReal = fixture.Hasher.Verifications - before;

        Assert.Equal(1, forReal);
        Assert.Equal(forReal, forUnknown);
    }

    [Theory]
    [InlineData("/api/v1/auth/token", "\ufffe")]
    [InlineData("/api/v1/auth/login", "\ufffe")]
    [InlineData("/api/v1/auth/token", "\ud800")]
    [InlineData("/api/v1/auth/login", "a\u0000b")]
    public async Task SignIn_NameNoAccountCanHave_UnauthorizedNotServerError(string path, string userName)
    {
        var client = fixture.Client("10.1.0.11");

        var response = await client.PostAsync(path, new StringContent(System.Text.Json.JsonSerializer.Serialize(new { userName, password = "x\ufffe" }), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>A server of its own with small limits, client addresses from a header, and a password hasher that counts.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public const int PermitLimit = 40;
        public const int SignInPermitLimit = 8;
        public const int FailuresBeforeLockout = 3;
        public const int PublicLookupPermitLimit = 5;
        public const string Proxy = "10.9.9.9";

        private readonly BpmServerFactory _base = new("sqlite", null);
        private WebApplicationFactory<Program>? _factory;

        public CountingHasher Hasher { get; } = new();

        public HttpClient Client(string address)
        {
            var client = _factory!.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
            client.DefaultRequestHeaders.Add(ClientHeader, address);
            return client;
        }

        public Task InitializeAsync()
        {
            _factory = _base.WithWebHostBuilder(b =>
            {
                b.UseSetting("Bpm:Timers:Enabled", "false");
                b.UseSetting("Bpm:RateLimits:Window", "01:00:00");
                b.UseSetting("Bpm:RateLimits:PermitLimit", PermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
                b.UseSetting("Bpm:RateLimits:SignInPermitLimit", SignInPermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
                b.UseSetting("Bpm:RateLimits:PublicLookupPermitLimit", PublicLookupPermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
                b.UseSetting("Bpm:RateLimits:FailuresBeforeLockout", FailuresBeforeLockout.ToString(System.Globalization.CultureInfo.InvariantCulture));
                b.UseSetting("Bpm:RateLimits:LockoutDuration", "01:00:00");
                b.UseSetting("Bpm:Security:KnownProxies:0", Proxy);
                b.ConfigureServices(s =>
                {
                    s.AddSingleton<IStartupFilter, ClientFromHeader>();
                    s.AddSingleton<IPasswordHasher<BpmUser>>(Hasher);
                });
            });
            _ = _factory.Server;
            return Task.CompletedTask;
        }

        public async Task DisposeAsync()
        {
            if (_factory is not null)
            {
                await _factory.DisposeAsync();
            }

            await _base.DisposeAsync();
        }
    }

    /// <summary>The seam for "the same work for unknown names": counts verifications and does them for real.</summary>
    public sealed class CountingHasher : IPasswordHasher<BpmUser>
    {
        private readonly PasswordHasher<BpmUser> _inner = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(BpmUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(BpmUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    private sealed class ClientFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(ClientHeader, out var address))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
