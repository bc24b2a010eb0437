using System.Security.Claims;
using Bpm.Server.Features.Shared;
using Bpm.Server.Seeding;

namespace Bpm.Server.Features.Home;

/// <summary>The Vietnamese home page: what Bpm is and what to do next.</summary>
public static class HomePage
{
    public static IEndpointRouteBuilder MapHomePage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", Render).ExcludeFromDescription().AllowAnonymous();

        // The designer's files are built into wwwroot/designer by the designer project; until then, say so.
        // Only then: a matched endpoint makes the static-file middleware step aside, so mapping this
        // route while the files exist would hide the designer behind this page.
        var webRoot = app.ServiceProvider.GetRequiredService<IWebHostEnvironment>().WebRootFileProvider;
        if (webRoot.GetFileInfo("designer/index.html").Exists)
        {
            return app;
        }

        app.MapGet("/designer/{**path}", () => HtmlPage.Render("Thiết kế quy trình", """
            <section>
            <h1>Trình thiết kế quy trình chưa được dựng</h1>
            <p>Các tệp của trình thiết kế (bpmn-js) được tạo khi dựng dự án <code>src/Bpm.Designer</code>.
            Trong lúc chờ, có thể xem và sửa quy trình qua <a href="/api-docs">API</a>.</p>
            </section>
            """, StatusCodes.Status404NotFound)).ExcludeFromDescription().AllowAnonymous();
        return app;
    }

    private static IResult Render(ClaimsPrincipal user, IConfiguration configuration)
    {
        var signedIn = user.Identity?.IsAuthenticated == true;
        var who = signedIn
            ? $"""<p>Bạn đang đăng nhập với tài khoản <strong>{HtmlPage.Encode(user.Identity!.Name)}</strong>. <form method="post" action="/account/logout" style="display:inline"><button type="submit">Đăng xuất</button></form></p>"""
            : """<p><a href="/account/login">Đăng nhập</a> bằng tài khoản được cấp để bắt đầu.</p>""";
        var demo = configuration.GetValue("Bpm:SeedDemoUsers", true) ? DemoTable() : "";
        return HtmlPage.Render("Trang chủ", $"""
            <section>
            <h1>Chào mừng đến với Bpm</h1>
            <p>Bpm quản lý quy trình nội bộ giải quyết thủ tục hành chính theo cơ chế một cửa, một cửa liên thông:
            thiết kế và ban hành quy trình, tiếp nhận và xử lý hồ sơ, theo dõi thời hạn theo ngày làm việc
            và kiểm tra lại toàn bộ lịch sử xử lý.</p>
            {who}
            </section>
            <section>
            <h2>Bước tiếp theo</h2>
            <ol>
            <li><strong><a href="/account/login">Đăng nhập</a></strong> — mỗi vai trò (quản trị, thiết kế quy trình, tiếp nhận, chuyên viên, lãnh đạo, kiểm tra) có một tài khoản mẫu.</li>
            <li><strong><a href="/designer/">Thiết kế quy trình</a></strong> — mở quy trình mẫu, sửa đơn vị, vai trò, thời gian xử lý từng bước và ban hành phiên bản mới.</li>
            <li><strong><a href="/inbox">Hộp công việc</a></strong> — xem và xử lý các công việc của đơn vị bạn, sắp theo hạn xử lý.</li>
            <li><strong><a href="/api-docs">Tài liệu API</a></strong> — mọi chức năng qua REST <code>/api/v1</code> (đặc tả OpenAPI tại <a href="/openapi/v1.json">/openapi/v1.json</a>).</li>
            <li><a href="/health">Tình trạng hệ thống</a> — máy chủ và cơ sở dữ liệu.</li>
            </ol>
            </section>
            {demo}
            """);
    }

    private static string DemoTable()
    {
        var rows = string.Concat(DemoUsers.All.Select(u =>
            $"<tr><td><code>{HtmlPage.Encode(u.UserName)}</code></td><td>{HtmlPage.Encode(u.DisplayName)}</td><td>{HtmlPage.Encode(string.Join(", ", u.Roles))}</td></tr>"));
        return $"""
            <section>
            <h2>Tài khoản mẫu</h2>
            <p class="note">Chỉ dùng để trình diễn. Mật khẩu chung: <code>{DemoUsers.Password}</code>. Tắt bằng cấu hình <code>Bpm__SeedDemoUsers=false</code>.</p>
            <table><thead><tr><th>Tên đăng nhập</th><th>Người dùng</th><th>Vai trò</th></tr></thead><tbody>{rows}</tbody></table>
            </section>
            """;
    }
}
