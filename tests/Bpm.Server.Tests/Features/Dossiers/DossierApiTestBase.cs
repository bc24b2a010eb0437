using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bpm.Server.Tests.Infrastructure;

namespace Bpm.Server.Tests.Features.Dossiers;

/// <summary>
/// Dossiers through the API on one provider: reception with its code and due date, the lifecycle
/// (supplement, refusal, withdrawal, result, return), bad input, idempotency and concurrent
/// receptions. Each test receives on a working day of its own in December 2026 (the server's clock
/// is set, see <see cref="DossierClock"/>), so its codes and due dates are known in advance.
/// </summary>
public abstract class DossierApiTestBase<TFixture>(TFixture fixture) : DossierTestBase<TFixture>(fixture)
    where TFixture : class, IDossierServerFixture
{
    [SkippableFact]
    public async Task Receive_BirthRegistrationAtTheDesk_CreatesFirstCodeOfTheDayWithDueDate()
    {
        SkipUnlessAvailable();
        ReceiveOn(7, 9);
        var reception = await SignInAsync("motcua.phuonglam");

        var dossier = await JsonAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", BirthRegistrationBody()), HttpStatusCode.Created);

        Assert.Equal($"{Unit}-261207-0001", dossier.GetProperty("code").GetString());
        Assert.Equal("received", dossier.GetProperty("status").GetString());
        Assert.Equal("Đã tiếp nhận", dossier.GetProperty("statusLabel").GetString());
        Assert.Equal("XA-PHUONGLAM.MOTCUA", dossier.GetProperty("holder").GetProperty("unit").GetString());
        var due = dossier.GetProperty("dueAt").GetDateTimeOffset();
        Assert.Equal(new DateTime(2026, 12, 8), due.ToOffset(Vietnam).Date);

        var instance = await JsonAsync(await reception.GetAsync($"/api/v1/instances/{dossier.GetProperty("instanceId").GetString()}"), HttpStatusCode.OK);
        Assert.Equal(dossier.GetProperty("code").GetString(), instance.GetProperty("businessKey").GetString());
        Assert.Equal("Task_TiepNhan", Assert.Single(instance.GetProperty("openTasks").EnumerateArray()).GetProperty("elementId").GetString());
    }

    [SkippableFact]
    public async Task Receive_After15Hours_CountsFromTheNextWorkingDay()
    {
        SkipUnlessAvailable();
        ReceiveOn(11, 16);
        var reception = await SignInAsync("motcua.phuonglam");

        var dossier = await JsonAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", BirthRegistrationBody()), HttpStatusCode.Created);

        // Friday 16:00: the one working day runs from Monday morning, so the due date is after Monday.
        var due = dossier.GetProperty("dueAt").GetDateTimeOffset().ToOffset(Vietnam);
        Assert.True(due.Date >= new DateTime(2026, 12, 14), $"due {due:O}");
        Assert.Equal($"{Unit}-261211-0001", dossier.GetProperty("code").GetString());
    }

    [SkippableFact]
    public async Task Lifecycle_SupplementResumeResultReturn_ClosesEarlyWithItsEvents()
    {
        SkipUnlessAvailable();
        ReceiveOn(8, 8);
        var reception = await SignInAsync("motcua.phuonglam");
        var specialist = await SignInAsync("tuphap.phuonglam");
        var leader = await SignInAsync("lanhdao.phuonglam");
        var code = (await JsonAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", BirthRegistrationBody()), HttpStatusCode.Created)).GetProperty("code").GetString()!;

        Later(1);
        var handedOver = await PostAsync(reception, code, "handover", new { });
        Assert.Equal("processing", handedOver.GetProperty("status").GetString());
        Assert.Equal("XA-PHUONGLAM.TUPHAP", handedOver.GetProperty("holder").GetProperty("unit").GetString());

        Later(1);
        var waiting = await PostAsync(specialist, code, "supplement-request", new { papers = new[] { new { id = "giay-chung-sinh", reason = "Giấy chứng sinh bị mờ, không đọc được ngày sinh." } }, reason = "Bổ sung giấy chứng sinh." });
        Assert.Equal("waiting-for-supplement", waiting.GetProperty("status").GetString());

        // The applicant brings the paper the next working day; the sessions are signed in again on the new day.
        Later(24);
        reception = await SignInAsync("motcua.phuonglam");
        specialist = await SignInAsync("tuphap.phuonglam");
        leader = await SignInAsync("lanhdao.phuonglam");
        var resumed = await PostAsync(reception, code, "supplement", new { papers = new[] { new { id = "giay-chung-sinh", count = 1 } } });
        Assert.Equal("processing", resumed.GetProperty("status").GetString());
        // The time limit restarted from zero when the complete dossier arrived (Decree 61/2018 art. 19(4)).
        Assert.True(resumed.GetProperty("dueAt").GetDateTimeOffset() > waiting.GetProperty("dueAt").GetDateTimeOffset(), $"{resumed.GetProperty("dueAt")} after {waiting.GetProperty("dueAt")}");

        Later(1);
        await CompleteAsync(specialist, await SingleTaskAsync(specialist, code, "Task_ThamDinh"), "approve");
        await CompleteAsync(leader, await SingleTaskAsync(leader, code, "Task_LanhDaoKy"), "approve");
        var ready = await PostAsync(reception, code, "result", new { resultPapers = new[] { "Giấy khai sinh (bản chính)" } });
        Assert.Equal("result-ready", ready.GetProperty("status").GetString());

        var receiptBefore = await reception.GetAsync($"/tra-ket-qua/bien-nhan/{code}");
        var returned = await PostAsync(reception, code, "return", new { handover = "desk" });
        var receipt = await (await reception.GetAsync($"/tra-ket-qua/bien-nhan/{code}")).Content.ReadAsStringAsync();

        // The result receipt prints what the result-ready and returned events recorded, once returned.
        var before = await receiptBefore.Content.ReadAsStringAsync();
        Assert.True(receiptBefore.StatusCode == HttpStatusCode.Conflict, $"{receiptBefore.StatusCode}: {before}");
        Assert.Contains("chưa trả kết quả", before);
        Assert.Contains("Biên nhận trả kết quả giải quyết thủ tục hành chính", receipt);
        Assert.Contains(code, receipt);
        Assert.Contains("Giấy khai sinh (bản chính)", receipt);
        Assert.Contains("trao tại Bộ phận Một cửa", receipt);
        Assert.Contains("trước hạn", receipt);

        Assert.Equal("returned", returned.GetProperty("status").GetString());
        // Returned the day the supplement arrived, before the restarted due day: early.
        Assert.Equal("early", returned.GetProperty("evaluation").GetString());
        Assert.False(returned.GetProperty("closedAt").ValueKind == JsonValueKind.Null);
        var events = returned.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["received", "handed-over", "supplement-requested", "supplement-received", "result-ready", "returned"], events);
        var instance = await JsonAsync(await reception.GetAsync($"/api/v1/instances/{returned.GetProperty("instanceId").GetString()}"), HttpStatusCode.OK);
        Assert.Equal("completed", instance.GetProperty("status").GetString());
    }

    [SkippableFact]
    public async Task RequestSupplement_Twice_SecondRefusedCitingTheDecree()
    {
        SkipUnlessAvailable();
        ReceiveOn(9, 9);
        var reception = await SignInAsync("motcua.phuonglam");
        var code = (await JsonAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", BirthRegistrationBody()), HttpStatusCode.Created)).GetProperty("code").GetString()!;
        var request = new { papers = new[] { new { id = "giay-chung-sinh", reason = "Thiếu." } }, reason = "Bổ sung." };
        await PostAsync(reception, code, "supplement-request", request);
        await PostAsync(reception, code, "supplement", new { papers = new[] { new { id = "giay-chung-sinh", count = 1 } } });

        var second = await ProblemAsync(await reception.PostAsJsonAsync($"/api/v1/dossiers/{code}/supplement-request", request), HttpStatusCode.Conflict);

        Assert.Contains("Điều 19 khoản 4", second.GetProperty("detail").GetString());
    }

    [SkippableFact]
    public async Task RequestSupplement_AfterThreeWorkingDays_Refused()
    {
        SkipUnlessAvailable();
        ReceiveOn(14, 9);
        var reception = await SignInAsync("motcua.phuonglam");
        var code = (await JsonAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", BirthRegistrationBody()), HttpStatusCode.Created)).GetProperty("code").GetString()!;
        ReceiveOn(18, 9);
        reception = await SignInAsync("motcua.phuonglam");

        var late = await ProblemAsync(await reception.PostAsJsonAsync($"/api/v1/dossiers/{code}/supplement-request", new { papers = new[] { new { id = "giay-chung-sinh", reason = "Thiếu." } } }), HttpStatusCode.Conflict);

        Assert.Contains("3 ngày làm việc", late.GetProperty("detail").GetString());
        var dossier = await JsonAsync(await reception.GetAsync($"/api/v1/dossiers/{code}"), HttpStatusCode.OK);
        Assert.Equal("received", dossier.GetProperty("status").GetString());
    }

    [SkippableFact]
    public async Task ReceiveSupplement_AWeekAfterTheRequest_ResumesWithTheFullTimeLimitFromThen()
    {
        SkipUnlessAvailable();
        ReceiveOn(2, 9);
        var reception = await SignInAsync("motcua.phuonglam");
        var code = (await JsonAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", BirthRegistrationBody()), HttpStatusCode.Created)).GetProperty("code").GetString()!;
        await PostAsync(reception, code, "supplement-request", new { papers = new[] { new { id = "giay-chung-sinh", reason = "Thiếu." } } });
        ReceiveOn(9, 9);
        reception = await SignInAsync("motcua.phuonglam");

        var resumed = await PostAsync(reception, code, "supplement", new { papers = new[] { new { id = "giay-chung-sinh", count = 1 } } });

        // One working day from Wednesday 9 December, not from the receipt a week earlier.
        Assert.Equal("received", resumed.GetProperty("status").GetString());
        Assert.Equal(new DateTime(2026, 12, 10), resumed.GetProperty("dueAt").GetDateTimeOffset().ToOffset(Vietnam).Date);
    }

    [SkippableFact]
    public async Task PauseAndResume_ForAWorkingDay_MovesTheDueDateByIt()
    {
        SkipUnlessAvailable();
        ReceiveOn(24, 9);
        var reception = await SignInAsync("motcua.phuonglam");
        var received = await JsonAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", BirthRegistrationBody()), HttpStatusCode.Created);
        var code = received.GetProperty("code").GetString()!;
        await PostAsync(reception, code, "handover", new { });
        await ProblemAsync(await reception.PostAsJsonAsync($"/api/v1/dossiers/{code}/pause", new { reason = " " }), HttpStatusCode.BadRequest);

        var paused = await PostAsync(reception, code, "pause", new { reason = "Chờ UBND xã khác xác minh tình trạng hôn nhân của cha mẹ." });
        Assert.Equal("paused", paused.GetProperty("status").GetString());
        ReceiveOn(25, 9);
        reception = await SignInAsync("motcua.phuonglam");
        var resumed = await PostAsync(reception, code, "resume", new { });

        Assert.Equal("processing", resumed.GetProperty("status").GetString());
        // Due Friday 25 December; a working day paused moves it over the weekend to Monday 28.
        Assert.Equal(new DateTime(2026, 12, 25), received.GetProperty("dueAt").GetDateTimeOffset().ToOffset(Vietnam).Date);
        Assert.Equal(new DateTime(2026, 12, 28), resumed.GetProperty("dueAt").GetDateTimeOffset().ToOffset(Vietnam).Date);
    }

    [SkippableFact]
    public async Task Refuse_WithReasons_ClosesDossierAndCancelsInstance()
    {
        SkipUnlessAvailable();
        ReceiveOn(10, 9);
        var reception = await SignInAsync("motcua.phuonglam");
        var code = (await JsonAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", BirthRegistrationBody()), HttpStatusCode.Created)).GetProperty("code").GetString()!;
        await ProblemAsync(await reception.PostAsJsonAsync($"/api/v1/dossiers/{code}/refusal", new { reasons = Array.Empty<string>() }), HttpStatusCode.BadRequest);

        var refused = await PostAsync(reception, code, "refusal", new { reasons = new[] { "Trẻ đã được đăng ký khai sinh tại xã khác." } });

        Assert.Equal("refused", refused.GetProperty("status").GetString());
        var instance = await JsonAsync(await reception.GetAsync($"/api/v1/instances/{refused.GetProperty("instanceId").GetString()}"), HttpStatusCode.OK);
        Assert.Equal("cancelled", instance.GetProperty("status").GetString());
        await ProblemAsync(await reception.PostAsJsonAsync($"/api/v1/dossiers/{code}/withdrawal", new { reason = "Muộn." }), HttpStatusCode.Conflict);
    }

    [SkippableFact]
    public async Task Withdraw_ByTheApplicant_ClosesDossier()
    {
        SkipUnlessAvailable();
        ReceiveOn(10, 10);
        var reception = await SignInAsync("motcua.phuonglam");
        var code = (await JsonAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", BirthRegistrationBody()), HttpStatusCode.Created)).GetProperty("code").GetString()!;
        await PostAsync(reception, code, "handover", new { });
        var specialist = await SignInAsync("tuphap.phuonglam");
        await ProblemAsync(await specialist.PostAsJsonAsync($"/api/v1/dossiers/{code}/withdrawal", new { reason = "Không phải ở quầy." }), HttpStatusCode.Forbidden);

        var withdrawn = await PostAsync(reception, code, "withdrawal", new { reason = "Người nộp xin rút để nộp tại nơi cư trú." });

        Assert.Equal("withdrawn", withdrawn.GetProperty("status").GetString());
        Assert.Empty(await OpenTasksAsync(specialist, code));
    }

    [SkippableFact]
    public async Task Receive_FiftyAtOnceAtOneUnit_FiftyConsecutiveCodes()
    {
        SkipUnlessAvailable();
        ReceiveOn(15, 9);
        var reception = await SignInAsync("motcua.phuonglam");

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => reception.PostAsJsonAsync("/api/v1/dossiers", BirthRegistrationBody())));

        var codes = new List<string>();
        foreach (var response in responses)
        {
            codes.Add((await JsonAsync(response, HttpStatusCode.Created)).GetProperty("code").GetString()!);
        }

        Assert.Equal(Enumerable.Range(1, 50).Select(i => $"{Unit}-261215-{i:D4}"), codes.Order(StringComparer.Ordinal));
    }

    public static TheoryData<string, string> BadInputs() => new()
    {
        { "unknown-procedure", "procedureCode" },
        { "missing-paper", "papers" },
        { "malformed-identity", "applicant.identityNumber" },
        { "unknown-province", "applicant.identityNumber" },
        { "implausible-birth-year", "applicant.identityNumber" },
        { "bad-phone", "applicant.phone" },
        { "not-handled-here", "competentAgency" },
        { "count-as-text", "papers[0].count" },
        { "name-as-number", "applicant.fullName" },
        { "bad-channel", "channel" },
        { "unknown-notice-channel", "applicant.notifyBy[1]" },
        { "email-notices-without-address", "applicant.notifyBy[0]" },
        { "notify-by-as-text", "applicant.notifyBy" },
    };

    [SkippableTheory]
    [MemberData(nameof(BadInputs))]
    public async Task Receive_BadInput_400WithFieldErrorAndNoNumberConsumed(string @case, string field)
    {
        SkipUnlessAvailable();
        // Each case on a day of its own (16 and 17 December), so the next good reception must be that day's first.
        var index = BadInputs().Select(row => (string)row[0]).ToList().IndexOf(@case);
        ReceiveOn(16 + (index % 2), 8);
        Fixture.Clock.Now = Fixture.Clock.Now.AddMinutes(index * 30);
        var reception = await SignInAsync("motcua.phuonglam");
        var before = (await JsonAsync(await reception.GetAsync("/api/v1/dossiers?pageSize=1"), HttpStatusCode.OK)).GetProperty("total").GetInt32();

        var problem = await ProblemAsync(await reception.PostAsync("/api/v1/dossiers", JsonContent.Create(BadBody(@case))), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.ToString());
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        var after = (await JsonAsync(await reception.GetAsync("/api/v1/dossiers?pageSize=1"), HttpStatusCode.OK)).GetProperty("total").GetInt32();
        Assert.Equal(before, after);
    }

    [SkippableFact]
    public async Task Receive_FailedThenGood_GoodOneGetsSequenceOne()
    {
        SkipUnlessAvailable();
        ReceiveOn(21, 9);
        var reception = await SignInAsync("motcua.phuonglam");
        await ProblemAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", BadBody("missing-paper")), HttpStatusCode.BadRequest);
        await ProblemAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", BadBody("malformed-identity")), HttpStatusCode.BadRequest);

        var good = await JsonAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", BirthRegistrationBody()), HttpStatusCode.Created);

        Assert.Equal($"{Unit}-261221-0001", good.GetProperty("code").GetString());
    }

    [SkippableFact]
    public async Task Receive_SameIdempotencyKey_ReturnsFirstDossierAndRefusesAnotherBody()
    {
        SkipUnlessAvailable();
        ReceiveOn(22, 9);
        var reception = await SignInAsync("motcua.phuonglam");
        var key = Guid.NewGuid().ToString("N");

        var first = await JsonAsync(await SendWithKeyAsync(reception, key, BirthRegistrationBody()), HttpStatusCode.Created);
        var retry = await JsonAsync(await SendWithKeyAsync(reception, key, BirthRegistrationBody()), HttpStatusCode.OK);
        var other = await ProblemAsync(await SendWithKeyAsync(reception, key, BirthRegistrationBody("Trần Thị Bích")), HttpStatusCode.UnprocessableEntity);

        Assert.Equal(first.GetProperty("code").GetString(), retry.GetProperty("code").GetString());
        Assert.Equal(first.GetProperty("dueAt").GetDateTimeOffset(), retry.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(first.GetProperty("code").GetString(), other.GetProperty("dossierCode").GetString());
        var next = await JsonAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", BirthRegistrationBody()), HttpStatusCode.Created);
        Assert.Equal($"{Unit}-261222-0002", next.GetProperty("code").GetString());
    }

    [SkippableFact]
    public async Task ListAndGet_OtherUnitsStaff_DoNotSeeTheDossier()
    {
        SkipUnlessAvailable();
        ReceiveOn(23, 9);
        var reception = await SignInAsync("motcua.phuonglam");
        var code = (await JsonAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", BirthRegistrationBody()), HttpStatusCode.Created)).GetProperty("code").GetString()!;
        var outsider = await SignInAsync("tuphap.hoabinh");

        await ProblemAsync(await outsider.GetAsync($"/api/v1/dossiers/{code}"), HttpStatusCode.NotFound);
        var theirs = await JsonAsync(await outsider.GetAsync($"/api/v1/dossiers?q={Uri.EscapeDataString(code)}"), HttpStatusCode.OK);
        var ours = await JsonAsync(await reception.GetAsync($"/api/v1/dossiers?q={Uri.EscapeDataString(code)}&status=received&procedure=1.001193"), HttpStatusCode.OK);

        Assert.Equal(0, theirs.GetProperty("total").GetInt32());
        Assert.Equal(code, Assert.Single(ours.GetProperty("items").EnumerateArray()).GetProperty("code").GetString());
        await ProblemAsync(await outsider.PostAsJsonAsync("/api/v1/dossiers", BirthRegistrationBody()), HttpStatusCode.Forbidden);
    }

}
