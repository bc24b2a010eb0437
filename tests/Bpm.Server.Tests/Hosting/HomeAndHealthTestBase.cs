using System.Net;
using Bpm.Server.Tests.Infrastructure;

namespace Bpm.Server.Tests.Hosting;

/// <summary>What a new user meets: the Vietnamese home page, sign-in page, health, API documents.</summary>
public abstract class HomeAndHealthTestBase<TFixture>(TFixture fixture) : ServerTestBase<TFixture>(fixture)
    where TFixture : class, IServerFixture
{
    [SkippableFact]
    public async Task HomePage_InVietnamese_LinksToDesignerInboxAndApiDocs()
    {
        SkipUnlessAvailable();
        var response = await Anonymous().GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("lang=\"vi\"", html);
        Assert.Contains("Bước tiếp theo", html);
        Assert.Contains("href=\"/designer/\"", html);
        Assert.Contains("href=\"/inbox\"", html);
        Assert.Contains("href=\"/api-docs\"", html);
        Assert.Contains("motcua.phuonglam", html);
    }

    [SkippableTheory]
    [InlineData("/")]
    [InlineData("/account/login")]
    [InlineData("/health")]
    public async Task Head_PagesAndHealth_AnswerLikeGetWithoutABody(string path)
    {
        SkipUnlessAvailable();
        var response = await Anonymous().SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [SkippableFact]
    public async Task Health_ReportsBothDatabasesHealthy()
    {
        SkipUnlessAvailable();
        var health = await JsonAsync(await Anonymous().GetAsync("/health"), HttpStatusCode.OK);

        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        var checks = health.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal("Healthy", checks["workflow-database"]);
        Assert.Equal("Healthy", checks["organisation-database"]);
    }

    [SkippableFact]
    public async Task OpenApi_DescribesTheContract()
    {
        SkipUnlessAvailable();
        var document = await JsonAsync(await Anonymous().GetAsync("/openapi/v1.json"), HttpStatusCode.OK);
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();

        foreach (var path in new[]
        {
            "/api/v1/definitions", "/api/v1/definitions/{definitionId}", "/api/v1/definitions/{definitionId}/versions/{version}",
            "/api/v1/definitions/{definitionId}/draft", "/api/v1/definitions/validate", "/api/v1/definitions/{definitionId}/versions/{version}/publish",
            "/api/v1/definitions/{definitionId}/versions/{version}/retract", "/api/v1/definitions/{definitionId}/versions/{version}/revert",
            "/api/v1/definitions/{definitionId}/diff", "/api/v1/definitions/{definitionId}/migrations", "/api/v1/definitions/{definitionId}/whatif",
            "/api/v1/instances", "/api/v1/instances/{instanceId}", "/api/v1/instances/{instanceId}/cancel",
            "/api/v1/instances/{instanceId}/journal", "/api/v1/instances/{instanceId}/verify",
            "/api/v1/tasks", "/api/v1/tasks/{id}/claim", "/api/v1/tasks/{id}/unclaim", "/api/v1/tasks/{id}/complete",
            "/api/v1/tasks/{id}/delegate", "/api/v1/tasks/{id}/return",
            "/api/v1/organisation/units", "/api/v1/organisation/users", "/api/v1/me", "/api/v1/auth/login", "/api/v1/auth/logout",
        })
        {
            Assert.Contains(path, paths);
        }

        var ui = await Factory.CreateClient().GetAsync("/api-docs");
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
        Assert.Equal("text/html", ui.Content.Headers.ContentType?.MediaType);
    }

    [SkippableFact]
    public async Task LoginPage_FormPostWithAntiforgery_SignsInAndWrongPasswordSaysSoInVietnamese()
    {
        SkipUnlessAvailable();
        var client = Anonymous();
        var page = await (await client.GetAsync("/account/login")).Content.ReadAsStringAsync();
        Assert.Contains("Đăng nhập", page);
        Assert.NotEmpty(HtmlForms.HiddenFields(page, "/account/login")["__RequestVerificationToken"]);

        var wrong = await HtmlForms.SignInAsync(client, "thietke", "KhongDung123", "/");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("Tên đăng nhập hoặc mật khẩu không đúng.", await wrong.Content.ReadAsStringAsync());

        var right = await HtmlForms.SignInAsync(client, "thietke", Password, "/api/v1/me");
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/api/v1/me", right.Headers.Location?.AbsolutePath);
        var me = await JsonAsync(await client.GetAsync("/api/v1/me"), HttpStatusCode.OK);
        Assert.Equal("thietke", me.GetProperty("userName").GetString());
    }

    [SkippableFact]
    public async Task LoginPage_WithoutAntiforgeryToken_VietnamesePageSaysTheFormExpired()
    {
        SkipUnlessAvailable();
        var client = Anonymous();
        var fields = HtmlForms.HiddenFields(await (await client.GetAsync("/account/login")).Content.ReadAsStringAsync(), "/account/login");
        fields.Remove("__RequestVerificationToken");
        fields["Input.UserName"] = "thietke";
        fields["Input.Password"] = Password;

        var missing = await client.PostAsync("/account/login", new FormUrlEncodedContent(fields));
        fields["__RequestVerificationToken"] = "CfDJ8-gia-mao";
        var forged = await client.PostAsync("/account/login", new FormUrlEncodedContent(fields));

        foreach (var response in new[] { missing, forged })
        {
            var html = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Biểu mẫu đã hết hạn", html);
            Assert.Contains("lang=\"vi\"", html);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    [SkippableFact]
    public async Task Units_CommunesToday_DistrictsAsHistory()
    {
        SkipUnlessAvailable();
        var client = await SignInAsync("thietke");

        var all = await JsonAsync(await client.GetAsync("/api/v1/organisation/units"), HttpStatusCode.OK);
        var today = await JsonAsync(await client.GetAsync("/api/v1/organisation/units?validOn=2026-01-15"), HttpStatusCode.OK);
        var before = await JsonAsync(await client.GetAsync("/api/v1/organisation/units?validOn=2024-01-15"), HttpStatusCode.OK);

        var district = Assert.Single(all.EnumerateArray(), u => u.GetProperty("level").GetString() == "district");
        Assert.Equal("2025-06-30", district.GetProperty("validTo").GetString());
        // The sample tree records Decision 468's area class on some units; their desks inherit it.
        Assert.Equal("rural", district.GetProperty("areaClass").GetString());
        Assert.Equal("remote", all.EnumerateArray().Single(u => u.GetProperty("code").GetString() == "XA-HOABINH").GetProperty("areaClass").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, all.EnumerateArray().Single(u => u.GetProperty("code").GetString() == "XA-HOABINH.MOTCUA").GetProperty("areaClass").ValueKind);
        Assert.DoesNotContain(today.EnumerateArray(), u => u.GetProperty("level").GetString() == "district");
        Assert.Contains(today.EnumerateArray(), u => u.GetProperty("code").GetString() == "XA-PHUONGLAM.TUPHAP");
        Assert.Contains(before.EnumerateArray(), u => u.GetProperty("level").GetString() == "district");
        Assert.DoesNotContain(before.EnumerateArray(), u => u.GetProperty("code").GetString() == "XA-PHUONGLAM");
        foreach (var code in new[] { "XA-PHUONGLAM.MOTCUA", "XA-PHUONGLAM.TUPHAP", "XA-PHUONGLAM.KINHTE", "XA-PHUONGLAM.LANHDAO", "SXD", "SXD.QLXD", "STC.DKKD", "STC.DKKD.LANHDAO", "TTPVHCC.QUAY-STC" })
        {
            Assert.Contains(today.EnumerateArray(), u => u.GetProperty("code").GetString() == code);
        }
    }

    [SkippableFact]
    public async Task Inbox_ShowsOwnUnitsTasksAndAsksStrangersToSignIn()
    {
        SkipUnlessAvailable();
        var (_, _, code) = await StartBirthRegistrationAsync();
        var reception = await SignInAsync("motcua.phuonglam");
        var other = await SignInAsync("tuphap.hoabinh");

        // Filtered by the code: the shared server's desk has more open tasks than one page of the inbox.
        var page = await reception.GetAsync($"/inbox?ma={Uri.EscapeDataString(code)}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        // The filter field repeats the code typed; the row links to the dossier.
        Assert.Contains($"href=\"/dossiers/{code}\"", html);
        Assert.Contains("Tiếp nhận hồ sơ", html);
        Assert.DoesNotContain($"href=\"/dossiers/{code}\"", await (await other.GetAsync($"/inbox?ma={Uri.EscapeDataString(code)}")).Content.ReadAsStringAsync());

        var anonymous = await Anonymous().GetAsync("/inbox");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("http://localhost/account/login", anonymous.Headers.Location?.ToString());
    }

    [SkippableFact]
    public async Task SingleSignOn_NotConfigured_SaysSoInVietnamese()
    {
        SkipUnlessAvailable();
        var response = await Anonymous().GetAsync("/account/sso");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Chưa cấu hình đăng nhập một lần", await response.Content.ReadAsStringAsync());
    }
}
