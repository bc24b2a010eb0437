using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bpm.Documents.Signing;
using Bpm.Dossiers.Catalog;
using Bpm.Engine;
using Bpm.Persistence;
using Bpm.Server.Features.Dossiers;
using Bpm.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Server.Tests.Features.Dossiers;

/// <summary>
/// The official forms of a dossier through the API on one provider: each form 01–05 issued from
/// the step that gives it, printed again exactly as issued, verifiable with the verification
/// endpoint; the tracking book (06) of a unit and period; the apology step. The tests receive in
/// January 2027, days the lifecycle suite does not use, so that their codes do not meet.
/// </summary>
public abstract class DossierFormsTestBase<TFixture>(TFixture fixture) : ServerTestBase<TFixture>(fixture)
    where TFixture : class, IDossierServerFixture
{
    private const string Desk = "XA-PHUONGLAM.MOTCUA";

    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    [SkippableFact]
    public async Task Form01_ReceivedAfter15Hours_IssuedAtReceptionPrintedAgainAsIssuedAndVerifies()
    {
        SkipUnlessAvailable();
        ReceiveOn(4, 16);
        var reception = await SignInAsync("motcua.phuonglam");
        var code = await ReceiveAsync(reception);
        var atReception = await Store().FindLatestAsync(code, "01");

        var first = await reception.GetAsync($"/api/v1/dossiers/{code}/forms/01");
        var again = await reception.GetAsync($"/api/v1/dossiers/{code}/forms/01");

        Assert.NotNull(atReception);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/html", first.Content.Headers.ContentType?.MediaType);
        var html = await first.Content.ReadAsStringAsync();
        Assert.Contains("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", html);
        Assert.Contains(code, html);
        Assert.Contains("Nguyễn Văn An", html);
        Assert.Contains("Giấy chứng sinh", html);
        Assert.Contains("data:image/png;base64,", html);
        Assert.Contains("@page", html);
        var id = Header(first, GetDossierForm.DocumentIdHeader);
        Assert.Equal(atReception.Id.ToString(), id);
        Assert.Equal(id, Header(again, GetDossierForm.DocumentIdHeader));
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await again.Content.ReadAsByteArrayAsync());
        await AssertVerifiesAsync(await first.Content.ReadAsByteArrayAsync(), id);
    }

    [SkippableFact]
    public async Task Form01_SameDayProcedureInTheMorning_NotIssuedAtReceptionButOnRequest()
    {
        SkipUnlessAvailable();
        ReceiveOn(5, 9);
        var reception = await SignInAsync("motcua.phuonglam");
        var code = await ReceiveAsync(reception);

        Assert.Null(await Store().FindLatestAsync(code, "01"));
        var slip = await reception.GetAsync($"/api/v1/dossiers/{code}/forms/01");

        Assert.Equal(HttpStatusCode.OK, slip.StatusCode);
        Assert.NotNull(await Store().FindLatestAsync(code, "01"));
    }

    [SkippableFact]
    public async Task Form02_AfterTheSupplementRequest_ListsThePaperReasonAndDeadline()
    {
        SkipUnlessAvailable();
        ReceiveOn(6, 9);
        var reception = await SignInAsync("motcua.phuonglam");
        var code = await ReceiveAsync(reception);
        var before = await ProblemAsync(await reception.GetAsync($"/api/v1/dossiers/{code}/forms/02"), HttpStatusCode.Conflict);
        await ProblemAsync(await reception.PostAsJsonAsync($"/api/v1/dossiers/{code}/supplement-request", new { papers = new[] { new { id = "giay-chung-sinh", reason = "Mờ." } }, deadline = "hôm qua" }), HttpStatusCode.BadRequest);

        await PostAsync(reception, code, "supplement-request", new { papers = new[] { new { id = "giay-chung-sinh", reason = "Giấy chứng sinh bị mờ, không đọc được ngày sinh." } }, deadline = "15/01/2027" });
        var form = await reception.GetAsync($"/api/v1/dossiers/{code}/forms/02");

        Assert.Contains("chưa có yêu cầu bổ sung", before.GetProperty("detail").GetString());
        var html = await form.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("Giấy chứng sinh", html);
        Assert.Contains("không đọc được ngày sinh", html);
        Assert.Contains("ngày 15 tháng 1 năm 2027", html);
        Assert.Contains("Nguyễn Thị Lan", html);
        Assert.NotNull(await Store().FindLatestAsync(code, "02"));
    }

    [SkippableFact]
    public async Task Form03_AfterTheRefusal_PrintsTheReasonsAndVerifies()
    {
        SkipUnlessAvailable();
        ReceiveOn(7, 9);
        var reception = await SignInAsync("motcua.phuonglam");
        var code = await ReceiveAsync(reception);
        await PostAsync(reception, code, "refusal", new { reasons = new[] { "Trẻ đã được đăng ký khai sinh tại xã khác." } });

        var form = await reception.GetAsync($"/api/v1/dossiers/{code}/forms/03");

        var html = await form.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("Trẻ đã được đăng ký khai sinh tại xã khác.", html);
        Assert.Contains(code, html);
        await AssertVerifiesAsync(await form.Content.ReadAsByteArrayAsync(), Header(form, GetDossierForm.DocumentIdHeader));
    }

    [SkippableFact]
    public async Task Form05_AfterTwoHandovers_OneRowEachWithWhoAndOutcome()
    {
        SkipUnlessAvailable();
        ReceiveOn(8, 8);
        var reception = await SignInAsync("motcua.phuonglam");
        var specialist = await SignInAsync("tuphap.phuonglam");
        var code = await ReceiveAsync(reception);
        Later(1);
        await PostAsync(reception, code, "handover", new { });
        Later(1);
        await CompleteAsync(specialist, await SingleTaskAsync(specialist, code, "Task_ThamDinh"), "approve");

        var first = await reception.GetAsync($"/api/v1/dossiers/{code}/forms/05");
        var second = await reception.GetAsync($"/api/v1/dossiers/{code}/forms/05");

        var html = await first.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("1. Giao: Bộ phận Một cửa xã Phương Lâm", html);
        Assert.Contains("Nhận: Công chức Tư pháp – Hộ tịch xã Phương Lâm", html);
        Assert.Contains("2. Giao: Công chức Tư pháp – Hộ tịch xã Phương Lâm", html);
        Assert.DoesNotContain("3. Giao:", html);
        Assert.Contains("Nguyễn Thị Lan", html);
        Assert.Matches("Trước hạn|Đúng hạn", html);
        // Built live each time: a new issued document, each verifiable.
        Assert.NotEqual(Header(first, GetDossierForm.DocumentIdHeader), Header(second, GetDossierForm.DocumentIdHeader));
        await AssertVerifiesAsync(await second.Content.ReadAsByteArrayAsync(), Header(second, GetDossierForm.DocumentIdHeader));
    }

    [SkippableFact]
    public async Task Apology_OnTheEngineApologyTask_MovesTheDueDateOnceAndGivesForm04()
    {
        SkipUnlessAvailable();
        await EnsureFiveDayProcedureAsync();
        ReceiveOn(11, 8);
        var reception = await SignInAsync("motcua.phuonglam");
        var code = await ReceiveAsync(reception, FiveDayProcedure);
        var leader = await SignInAsync("lanhdao.phuonglam");
        var none = await ProblemAsync(await leader.PostAsJsonAsync($"/api/v1/dossiers/{code}/apology", new { reason = "Chờ xác minh.", newDueAt = "20/01/2027" }), HttpStatusCode.Conflict);
        // Thursday afternoon, a working day before the last day for the letter: the scheduler would fire the apology timer now.
        ReceiveOn(14, 16);
        reception = await SignInAsync("motcua.phuonglam");
        leader = await SignInAsync("lanhdao.phuonglam");
        await RaiseApologyTaskAsync(code);
        await ProblemAsync(await leader.PostAsJsonAsync($"/api/v1/dossiers/{code}/apology", new { reason = "Chờ xác minh.", newDueAt = "ngày mai" }), HttpStatusCode.BadRequest);
        await ProblemAsync(await reception.PostAsJsonAsync($"/api/v1/dossiers/{code}/apology", new { reason = "Chờ xác minh.", newDueAt = "20/01/2027" }), HttpStatusCode.Forbidden);

        var apologised = await PostAsync(leader, code, "apology", new { reason = "Chờ UBND xã Hòa Bình xác minh nơi cư trú của người mẹ.", newDueAt = "20/01/2027", number = "03/PXL-UBND", signerTitle = "CHỦ TỊCH" });
        var again = await ProblemAsync(await leader.PostAsJsonAsync($"/api/v1/dossiers/{code}/apology", new { reason = "Lần nữa.", newDueAt = "21/01/2027" }), HttpStatusCode.Conflict);
        var form = await reception.GetAsync($"/api/v1/dossiers/{code}/forms/04");
        var lookedUp = await JsonAsync(await Anonymous().GetAsync($"/api/v1/public/dossiers/{code}?identityLast4=2345"), HttpStatusCode.OK);

        Assert.Contains("không có bước", none.GetProperty("detail").GetString() + none);
        Assert.Contains("Điều 19 khoản 9", again.GetProperty("detail").GetString());
        Assert.Equal(new DateTimeOffset(2027, 1, 20, 17, 0, 0, Vietnam), apologised.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal("received", apologised.GetProperty("status").GetString());
        Assert.Equal("apologised", apologised.GetProperty("events").EnumerateArray().Last().GetProperty("type").GetString());
        Assert.Equal("20/01/2027", lookedUp.GetProperty("newAppointmentDate").GetString());
        Assert.Equal("20/01/2027", lookedUp.GetProperty("appointmentDate").GetString());
        var html = await form.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("03/PXL-UBND", html);
        Assert.Contains("xác minh nơi cư trú của người mẹ", html);
        Assert.Contains("ngày 20 tháng 1 năm 2027", html);
        Assert.Contains("Hoàng Văn Hùng", html);
        await AssertVerifiesAsync(await form.Content.ReadAsByteArrayAsync(), Header(form, GetDossierForm.DocumentIdHeader));
        Assert.Contains("Ông/Bà Nguyễn Văn An", html);
        using var scope = Factory.Services.CreateScope();
        var notice = await scope.ServiceProvider.GetRequiredService<Bpm.Persistence.BpmDbContext>().Notifications.AsNoTracking()
            .SingleAsync(n => n.DossierCode == code && n.Notice == "Apology" && n.Channel == "Sms");
        Assert.Contains("Hẹn trả kết quả ngày 20/01/2027", notice.Body);
        Assert.Contains("xác minh nơi cư trú của người mẹ", notice.Body);

        // The applicant receives it through the default channel: the file channel, nothing leaves the machine.
        // One pass over everything queued: the server is shared by the collection's tests, whose notices are older than this one.
        await scope.ServiceProvider.GetRequiredService<Bpm.Notifications.NotificationDispatcher>().DispatchAsync(batchSize: int.MaxValue);
        var sent = Directory.GetFiles(Path.Combine(Factory.DataPath, "notifications"), "notifications-*.jsonl").SelectMany(File.ReadLines)
            .Where(l => l.Contains($"{code}/", StringComparison.Ordinal) && l.Contains("Hẹn trả kết quả ngày 20/01/2027", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(sent);
        Assert.NotNull((await scope.ServiceProvider.GetRequiredService<Bpm.Persistence.BpmDbContext>().Notifications.AsNoTracking().SingleAsync(n => n.Id == notice.Id)).SentAt);
    }

    [SkippableFact]
    public async Task Lifecycle_SupplementLateApologyResultReturn_DueRecomputedMovedOnceAndEvaluatedLate()
    {
        SkipUnlessAvailable();
        await EnsureFiveDayProcedureAsync();
        OnMarch(8, 8);
        var reception = await SignInAsync("motcua.phuonglam");
        var received = await JsonAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", DossierBodies.BirthRegistration(FiveDayProcedure)), HttpStatusCode.Created);
        var code = received.GetProperty("code").GetString()!;
        Later(1);
        await PostAsync(reception, code, "handover", new { });

        OnMarch(9, 9);
        var specialist = await SignInAsync("tuphap.phuonglam");
        await PostAsync(specialist, code, "supplement-request", new { papers = new[] { new { id = "giay-chung-sinh", reason = "Thiếu trang 2." } } });
        OnMarch(10, 9);
        reception = await SignInAsync("motcua.phuonglam");
        var resumed = await PostAsync(reception, code, "supplement", new { papers = new[] { new { id = "giay-chung-sinh", count = 1 } } });

        // Five working days again from the complete dossier's arrival on Wednesday 10 March (art. 19(4)).
        Assert.Equal(new DateTimeOffset(2027, 3, 15, 17, 0, 0, Vietnam), received.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2027, 3, 17, 17, 0, 0, Vietnam), resumed.GetProperty("dueAt").GetDateTimeOffset());

        // Tuesday 16: the result will be late; the leader apologises with a new date, Friday 19.
        OnMarch(16, 16);
        await RaiseApologyTaskAsync(code);
        var leader = await SignInAsync("lanhdao.phuonglam");
        var apologised = await PostAsync(leader, code, "apology", new { reason = "Chờ UBND xã Hòa Bình xác minh.", newDueAt = "2027-03-19" });
        Assert.Equal(new DateTimeOffset(2027, 3, 19, 17, 0, 0, Vietnam), apologised.GetProperty("dueAt").GetDateTimeOffset());

        // Monday 22: later still than the new date.
        OnMarch(22, 9);
        reception = await SignInAsync("motcua.phuonglam");
        specialist = await SignInAsync("tuphap.phuonglam");
        leader = await SignInAsync("lanhdao.phuonglam");
        await CompleteAsync(specialist, await SingleTaskAsync(specialist, code, "Task_ThamDinh"), "approve");
        await CompleteAsync(leader, await SingleTaskAsync(leader, code, "Task_LanhDaoKy"), "approve");
        await PostAsync(reception, code, "result", new { resultPapers = new[] { "Giấy khai sinh (bản chính)" } });
        var returned = await PostAsync(reception, code, "return", new { handover = "desk" });

        Assert.Equal("returned", returned.GetProperty("status").GetString());
        Assert.Equal("late", returned.GetProperty("evaluation").GetString());
        Assert.Equal(
            ["received", "handed-over", "supplement-requested", "supplement-received", "apologised", "result-ready", "returned"],
            returned.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await reception.GetAsync($"/api/v1/dossiers/{code}/forms/04")).StatusCode);
        var control = await (await reception.GetAsync($"/api/v1/dossiers/{code}/forms/05")).Content.ReadAsStringAsync();
        Assert.Contains("Quá hạn", control);
    }

    [SkippableFact]
    public async Task Form_UnknownFormUnknownDossierOrNotVisible_404NamingIt()
    {
        SkipUnlessAvailable();
        ReceiveOn(12, 9);
        var reception = await SignInAsync("motcua.phuonglam");
        var code = await ReceiveAsync(reception);
        var outsider = await SignInAsync("tuphap.hoabinh");

        var unknownForm = await ProblemAsync(await reception.GetAsync($"/api/v1/dossiers/{code}/forms/07"), HttpStatusCode.NotFound);
        var book = await ProblemAsync(await reception.GetAsync($"/api/v1/dossiers/{code}/forms/06"), HttpStatusCode.NotFound);
        var unknownCode = await ProblemAsync(await reception.GetAsync("/api/v1/dossiers/000.27.22.H10-270112-9999/forms/01"), HttpStatusCode.NotFound);
        await ProblemAsync(await outsider.GetAsync($"/api/v1/dossiers/{code}/forms/01"), HttpStatusCode.NotFound);

        Assert.Contains("'07'", unknownForm.GetProperty("detail").GetString());
        Assert.Contains("01, 02, 03, 04, 05", unknownForm.GetProperty("detail").GetString());
        Assert.Contains("/api/v1/units/{unit}/forms/06", book.GetProperty("detail").GetString());
        Assert.Contains("000.27.22.H10-270112-9999", unknownCode.GetProperty("detail").GetString());
        Assert.Null(await Store().FindLatestAsync(code, "07"));
    }

    [SkippableFact]
    public async Task Form06_UnitAndPeriod_ListsTheDaysDossiersInOrderAndVerifies()
    {
        SkipUnlessAvailable();
        ReceiveOn(19, 9);
        var reception = await SignInAsync("motcua.phuonglam");
        var nextDay = await ReceiveAsync(reception);
        ReceiveOn(18, 9);
        reception = await SignInAsync("motcua.phuonglam");
        var first = await ReceiveAsync(reception);
        await PostAsync(reception, first, "handover", new { });
        Later(1);
        var second = await ReceiveAsync(reception);
        await PostAsync(reception, second, "withdrawal", new { reason = "Người nộp xin rút." });

        var book = await reception.GetAsync($"/api/v1/units/{Desk}/forms/06?from=18/01/2027&to=2027-01-18");

        var html = await book.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, book.StatusCode);
        Assert.Contains("SỔ THEO DÕI HỒ SƠ", html, StringComparison.OrdinalIgnoreCase);
        Assert.True(html.IndexOf(first, StringComparison.Ordinal) is > 0 and var at && at < html.IndexOf(second, StringComparison.Ordinal), "both dossiers, in order of reception");
        Assert.Contains("Công chức Tư pháp – Hộ tịch xã Phương Lâm", html);
        Assert.Contains("Đã rút hồ sơ", html);
        Assert.DoesNotContain(nextDay, html);
        await AssertVerifiesAsync(await book.Content.ReadAsByteArrayAsync(), Header(book, GetDossierForm.DocumentIdHeader));
    }

    [SkippableFact]
    public async Task Form06_BadPeriodOrAnotherUnit_RefusedNamingTheField()
    {
        SkipUnlessAvailable();
        var reception = await SignInAsync("motcua.phuonglam");
        var outsider = await SignInAsync("tuphap.hoabinh");

        var badFrom = await ProblemAsync(await reception.GetAsync($"/api/v1/units/{Desk}/forms/06?from=2027-13-01&to=2027-01-13"), HttpStatusCode.BadRequest);
        var missingTo = await ProblemAsync(await reception.GetAsync($"/api/v1/units/{Desk}/forms/06?from=2027-01-13"), HttpStatusCode.BadRequest);
        var backwards = await ProblemAsync(await reception.GetAsync($"/api/v1/units/{Desk}/forms/06?from=2027-01-13&to=2027-01-12"), HttpStatusCode.BadRequest);
        var notTheirs = await ProblemAsync(await outsider.GetAsync($"/api/v1/units/{Desk}/forms/06?from=2027-01-13&to=2027-01-13"), HttpStatusCode.NotFound);

        Assert.True(badFrom.GetProperty("errors").TryGetProperty("from", out _));
        Assert.True(missingTo.GetProperty("errors").TryGetProperty("to", out _));
        Assert.True(backwards.GetProperty("errors").TryGetProperty("to", out _));
        Assert.Contains(Desk, notTheirs.GetProperty("detail").GetString());
    }

    private void ReceiveOn(int january, int hourInVietnam) =>
        Fixture.Clock.Now = new DateTimeOffset(2027, 1, january, hourInVietnam, 0, 0, Vietnam).ToUniversalTime();

    private void OnMarch(int day, int hourInVietnam) =>
        Fixture.Clock.Now = new DateTimeOffset(2027, 3, day, hourInVietnam, 0, 0, Vietnam).ToUniversalTime();

    private void Later(int hours) => Fixture.Clock.Now = Fixture.Clock.Now.AddHours(hours);

    private IIssuedDocumentStore Store() => Factory.Services.GetRequiredService<IIssuedDocumentStore>();

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : throw new Xunit.Sdk.XunitException($"no {name} header");

    private async Task AssertVerifiesAsync(byte[] content, string documentId)
    {
        var verdict = await JsonAsync(await Anonymous().PostAsJsonAsync("/api/v1/documents/verify", new { content = Convert.ToBase64String(content), documentId }), HttpStatusCode.OK);
        Assert.True(verdict.GetProperty("valid").GetBoolean(), verdict.GetProperty("reason").GetString());
        Assert.Equal(Desk, verdict.GetProperty("unitCode").GetString());
    }

    private static async Task<string> ReceiveAsync(HttpClient reception, string procedureCode = "1.001193") =>
        (await JsonAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", DossierBodies.BirthRegistration(procedureCode)), HttpStatusCode.Created)).GetProperty("code").GetString()!;

    /// <summary>A procedure of five working days at the desk (birth registration's papers and process, its own code), long enough for the apology timer.</summary>
    private const string FiveDayProcedure = "9.000015";

    private async Task EnsureFiveDayProcedureAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<ProcedureCatalog>();
        if (await catalog.FindAsync(FiveDayProcedure) is not null)
        {
            return;
        }

        var birth = (await catalog.FindAsync("1.001193"))!;
        await catalog.ImportAsync([birth with { Code = FiveDayProcedure, Name = "Thủ tục thử năm ngày làm việc", TimeLimit = new TimeLimit(5, TimeLimitUnit.WorkingDays) }]);
        var xml = SampleXml(BirthRegistration)
            .Replace("bpm:procedureCode=\"1.001193\"", $"bpm:procedureCode=\"{FiveDayProcedure}\"", StringComparison.Ordinal)
            .Replace("bpm:timeLimit=\"P1D\"", "bpm:timeLimit=\"P5D\"", StringComparison.Ordinal);
        var definitions = new DefinitionStore(scope.ServiceProvider.GetRequiredService<BpmDbContext>(), Fixture.Clock);
        await definitions.SaveDraftAsync("test-five-day-procedure", xml, "tests");
        await definitions.PublishAsync("test-five-day-procedure", "tests");
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string code, string step, object body) =>
        await JsonAsync(await client.PostAsJsonAsync($"/api/v1/dossiers/{code}/{step}", body), HttpStatusCode.OK);

    /// <summary>Fires the engine's apology timer now (the scheduler would, a working day before the due date), unless it already has.</summary>
    private async Task RaiseApologyTaskAsync(string code)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BpmDbContext>();
        var dossier = await db.Dossiers.AsNoTracking().SingleAsync(d => d.Code == code);
        if (await db.Tasks.AnyAsync(t => t.InstanceId == dossier.InstanceId && t.Kind == "apology" && t.Status == TaskRecord.Open))
        {
            return;
        }

        var state = JsonDocument.Parse((await db.Instances.AsNoTracking().SingleAsync(i => i.InstanceId == dossier.InstanceId)).State).RootElement;
        var timer = Property(state, "bookmarks").EnumerateArray().Single(b => Property(b, "purpose") is { ValueKind: JsonValueKind.String } p && p.GetString() == "apology");
        var fired = await scope.ServiceProvider.GetRequiredService<CommandExecutor>().ExecuteAsync(dossier.InstanceId, new FireTimer(Property(timer, "id").GetString()!));
        Assert.True(fired.Applied, fired.Rejection?.Message);
    }

    private static JsonElement Property(JsonElement element, string name) =>
        element.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Value;
}

[Collection(SqliteDossierCollection.Name)]
public sealed class SqliteDossierFormsTests(SqliteDossierServerFixture fixture) : DossierFormsTestBase<SqliteDossierServerFixture>(fixture);

[Collection(PostgresDossierCollection.Name)]
public sealed class PostgreSqlDossierFormsTests(PostgresDossierServerFixture fixture) : DossierFormsTestBase<PostgresDossierServerFixture>(fixture);
