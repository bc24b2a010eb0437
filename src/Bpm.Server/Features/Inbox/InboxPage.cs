using System.Globalization;
using Bpm.Persistence;
using Bpm.Server.Features.Instances;
using Bpm.Server.Features.Shared;
using Bpm.Server.Security;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Features.Inbox;

/// <summary>
/// The signed-in officer's open tasks, by due date, in Vietnamese and Vietnam time. Read-only for
/// now: the work itself goes through <c>/api/v1/tasks</c>.
/// </summary>
public static class InboxPage
{
    private static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static IEndpointRouteBuilder MapInboxPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/inbox", RenderAsync).ExcludeFromDescription().RequireAuthorization(Policies.Authenticated);
        return app;
    }

    private static async Task<IResult> RenderAsync(BpmDbContext db, CallerAccessor callers, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = await callers.GetAsync(cancellationToken);
        var tasks = await db.Tasks.AsNoTracking()
            .VisibleTasks(caller)
            .Where(t => t.Status == TaskRecord.Open)
            .OrderBy(t => t.DueAt == null)
            .ThenBy(t => t.DueAt)
            .ThenBy(t => t.CreatedAt)
            .Take(200)
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var rows = string.Concat(tasks.Select(t =>
        {
            var late = t.DueAt is { } due && due < now;
            var dueText = t.DueAt is { } d ? d.ToOffset(VietnamOffset).ToString("HH:mm dd/MM/yyyy", Vietnamese) : "—";
            return $"""
                <tr><td><code>{HtmlPage.Encode(t.BusinessKey)}</code></td><td>{HtmlPage.Encode(t.Name ?? t.ElementId)}</td>
                <td>{HtmlPage.Encode(t.Unit)}</td><td>{HtmlPage.Encode(t.Assignee ?? "chưa ai nhận")}</td>
                <td{(late ? " class=\"error\"" : "")}>{dueText}{(late ? " (quá hạn)" : "")}</td></tr>
                """;
        }));
        var table = tasks.Count == 0
            ? "<p>Không có công việc nào đang chờ đơn vị và vai trò của bạn.</p>"
            : $"<table><thead><tr><th>Mã hồ sơ</th><th>Công việc</th><th>Đơn vị</th><th>Người xử lý</th><th>Hạn xử lý</th></tr></thead><tbody>{rows}</tbody></table>";
        return HtmlPage.Render("Hộp công việc", $"""
            <section>
            <h1>Hộp công việc</h1>
            <p>{HtmlPage.Encode(caller.UserName)} — {tasks.Count} công việc đang mở, sắp theo hạn xử lý (giờ Việt Nam).</p>
            {table}
            <p class="note">Nhận, hoàn thành, chuyển hoặc trả lại công việc qua API <code>/api/v1/tasks</code> (xem <a href="/api-docs">tài liệu API</a>).</p>
            </section>
            """);
    }
}
