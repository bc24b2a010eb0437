using Bpm.Persistence;
using Bpm.Persistence.Sqlite;
using Bpm.Server.Features.DossierPage;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Bpm.Server.Tests.Features.DossierPage;

/// <summary>The dossier page's list of what was sent, over a migrated SQLite file: each message, its channel, its attempts and the channel's answers.</summary>
public sealed class SentNoticesTests : BunitContext
{
    private const string Code = "000.00.12.H08-261201-0007";
    private readonly string _folder = Directory.CreateTempSubdirectory("bpm-sent-notices-").FullName;
    private readonly DbContextOptions<BpmDbContext> _options;

    public SentNoticesTests()
    {
        // Pooling off: the folder is deleted after the test, which an open pooled connection would keep locked.
        _options = BpmSqlite.Options($"Data Source={Path.Combine(_folder, "bpm.db")};Pooling=False");
        using (var db = new BpmDbContext(_options))
        {
            db.Database.Migrate();
        }

        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddScoped(_ => new BpmDbContext(_options));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void Render_SentRetryingAndOtherDossiers_EachMessageWithItsAttemptsAndAnswers()
    {
        var at = new DateTimeOffset(2026, 12, 1, 2, 30, 0, TimeSpan.Zero);
        using (var db = new BpmDbContext(_options))
        {
            var sms = Row(Code, "Receipt", "Sms", "84912345678", at);
            sms.SentAt = at.AddMinutes(1);
            sms.Attempts = 2;
            var email = Row(Code, "Apology", "Email", "an.nguyen@example.vn", at.AddDays(2));
            email.Attempts = 1;
            email.NextAttemptAt = at.AddDays(2).AddMinutes(1);
            db.Notifications.AddRange(sms, email, Row("000.00.12.H08-261201-0008", "Receipt", "Sms", "84987654321", at));
            db.SaveChanges();
            db.NotificationAttempts.AddRange(
                Attempt(sms.Id, 1, at, "http:sms", accepted: false, "503 gateway busy"),
                Attempt(sms.Id, 2, at.AddMinutes(1), "http:sms", accepted: true, "200 {\"status\":\"queued\"}"),
                Attempt(email.Id, 1, at.AddDays(2), "smtp", accepted: false, "421 try later"));
            db.SaveChanges();
        }

        var list = Render<SentNotices>(p => p.Add(c => c.Code, Code));

        var rows = list.FindAll("tbody tr");
        Assert.Equal([$"{Code}/1/sms", $"{Code}/2/email"], rows.Select(r => r.GetAttribute("data-message-id")));
        Assert.Contains("Đã tiếp nhận hồ sơ", rows[0].TextContent);
        Assert.Contains("84912345678", rows[0].TextContent);
        Assert.Contains("Đã gửi lúc 01/12/2026 09:31", rows[0].QuerySelector(".bpm-notice-outcome")!.TextContent);
        Assert.Equal(["503 gateway busy", "200 {\"status\":\"queued\"}"], rows[0].QuerySelectorAll(".bpm-attempts q").Select(q => q.TextContent));
        Assert.Contains("Xin lỗi và hẹn lại ngày trả", rows[1].TextContent);
        Assert.Contains("Thư điện tử", rows[1].TextContent);
        Assert.Contains("Sẽ gửi lại lúc 03/12/2026 09:31", rows[1].QuerySelector(".bpm-notice-outcome")!.TextContent);
        Assert.Contains("qua smtp: chưa được", rows[1].TextContent);
        Assert.DoesNotContain("84987654321", list.Markup);
    }

    [Fact]
    public void Render_NoNotice_SaysSo()
    {
        var list = Render<SentNotices>(p => p.Add(c => c.Code, Code));

        Assert.Empty(list.FindAll("tbody tr"));
        Assert.Contains("Chưa có thông báo nào", list.Markup);
    }

    private static NotificationRecord Row(string code, string notice, string channel, string address, DateTimeOffset at) => new()
    {
        MessageId = $"{code}/{(notice == "Receipt" ? 1 : 2)}/{channel.ToLowerInvariant()}",
        DossierCode = code,
        Notice = notice,
        Channel = channel,
        Address = address,
        Body = "…",
        CreatedAt = at,
        NextAttemptAt = at,
    };

    private static NotificationAttemptRecord Attempt(long id, int attempt, DateTimeOffset at, string channel, bool accepted, string answer) => new()
    {
        NotificationId = id, Attempt = attempt, At = at, ChannelName = channel, Accepted = accepted, Permanent = false, Answer = answer,
    };
}
