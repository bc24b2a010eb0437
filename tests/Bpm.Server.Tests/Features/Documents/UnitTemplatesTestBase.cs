using System.Net;
using System.Text;
using System.Text.Json;
using Bpm.Documents;
using Bpm.Server.Tests.Features.Dossiers;
using Bpm.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Server.Tests.Features.Documents;

/// <summary>
/// A unit's own form templates through the API on one provider: stored only when they render, used
/// for the forms that unit issues afterwards and by no other unit, dropped again by DELETE. The
/// tests receive in May 2027, days no other dossier suite uses, so that their codes do not meet.
/// </summary>
public abstract class UnitTemplatesTestBase<TFixture>(TFixture fixture) : ServerTestBase<TFixture>(fixture)
    where TFixture : class, IDossierServerFixture
{
    private const string Desk = "XA-PHUONGLAM.MOTCUA";
    private const string OtherDesk = "XA-HOABINH.MOTCUA";
    private const string Marker = "MẪU RIÊNG CỦA ĐƠN VỊ";

    [SkippableFact]
    public async Task Put_Form01OfTheUnit_UsedForItsFormsIssuedAfterwardsAndByNoOtherUnit()
    {
        SkipUnlessAvailable();
        ReceiveOn(10, 16);
        var admin = await SignInAsync("admin");
        var leader = await SignInAsync("lanhdao.phuonglam");
        var reception = await SignInAsync("motcua.phuonglam");
        try
        {
            Assert.Equal(HttpStatusCode.NoContent, (await PutAsync(admin, OtherDesk, DocumentTemplates.ReceiptSlip, WithMarker(OtherDesk))).StatusCode);
            var beforeOwn = await ReceiveAsync(reception);
            Assert.Equal(HttpStatusCode.NoContent, (await PutAsync(leader, Desk, DocumentTemplates.ReceiptSlip, WithMarker(Desk))).StatusCode);
            Fixture.Clock.Now = Fixture.Clock.Now.AddHours(1);
            var afterOwn = await ReceiveAsync(reception);

            var unchanged = await FormAsync(reception, beforeOwn);
            var overridden = await FormAsync(reception, afterOwn);
            var list = await JsonAsync(await leader.GetAsync($"/api/v1/units/{Desk}/templates"), HttpStatusCode.OK);

            Assert.DoesNotContain(Marker, unchanged);
            Assert.Contains("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", unchanged);
            Assert.Contains($"{Marker} {Desk}", overridden);
            Assert.DoesNotContain(OtherDesk, overridden);
            Assert.Contains(afterOwn, overridden);
            var entry = list.EnumerateArray().Single(e => e.GetProperty("name").GetString() == DocumentTemplates.ReceiptSlip);
            Assert.True(entry.GetProperty("overridden").GetBoolean());
            Assert.Equal("lanhdao.phuonglam", entry.GetProperty("updatedBy").GetString());
            Assert.All(list.EnumerateArray().Where(e => e.GetProperty("name").GetString() != DocumentTemplates.ReceiptSlip), e => Assert.False(e.GetProperty("overridden").GetBoolean()));
        }
        finally
        {
            await admin.DeleteAsync($"/api/v1/units/{Desk}/templates/{DocumentTemplates.ReceiptSlip}");
            await admin.DeleteAsync($"/api/v1/units/{OtherDesk}/templates/{DocumentTemplates.ReceiptSlip}");
        }
    }

    [SkippableFact]
    public async Task Delete_Override_FormsIssuedAfterwardsUseTheShippedTemplateAgain()
    {
        SkipUnlessAvailable();
        ReceiveOn(11, 16);
        var leader = await SignInAsync("lanhdao.phuonglam");
        var reception = await SignInAsync("motcua.phuonglam");
        Assert.Equal(HttpStatusCode.NoContent, (await PutAsync(leader, Desk, DocumentTemplates.ReceiptSlip, WithMarker(Desk))).StatusCode);

        var deleted = await leader.DeleteAsync($"/api/v1/units/{Desk}/templates/{DocumentTemplates.ReceiptSlip}");
        var code = await ReceiveAsync(reception);
        var again = await leader.DeleteAsync($"/api/v1/units/{Desk}/templates/{DocumentTemplates.ReceiptSlip}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.DoesNotContain(Marker, await FormAsync(reception, code));
        await ProblemAsync(again, HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Put_TemplateThatDoesNotRender_400NamingLineAndColumnAndNothingStored()
    {
        SkipUnlessAvailable();
        var admin = await SignInAsync("admin");

        var misspelt = await ProblemAsync(await PutAsync(admin, Desk, DocumentTemplates.ReceiptSlip, "<p>Phiếu</p>\n<p>{{ aplicant }}</p>"), HttpStatusCode.BadRequest);
        var unparsable = await ProblemAsync(await PutAsync(admin, Desk, DocumentTemplates.ReceiptSlip, "<p>\n\n  {{ if }}</p>"), HttpStatusCode.BadRequest);
        var unknown = await ProblemAsync(await PutAsync(admin, Desk, "mau-99.html.scriban", "<p>x</p>"), HttpStatusCode.BadRequest);
        var empty = await ProblemAsync(await PutAsync(admin, Desk, DocumentTemplates.ReceiptSlip, " "), HttpStatusCode.BadRequest);
        var list = await JsonAsync(await admin.GetAsync($"/api/v1/units/{Desk}/templates"), HttpStatusCode.OK);

        Assert.StartsWith("dòng 2, cột 7", Error(misspelt, "text"));
        Assert.Contains("aplicant", Error(misspelt, "text"));
        Assert.StartsWith("dòng 3, cột", Error(unparsable, "text"));
        Assert.Contains("không có gì được lưu", unparsable.GetProperty("detail").GetString());
        Assert.Contains(DocumentTemplates.ReceiptSlip, Error(unknown, "name"));
        Assert.NotNull(Error(empty, "text"));
        Assert.All(list.EnumerateArray(), e => Assert.False(e.GetProperty("overridden").GetBoolean()));
    }

    [SkippableFact]
    public async Task Put_NeitherAdminNorTheUnitsLeader_403AndNothingStored()
    {
        SkipUnlessAvailable();
        var reception = await SignInAsync("motcua.phuonglam");
        var otherLeader = await SignInAsync("lanhdao.dkkd");
        var admin = await SignInAsync("admin");

        var byReception = await PutAsync(reception, Desk, DocumentTemplates.ReceiptSlip, WithMarker(Desk));
        var byOtherLeader = await PutAsync(otherLeader, Desk, DocumentTemplates.ReceiptSlip, WithMarker(Desk));
        var listByReception = await reception.GetAsync($"/api/v1/units/{Desk}/templates");
        var noSuchUnit = await admin.GetAsync("/api/v1/units/KHONG-CO/templates");
        var list = await JsonAsync(await admin.GetAsync($"/api/v1/units/{Desk}/templates"), HttpStatusCode.OK);

        await ProblemAsync(byReception, HttpStatusCode.Forbidden);
        await ProblemAsync(byOtherLeader, HttpStatusCode.Forbidden);
        await ProblemAsync(listByReception, HttpStatusCode.Forbidden);
        await ProblemAsync(noSuchUnit, HttpStatusCode.NotFound);
        Assert.All(list.EnumerateArray(), e => Assert.False(e.GetProperty("overridden").GetBoolean()));
    }

    [SkippableFact]
    public async Task Put_ReceiptSmsNoticeOfTheUnit_UsedForTheNoticesOfItsReceptionsAfterwards()
    {
        SkipUnlessAvailable();
        ReceiveOn(12, 9);
        var leader = await SignInAsync("lanhdao.phuonglam");
        var reception = await SignInAsync("motcua.phuonglam");
        const string Sms = "thong-bao-tiep-nhan.sms.txt.scriban";
        try
        {
            var before = await ReceiveAsync(reception);
            Assert.Equal(HttpStatusCode.NoContent, (await PutAsync(leader, Desk, Sms, $"{Marker}: hồ sơ {{{{ dossier_code }}}} đã nhận lúc {{{{ vn.date_time received_at_vn }}}}.")).StatusCode);
            Fixture.Clock.Now = Fixture.Clock.Now.AddHours(1);
            var after = await ReceiveAsync(reception);
            var misspelt = await ProblemAsync(await PutAsync(leader, Desk, NoticeEmail, "Tiêu đề\n{{ dossier_cod }}"), HttpStatusCode.BadRequest);
            var list = await JsonAsync(await leader.GetAsync($"/api/v1/units/{Desk}/templates"), HttpStatusCode.OK);

            Assert.DoesNotContain(Marker, await SmsAsync(before));
            Assert.StartsWith($"{Marker}: hồ sơ {after} đã nhận lúc", await SmsAsync(after), StringComparison.Ordinal);
            Assert.Contains("dossier_cod", Error(misspelt, "text"));
            Assert.True(list.EnumerateArray().Single(e => e.GetProperty("name").GetString() == Sms).GetProperty("overridden").GetBoolean());
            Assert.False(list.EnumerateArray().Single(e => e.GetProperty("name").GetString() == NoticeEmail).GetProperty("overridden").GetBoolean());
        }
        finally
        {
            await leader.DeleteAsync($"/api/v1/units/{Desk}/templates/{Sms}");
        }
    }

    private const string NoticeEmail = "thong-bao-tiep-nhan.email.txt.scriban";

    private async Task<string> SmsAsync(string code)
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Bpm.Persistence.BpmDbContext>();
        return db.Notifications.Single(n => n.DossierCode == code && n.Channel == "Sms").Body;
    }

    private void ReceiveOn(int may, int hourInVietnam) =>
        Fixture.Clock.Now = new DateTimeOffset(2027, 5, may, hourInVietnam, 0, 0, TimeSpan.FromHours(7)).ToUniversalTime();

    /// <summary>The shipped form 01 with a line naming the unit, so a form shows whose template printed it.</summary>
    private static string WithMarker(string unit) =>
        File.ReadAllText(Path.Combine(RepositoryRoot(), "workflows", "templates", DocumentTemplates.ReceiptSlip))
            .Replace("</body>", $"<p>{Marker} {unit}</p></body>", StringComparison.Ordinal);

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, string unit, string name, string text) =>
        client.PutAsync($"/api/v1/units/{unit}/templates/{name}", new StringContent(text, Encoding.UTF8, "text/plain"));

    private static async Task<string> ReceiveAsync(HttpClient reception) =>
        (await JsonAsync(await reception.PostAsync("/api/v1/dossiers", System.Net.Http.Json.JsonContent.Create(DossierBodies.BirthRegistration())), HttpStatusCode.Created)).GetProperty("code").GetString()!;

    private static async Task<string> FormAsync(HttpClient client, string code)
    {
        var response = await client.GetAsync($"/api/v1/dossiers/{code}/forms/01");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static string? Error(JsonElement problem, string field) =>
        problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out var messages) ? messages[0].GetString() : null;
}

[Collection(SqliteDossierCollection.Name)]
public sealed class SqliteUnitTemplatesTests(SqliteDossierServerFixture fixture) : UnitTemplatesTestBase<SqliteDossierServerFixture>(fixture);

[Collection(PostgresDossierCollection.Name)]
public sealed class PostgreSqlUnitTemplatesTests(PostgresDossierServerFixture fixture) : UnitTemplatesTestBase<PostgresDossierServerFixture>(fixture);
