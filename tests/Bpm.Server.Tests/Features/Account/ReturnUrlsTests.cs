using Bpm.Server.Features.Account;

namespace Bpm.Server.Tests.Features.Account;

public sealed class ReturnUrlsTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/inbox")]
    [InlineData("/designer/#/definitions/civil-status-birth-registration")]
    [InlineData("/api/v1/tasks?dossierCode=000.27.22.H10&page=2")]
    [InlineData("/h%E1%BB%93-s%C6%A1")]
    public void OrHome_LocalPath_Kept(string url) => Assert.Equal(url, ReturnUrls.OrHome(url));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("inbox")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("/\n/evil.example")]
    [InlineData("/x\u0001")]
    [InlineData("/x\u007f")]
    [InlineData("/a b")]
    [InlineData("/hồ-sơ")]
    [InlineData("/\ufffe")]
    [InlineData("https://evil.example/")]
    [InlineData("javascript:alert(1)")]
    public void OrHome_AnythingElse_Home(string? url) => Assert.Equal("/", ReturnUrls.OrHome(url));
}
