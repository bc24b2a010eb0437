using Bpm.Server.Components.Pages;
using Bunit;
using MudBlazor.Services;

namespace Bpm.Server.Tests.Components.Pages;

public sealed class ErrorPageTests : BunitContext
{
    public ErrorPageTests() => Services.AddMudServices();

    [Fact]
    public void Render_ServerError_VietnameseWithRequestId()
    {
        var page = Render<ErrorPage>(p => p.Add(e => e.StatusCode, 500).Add(e => e.RequestId, "00-abc-01"));

        Assert.Equal("Máy chủ gặp lỗi", page.Find("h1").TextContent);
        Assert.Equal("00-abc-01", page.Find(".bpm-request-id").TextContent);
        Assert.Equal("/", page.Find("a").GetAttribute("href"));
    }

    [Theory]
    [InlineData(400, "Yêu cầu không hợp lệ")]
    [InlineData(405, "Thao tác không được hỗ trợ")]
    [InlineData(413, "Nội dung gửi lên quá lớn")]
    [InlineData(429, "Quá nhiều yêu cầu")]
    [InlineData(503, "Máy chủ gặp lỗi")]
    public void Render_OtherStatus_HeadingSaysWhatHappened(int status, string heading)
    {
        var page = Render<ErrorPage>(p => p.Add(e => e.StatusCode, status).Add(e => e.RequestId, "id"));

        Assert.Equal(heading, page.Find("h1").TextContent);
    }

    [Fact]
    public void Render_TooManyRequests_SaysToWaitAndTryAgain()
    {
        var page = Render<ErrorPage>(p => p.Add(e => e.StatusCode, 429).Add(e => e.RequestId, "id"));

        Assert.Contains("hãy chờ ít phút rồi thử lại", page.Markup);
    }
}
