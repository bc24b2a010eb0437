using System.Net;
using Bpm.Organisation;
using Bpm.Persistence;
using Bpm.Server.Security;
using Bpm.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Server.Tests.Components;

/// <summary>The pages in the application shell: app bar, navigation by role, sign-out, error and not-found pages.</summary>
public abstract class ShellTestBase<TFixture>(TFixture fixture) : ServerTestBase<TFixture>(fixture)
    where TFixture : class, IServerFixture
{
    [SkippableTheory]
    [InlineData("/", "Chào mừng đến với Bpm")]
    [InlineData("/account/login", "Sau 5 lần nhập sai mật khẩu, máy này bị tạm dừng đăng nhập tài khoản đó 15 phút.")]
    public async Task AnonymousPage_RendersInTheShellWithSignInLink(string path, string text)
    {
        SkipUnlessAvailable();
        var html = await PageAsync(Anonymous(), path);

        AssertInShell(html, text);
        var appBar = AppBar(html);
        Assert.Contains("Đăng nhập", appBar);
        Assert.DoesNotContain("Đăng xuất", appBar);
        Assert.DoesNotContain("Hộp công việc", appBar);
    }

    [SkippableFact]
    public async Task Inbox_SignedInReception_ShellShowsNameUnitAndStaffNavigation()
    {
        SkipUnlessAvailable();
        var (_, _, code) = await StartBirthRegistrationAsync();
        var reception = await SignInAsync("motcua.phuonglam");

        // Filtered by the code: the shared server's desk has more open tasks than one page of the inbox.
        var html = await PageAsync(reception, $"/inbox?ma={Uri.EscapeDataString(code)}");

        AssertInShell(html, "công việc đang mở, sắp theo hạn xử lý (giờ Việt Nam)");
        // The filter field repeats the code typed; the row links to the dossier.
        Assert.Contains($"href=\"/dossiers/{code}\"", html);
        var appBar = AppBar(html);
        Assert.Contains("Nguyễn Thị Lan (Một cửa xã Phương Lâm)", appBar);
        Assert.Contains("Bộ phận Một cửa xã Phương Lâm", appBar);
        Assert.Contains("href=\"/inbox\"", appBar);
        Assert.DoesNotContain("href=\"/designer/\"", appBar);
        Assert.Contains("Đăng xuất", appBar);
    }

    [SkippableFact]
    public async Task Inbox_OverdueAndWarnedTasks_MarkedWithDueDateInVietnamTime()
    {
        SkipUnlessAvailable();
        var reception = await SignInAsync("motcua.phuonglam");
        var (lateInstance, _, lateCode) = await StartBirthRegistrationAsync(reception);
        var (warnedInstance, _, warnedCode) = await StartBirthRegistrationAsync(reception);
        // The SLA timers set these in production; here the rows are set as they would.
        using (var scope = Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BpmDbContext>();
            var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
            var late = db.Tasks.Single(t => t.InstanceId == lateInstance && t.Status == TaskRecord.Open);
            late.DueAt = new DateTimeOffset(2026, 1, 15, 3, 30, 0, TimeSpan.Zero);
            var warned = db.Tasks.Single(t => t.InstanceId == warnedInstance && t.Status == TaskRecord.Open);
            warned.DueAt = now.AddDays(2);
            warned.WarnedAt = now;
            await db.SaveChangesAsync();
        }

        // One page each, filtered by its code: the shared server's desk has more open tasks than one page.
        var rows = new List<AngleSharp.Dom.IElement>();
        foreach (var code in new[] { lateCode, warnedCode })
        {
            rows.AddRange(HtmlForms.Parse(await PageAsync(reception, $"/inbox?ma={Uri.EscapeDataString(code)}")).QuerySelectorAll(".bpm-inbox tbody tr"));
        }

        var lateRow = Assert.Single(rows, r => r.TextContent.Contains(lateCode, StringComparison.Ordinal));
        Assert.Equal("15/01/2026 10:30", lateRow.QuerySelector(".bpm-due-late .bpm-due-date")?.TextContent);
        Assert.StartsWith("Quá hạn · quá hạn", lateRow.QuerySelector(".bpm-due-late .bpm-due-chip")?.TextContent);
        var warnedRow = Assert.Single(rows, r => r.TextContent.Contains(warnedCode, StringComparison.Ordinal));
        Assert.Equal("Sắp đến hạn", warnedRow.QuerySelector(".bpm-due-duesoon .bpm-due-label")?.TextContent);
        Assert.Null(warnedRow.QuerySelector(".bpm-due-late"));
    }

    [SkippableFact]
    public async Task Home_SignedInDesigner_LinksTheDesignerNotTheInbox()
    {
        SkipUnlessAvailable();
        var html = await PageAsync(await SignInAsync("thietke"), "/");

        var appBar = AppBar(html);
        Assert.Contains("href=\"/designer/\"", appBar);
        Assert.DoesNotContain("href=\"/inbox\"", appBar);
        Assert.Contains("Bạn đang đăng nhập với tài khoản <strong>thietke</strong>", html);
    }

    [SkippableFact]
    public async Task Logout_FormWithToken_SignsOut()
    {
        SkipUnlessAvailable();
        var client = Anonymous();
        Assert.Equal(HttpStatusCode.Redirect, (await HtmlForms.SignInAsync(client, "kiemtra", Password)).StatusCode);

        var response = await HtmlForms.SubmitAsync(client, "/", "/account/logout", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    [SkippableFact]
    public async Task Logout_WithoutAntiforgeryToken_RefusedAndStillSignedIn()
    {
        SkipUnlessAvailable();
        var client = Anonymous();
        Assert.Equal(HttpStatusCode.Redirect, (await HtmlForms.SignInAsync(client, "kiemtra", Password)).StatusCode);

        // What a cross-site page can send with the cookie alone: an empty POST, or a form without the token.
        var empty = await client.PostAsync("/account/logout", null);
        var form = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["x"] = "1" }));

        foreach (var response in new[] { empty, form })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("Biểu mẫu đã hết hạn", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    [SkippableTheory]
    [InlineData("/\t/evil.example")]
    [InlineData("/x\u0001")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("/hồ-sơ")]
    [InlineData("inbox")]
    public async Task SignIn_ReturnUrlNotALocalPath_GoesHome(string returnUrl)
    {
        SkipUnlessAvailable();
        var client = Anonymous();

        var response = await HtmlForms.SignInAsync(client, "kiemtra", Password, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.AbsolutePath);
        Assert.Equal("localhost", response.Headers.Location?.Host);
    }

    [SkippableFact]
    public async Task SignIn_ReturnUrlFromQuery_OnlyALocalPathReachesTheForm()
    {
        SkipUnlessAvailable();
        var client = Anonymous();

        var local = HtmlForms.HiddenFields(await PageAsync(client, "/account/login?returnUrl=%2Finbox"), "/account/login");
        var foreign = HtmlForms.HiddenFields(await PageAsync(client, "/account/login?returnUrl=%2F%09%2Fevil.example"), "/account/login");

        Assert.Equal("/inbox", local["Input.ReturnUrl"]);
        Assert.Equal("/", foreign["Input.ReturnUrl"]);
    }

    [SkippableTheory]
    [InlineData("\ufffe")]
    [InlineData("a\uffffb")]
    [InlineData("admin\u0001")]
    public async Task SignIn_UserNameThatCannotExist_WrongCredentialsNotServerError(string userName)
    {
        SkipUnlessAvailable();

        var response = await HtmlForms.SignInAsync(Anonymous(), userName, "x");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Tên đăng nhập hoặc mật khẩu không đúng.", await response.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task SignIn_LockedAccount_SaysSoInVietnameseEvenWithTheRightPassword()
    {
        SkipUnlessAvailable();
        var userName = NewId("khoa-form");
        using (var scope = Factory.Services.CreateScope())
        {
            // Locked directly: the page's message is tested here, the lock-out policy elsewhere.
            var users = scope.ServiceProvider.GetRequiredService<UserManager<BpmUser>>();
            var user = new BpmUser { UserName = userName, DisplayName = "Thử khoá" };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
            Assert.True((await users.SetLockoutEndDateAsync(user, now.AddMinutes(15))).Succeeded);
        }

        var client = Anonymous();
        var response = await HtmlForms.SignInAsync(client, userName, Password);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Đăng nhập tài khoản này từ máy của bạn đang tạm dừng vì nhập sai nhiều lần", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    [SkippableFact]
    public async Task SignIn_EmptyFields_VietnameseValidation()
    {
        SkipUnlessAvailable();

        var response = await HtmlForms.SignInAsync(Anonymous(), "", "");

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Hãy nhập tên đăng nhập.", html);
        Assert.Contains("Hãy nhập mật khẩu.", html);
    }

    [SkippableFact]
    public async Task UnknownPage_VietnameseNotFoundPageButApiKeepsProblemDetails()
    {
        SkipUnlessAvailable();
        var client = Anonymous();
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");

        var page = await client.GetAsync("/khong-co-trang-nay");
        var api = await Anonymous().GetAsync("/api/v1/khong-co-duong-dan");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        AssertInShell(await page.Content.ReadAsStringAsync(), "Không tìm thấy trang");
        await ProblemAsync(api, HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task PageThatFails_ErrorPageWithRequestIdAndNoDetail()
    {
        SkipUnlessAvailable();
        const string secret = "chi-tiet-noi-bo-khong-duoc-lo";
        await using var failing = Factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Bpm:Timers:Enabled", "false");
            b.ConfigureTestServices(s => s.AddScoped<CallerAccessor>(_ => throw new InvalidOperationException(secret)));
        });
        var client = failing.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        Assert.Equal(HttpStatusCode.Redirect, (await HtmlForms.SignInAsync(client, "motcua.phuonglam", Password)).StatusCode);

        var response = await client.GetAsync("/inbox");

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("lang=\"vi\"", html);
        Assert.Contains("Máy chủ gặp lỗi", html);
        var requestId = HtmlForms.Parse(html).QuerySelector(".bpm-request-id")?.TextContent;
        Assert.False(string.IsNullOrWhiteSpace(requestId), html);
        Assert.DoesNotContain(secret, html);
        Assert.DoesNotContain("InvalidOperationException", html);
        Assert.DoesNotContain("   at ", html);
    }

    private static async Task<string> PageAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {html}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return html;
    }

    private static void AssertInShell(string html, string text)
    {
        Assert.Contains("<html lang=\"vi\"", html);
        Assert.Contains(text, html);
        Assert.Contains("— Một cửa</a>", AppBar(html));
        Assert.Contains("href=\"/api-docs\"", AppBar(html));
    }

    private static string AppBar(string html) =>
        HtmlForms.Parse(html).QuerySelector("header.bpm-appbar")?.OuterHtml ?? throw new Xunit.Sdk.XunitException("no app bar in:\n" + html);
}
