using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bpm.Server.Tests.Infrastructure;

namespace Bpm.Server.Tests.Features.Dossiers;

/// <summary>
/// The applicant's notices through the dossier API on one provider: written with each step for the
/// channels the applicant chose (or the default rule), none when they chose none, and a reception
/// whose receipt notice cannot be written leaves nothing behind.
/// </summary>
public abstract class DossierNoticesTestBase<TFixture>(TFixture fixture) : DossierTestBase<TFixture>(fixture)
    where TFixture : class, IDossierServerFixture
{
    [SkippableFact]
    public async Task Notices_ReceiptSupplementAndRefusal_WrittenForTheApplicantWithEachStep()
    {
        SkipUnlessAvailable();
        ReceiveOn(28, 9);
        var reception = await SignInAsync("motcua.phuonglam");
        var code = (await JsonAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", BirthRegistrationBody()), HttpStatusCode.Created)).GetProperty("code").GetString()!;
        Later(1);
        await PostAsync(reception, code, "supplement-request", new { papers = new[] { new { id = "giay-chung-sinh", reason = "Thiếu trang 2." } }, reason = "Giấy chứng sinh chưa đủ." });
        Later(1);
        await PostAsync(reception, code, "refusal", new { reasons = new[] { "Người nộp không bổ sung giấy chứng sinh." } });

        List<Bpm.Persistence.NotificationRecord> rows;
        using (var scope = Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Bpm.Persistence.BpmDbContext>();
            rows = await db.Notifications.AsNoTracking().Where(n => n.DossierCode == code).OrderBy(n => n.Id).ToListAsync();
        }

        Assert.Equal(["Receipt/Sms", "Receipt/Email", "SupplementRequest/Sms", "SupplementRequest/Email", "Refusal/Sms", "Refusal/Email"], rows.Select(r => $"{r.Notice}/{r.Channel}"));
        Assert.Equal(("84912345678", "an.nguyen@example.vn"), (rows[0].Address, rows[1].Address));
        Assert.Contains($"đã tiếp nhận hồ sơ {code}", rows[0].Body);
        Assert.Contains("Giấy chứng sinh", rows[2].Body);
        Assert.Contains("Thiếu trang 2.", rows[2].Body);
        Assert.Contains("Người nộp không bổ sung giấy chứng sinh.", rows[4].Body);
        Assert.All(rows, r => Assert.StartsWith($"{code}/su-kien-", r.MessageId, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Receive_NotifyByEmailOnly_ChoiceStoredAndOnlyTheEmailReceiptWritten()
    {
        SkipUnlessAvailable();
        ReceiveOn(3, 9);
        var reception = await SignInAsync("motcua.phuonglam");
        var body = BirthRegistrationBody();
        ((Dictionary<string, object?>)body["applicant"]!)["notifyBy"] = new[] { "email" };

        var dossier = await JsonAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", body), HttpStatusCode.Created);
        var code = dossier.GetProperty("code").GetString()!;

        Assert.Equal(["email"], dossier.GetProperty("applicant").GetProperty("notifyBy").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["Receipt/Email"], (await NoticesAsync(code)).Select(r => $"{r.Notice}/{r.Channel}"));
    }

    [SkippableFact]
    public async Task Receive_NotifyByNone_NoNoticeAtReceptionNorAtALaterStep()
    {
        SkipUnlessAvailable();
        ReceiveOn(4, 9);
        var reception = await SignInAsync("motcua.phuonglam");
        var body = BirthRegistrationBody();
        ((Dictionary<string, object?>)body["applicant"]!)["notifyBy"] = Array.Empty<string>();

        var dossier = await JsonAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", body), HttpStatusCode.Created);
        var code = dossier.GetProperty("code").GetString()!;
        Later(1);
        await PostAsync(reception, code, "refusal", new { reasons = new[] { "Không thuộc thẩm quyền." } });

        Assert.Equal(0, dossier.GetProperty("applicant").GetProperty("notifyBy").GetArrayLength());
        Assert.Empty(await NoticesAsync(code));
    }

    [SkippableFact]
    public async Task Receive_WithoutAChoice_DefaultRuleSmsAndEmailAndNoChoiceStored()
    {
        SkipUnlessAvailable();
        ReceiveOn(5, 9);
        var reception = await SignInAsync("motcua.phuonglam");

        var dossier = await JsonAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", BirthRegistrationBody()), HttpStatusCode.Created);

        Assert.Equal(JsonValueKind.Null, dossier.GetProperty("applicant").GetProperty("notifyBy").ValueKind);
        Assert.Equal(["Receipt/Sms", "Receipt/Email"], (await NoticesAsync(dossier.GetProperty("code").GetString()!)).Select(r => $"{r.Notice}/{r.Channel}"));
    }

    [SkippableFact]
    public async Task Receive_ReceiptNoticeFails_NoDossierNoNoticeAndNoNumberConsumed()
    {
        SkipUnlessAvailable();
        ReceiveOn(6, 9);
        var reception = await SignInAsync("motcua.phuonglam");
        int dossiers, notices;
        using (var scope = Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Bpm.Persistence.BpmDbContext>();
            (dossiers, notices) = (await db.Dossiers.CountAsync(), await db.Notifications.CountAsync());
            // A unit's receipt SMS that cannot render (the API refuses to store one; a row written by hand can): the notice fails inside reception's transaction.
            db.TemplateOverrides.Add(new Bpm.Persistence.TemplateOverrideRecord { UnitCode = "XA-PHUONGLAM.MOTCUA", TemplateName = "thong-bao-tiep-nhan.sms.txt.scriban", Text = "{{ khong_co_truong_nay }}", UpdatedBy = "test" });
            await db.SaveChangesAsync();
            scope.ServiceProvider.GetRequiredService<Bpm.Server.Features.Documents.DatabaseTemplateOverrides>().Changed();
        }

        HttpResponseMessage failed;
        try
        {
            failed = await reception.PostAsJsonAsync("/api/v1/dossiers", BirthRegistrationBody());
        }
        finally
        {
            using var scope = Factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<Bpm.Persistence.BpmDbContext>();
            await db.TemplateOverrides.Where(o => o.UnitCode == "XA-PHUONGLAM.MOTCUA" && o.TemplateName == "thong-bao-tiep-nhan.sms.txt.scriban").ExecuteDeleteAsync();
            scope.ServiceProvider.GetRequiredService<Bpm.Server.Features.Documents.DatabaseTemplateOverrides>().Changed();
        }

        var good = await JsonAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", BirthRegistrationBody()), HttpStatusCode.Created);

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        using (var scope = Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Bpm.Persistence.BpmDbContext>();
            Assert.Equal((dossiers + 1, notices + 2), (await db.Dossiers.CountAsync(), await db.Notifications.CountAsync()));
        }

        Assert.Equal($"{Unit}-261206-0001", good.GetProperty("code").GetString());
    }
}
