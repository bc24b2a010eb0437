using System.Net;
using System.Net.Http.Json;
using Bpm.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bpm.Server.Tests.Seeding;

/// <summary>
/// A server outside Development with Bpm:SeedDemoUsers unset — a production install: no demo
/// account exists, and the home page neither lists them nor shows their shared password.
/// </summary>
public sealed class WithoutDemoUsersTests(WithoutDemoUsersTests.Server server) : IClassFixture<WithoutDemoUsersTests.Server>
{
    private readonly BpmServerFactory _factory = server.Factory;

    [Fact]
    public async Task HomePage_NotDevelopmentNoSetting_ListsNoDemoAccountAndNoPassword()
    {
        var html = await (await _factory.CreateClient().GetAsync("/")).Content.ReadAsStringAsync();

        Assert.Contains("Chào mừng đến với Bpm", html);
        Assert.DoesNotContain("Tài khoản mẫu", html);
        Assert.DoesNotContain(ServerTestBase<SqliteServerFixture>.Password, html);
        Assert.DoesNotContain("motcua.phuonglam", html);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("motcua.phuonglam")]
    public async Task SignIn_DemoAccount_DoesNotExist(string userName)
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password = ServerTestBase<SqliteServerFixture>.Password });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public sealed class Server : IAsyncLifetime
    {
        public BpmServerFactory Factory { get; } = new("sqlite", null, seedDemoUsers: false);

        public Task InitializeAsync()
        {
            _ = Factory.Server;
            return Task.CompletedTask;
        }

        public async Task DisposeAsync() => await Factory.DisposeAsync();
    }
}
