using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bpm.Dossiers.Catalog;
using Bpm.Persistence;
using Bpm.Server.Tests.Features.Dossiers;
using Bpm.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Server.Tests.Features.Handoffs;

/// <summary>
/// Inter-connected handoffs end to end on the real server: a dossier received at Phương Lâm's desk,
/// its handoff steps starting the other agencies' published processes for the same dossier (the
/// outbox pump of the running server delivers them), each agency's staff working their part from
/// their own inbox, the answers coming back to the sender, and the result returned at the desk.
/// Each test receives on a working day of its own in December 2026.
/// </summary>
public abstract class HandoffTestBase<TFixture>(TFixture fixture) : ServerTestBase<TFixture>(fixture)
    where TFixture : class, IDossierServerFixture
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);


    [SkippableFact]
    public async Task BirthGroup_ParallelHandoffsToPoliceAndInsurance_EachAnswersAndTheLateOneIsNamed()
    {
        SkipUnlessAvailable();
        var (reception, code) = await HandBirthToPoliceAndInsuranceAsync(14, "1.001193");

        // Both agencies receive the same dossier at once, each in its own inbox.
        var police = await SignInAsync("cutru.phuonglam");
        var insurance = await SignInAsync("the.bhxh");
        var residenceTask = await WaitForTaskAsync(police, code, "Task_KiemTraCuTru");
        var cardTask = await WaitForTaskAsync(insurance, code, "Task_LapThe");

        var admin = await SignInAsync("admin");
        var running = await DossierAsync(admin, code);
        var handoffs = running.GetProperty("handoffs").EnumerateArray().ToList();
        Assert.Equal(["BHXH-KV", "CA-PHUONGLAM"], handoffs.Select(h => h.GetProperty("agency").GetString()).Order());
        Assert.All(handoffs, h => Assert.Equal("running", h.GetProperty("status").GetString()));
        Assert.Equal(["BHXH-KV.THE", "CA-PHUONGLAM.CUTRU"], handoffs.Select(h => h.GetProperty("heldBy").GetString()).Order());
        Assert.Equal(2, running.GetProperty("events").EnumerateArray().Count(e => e.GetProperty("type").GetString() == "handed-off"));

        // The child runs the police's own process for the same dossier, linked to the parent's step, with the papers by reference.
        var policeHandoff = handoffs.Single(h => h.GetProperty("agency").GetString() == "CA-PHUONGLAM");
        var child = await JsonAsync(await admin.GetAsync($"/api/v1/instances/{policeHandoff.GetProperty("instanceId").GetString()}"), HttpStatusCode.OK);
        Assert.Equal(code, child.GetProperty("businessKey").GetString());
        Assert.Equal("lien-thong-thuong-tru", child.GetProperty("definitionId").GetString());
        var variables = child.GetProperty("variables");
        Assert.Equal(running.GetProperty("instanceId").GetString(), variables.GetProperty("parentInstanceId").GetString());
        Assert.Equal("Task_LienThong", variables.GetProperty("parentElementId").GetString());
        Assert.Equal(["giay-chung-sinh", "to-khai-khai-sinh"], variables.GetProperty("papers").EnumerateArray().Select(p => p.GetProperty("id").GetString()).Order());

        // The police answer within their 3 working hours; the insurance office five hours after the handoff.
        await CompleteAsync(police, residenceTask, "approve");
        var policeLeader = await SignInAsync("truongcongan.phuonglam");
        await CompleteAsync(policeLeader, await WaitForTaskAsync(policeLeader, code, "Task_TruongCongAnDuyet"), "approve");
        Later(5);
        insurance = await SignInAsync("the.bhxh");
        await CompleteAsync(insurance, cardTask, "approve");

        reception = await SignInAsync("motcua.phuonglam");
        await WaitForTaskAsync(reception, code, "Task_TraKetQua");
        var answered = await DossierAsync(reception, code);
        var byAgency = answered.GetProperty("handoffs").EnumerateArray().ToDictionary(h => h.GetProperty("agency").GetString()!);
        Assert.Equal("result", byAgency["CA-PHUONGLAM"].GetProperty("status").GetString());
        Assert.Equal("on-time", byAgency["CA-PHUONGLAM"].GetProperty("evaluation").GetString());
        Assert.Equal("result", byAgency["BHXH-KV"].GetProperty("status").GetString());
        Assert.Equal("late", byAgency["BHXH-KV"].GetProperty("evaluation").GetString());
        Assert.Equal(2, answered.GetProperty("events").EnumerateArray().Count(e => e.GetProperty("type").GetString() == "handoff-answered"));

        await PostAsync(reception, code, "result", new { resultPapers = new[] { "Giấy khai sinh", "Thẻ bảo hiểm y tế" } });
        var returned = await PostAsync(reception, code, "return", new { handover = "desk" });
        Assert.Equal("returned", returned.GetProperty("status").GetString());
    }

    [SkippableFact]
    public async Task BirthGroup_SequentialHandoffs_TheSecondAgencyReceivesOnlyAfterTheFirstAnswered()
    {
        SkipUnlessAvailable();
        await PublishSequentialBirthGroupAsync();
        var (reception, code) = await HandBirthToPoliceAndInsuranceAsync(24, SequentialProcedure);

        // In list order: the police first; the insurance office has nothing while they work.
        var police = await SignInAsync("cutru.phuonglam");
        var insurance = await SignInAsync("the.bhxh");
        var residenceTask = await WaitForTaskAsync(police, code, "Task_KiemTraCuTru");
        var admin = await SignInAsync("admin");
        Assert.Equal(["CA-PHUONGLAM"], (await DossierAsync(admin, code)).GetProperty("handoffs").EnumerateArray().Select(h => h.GetProperty("agency").GetString()));
        Assert.Empty(await OpenTasksAsync(insurance, code));

        await CompleteAsync(police, residenceTask, "approve");
        var policeLeader = await SignInAsync("truongcongan.phuonglam");
        await CompleteAsync(policeLeader, await WaitForTaskAsync(policeLeader, code, "Task_TruongCongAnDuyet"), "approve");

        // The police's answer starts the second handoff.
        Later(1);
        insurance = await SignInAsync("the.bhxh");
        await CompleteAsync(insurance, await WaitForTaskAsync(insurance, code, "Task_LapThe"), "approve");
        reception = await SignInAsync("motcua.phuonglam");
        await WaitForTaskAsync(reception, code, "Task_TraKetQua");
        var handoffs = (await DossierAsync(admin, code)).GetProperty("handoffs").EnumerateArray().ToList();
        Assert.Equal(["CA-PHUONGLAM", "BHXH-KV"], handoffs.Select(h => h.GetProperty("agency").GetString()));
        Assert.All(handoffs, h => Assert.Equal("result", h.GetProperty("status").GetString()));
    }

    [SkippableFact]
    public async Task Land_CommuneToProvinceOffice_SupplementThenResultReturnsToTheCommuneDesk()
    {
        SkipUnlessAvailable();
        var (reception, commune, office, code) = await HandOffLandAsync(15);

        // The province's land registration office asks for a supplement: the answer comes back to the commune's desk.
        await CompleteAsync(office, await WaitForTaskAsync(office, code, "Task_KiemTraHoSo"), "supplement");
        await CompleteAsync(reception, await WaitForTaskAsync(reception, code, "Task_YeuCauBoSung"));
        await CompleteAsync(commune, await SingleTaskAsync(commune, code, "Task_ThamTraXa"), "approve");

        // Handed off again: a second instance at the office, which corrects the record and signs.
        await CompleteAsync(office, await WaitForTaskAsync(office, code, "Task_KiemTraHoSo"), "approve");
        var officeLeader = await SignInAsync("lanhdao.vpdkdd");
        await CompleteAsync(officeLeader, await WaitForTaskAsync(officeLeader, code, "Task_LanhDaoVanPhongKy"), "approve");

        await WaitForTaskAsync(reception, code, "Task_TraKetQua");
        var dossier = await DossierAsync(reception, code);
        var handoffs = dossier.GetProperty("handoffs").EnumerateArray().ToList();
        Assert.Equal(["supplement", "result"], handoffs.Select(h => h.GetProperty("status").GetString()));
        Assert.All(handoffs, h => Assert.Equal("VPDKDD", h.GetProperty("agency").GetString()));
        Assert.All(handoffs, h => Assert.Equal("Task_ChuyenVanPhongDangKy", h.GetProperty("step").GetString()));
        Assert.NotEqual(handoffs[0].GetProperty("instanceId").GetString(), handoffs[1].GetProperty("instanceId").GetString());
        Assert.Equal("XA-PHUONGLAM.MOTCUA", dossier.GetProperty("holder").GetProperty("unit").GetString());

        await PostAsync(reception, code, "result", new { resultPapers = new[] { "Giấy chứng nhận đã đính chính" } });
        var returned = await PostAsync(reception, code, "return", new { handover = "desk" });
        Assert.Equal("returned", returned.GetProperty("status").GetString());
        Assert.Equal("early", returned.GetProperty("evaluation").GetString());
    }

    [SkippableFact]
    public async Task Land_ProvinceOfficeRejects_RefusalReturnsToTheCommuneDeskWhichRefusesTheDossier()
    {
        SkipUnlessAvailable();
        var (reception, _, office, code) = await HandOffLandAsync(21);

        // The office finds the dossier ineligible: its instance ends at "Từ chối giải quyết", the commune's step hears "refused".
        await CompleteAsync(office, await WaitForTaskAsync(office, code, "Task_KiemTraHoSo"), "reject");

        // The refusal comes back to the commune's desk, in its inbox, as a task of its own.
        await WaitForTaskAsync(reception, code, "Task_PhieuTuChoi");
        var admin = await SignInAsync("admin");
        var handoff = (await DossierAsync(admin, code)).GetProperty("handoffs")[0];
        Assert.Equal("refused", handoff.GetProperty("status").GetString());
        Assert.Equal("VPDKDD", handoff.GetProperty("agency").GetString());
        var child = await JsonAsync(await admin.GetAsync($"/api/v1/instances/{handoff.GetProperty("instanceId").GetString()}"), HttpStatusCode.OK);
        Assert.Equal("completed", child.GetProperty("status").GetString());
        Assert.Empty(await OpenTasksAsync(office, code));

        var refused = await PostAsync(reception, code, "refusal", new { reasons = new[] { "Văn phòng đăng ký đất đai: không đủ điều kiện đính chính." } });
        Assert.Equal("refused", refused.GetProperty("status").GetString());
        Assert.Empty(await OpenTasksAsync(reception, code));
        Assert.Equal(HttpStatusCode.OK, (await reception.GetAsync($"/api/v1/dossiers/{code}/forms/03")).StatusCode);
    }

    [SkippableFact]
    public async Task BirthGroup_CivilStatusRejects_ProcessEndsAndTheDeskStillRefusesTheDossier()
    {
        SkipUnlessAvailable();
        ReceiveOn(22, 8);
        var reception = await SignInAsync("motcua.phuonglam");
        var code = await ReceiveAsync(reception, BirthBody());
        await PostAsync(reception, code, "handover", new { });
        var civilStatus = await SignInAsync("tuphap.phuonglam");

        // This model's refusal path is a document step and an end event: the process ends with the dossier still open.
        await CompleteAsync(civilStatus, await SingleTaskAsync(civilStatus, code, "Task_ThamDinh"), "reject");
        var admin = await SignInAsync("admin");
        var open = await DossierAsync(admin, code);
        var instance = await JsonAsync(await admin.GetAsync($"/api/v1/instances/{open.GetProperty("instanceId").GetString()}"), HttpStatusCode.OK);
        Assert.Equal("completed", instance.GetProperty("status").GetString());
        Assert.Equal("processing", open.GetProperty("status").GetString());

        var refused = await PostAsync(reception, code, "refusal", new { reasons = new[] { "Giấy chứng sinh không hợp lệ." } });

        Assert.Equal("refused", refused.GetProperty("status").GetString());
        var closed = await DossierAsync(admin, code);
        var refusal = closed.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "refused");
        Assert.True(refusal.GetProperty("payload").GetProperty("processEnded").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await reception.GetAsync($"/api/v1/dossiers/{code}/forms/03")).StatusCode);
    }

    [SkippableFact]
    public async Task BirthGroup_CivilStatusAsksForSupplement_ProcessEndsSoTheDeskCannotRestartItButRecordsTheWithdrawal()
    {
        SkipUnlessAvailable();
        ReceiveOn(23, 8);
        var reception = await SignInAsync("motcua.phuonglam");
        var code = await ReceiveAsync(reception, BirthBody());
        await PostAsync(reception, code, "handover", new { });
        var civilStatus = await SignInAsync("tuphap.phuonglam");
        await CompleteAsync(civilStatus, await SingleTaskAsync(civilStatus, code, "Task_ThamDinh"), "supplement");

        // The model's supplement path ends the process (form 02 and an end event): there is no clock left to restart.
        var late = await ProblemAsync(
            await reception.PostAsJsonAsync($"/api/v1/dossiers/{code}/supplement-request", new { papers = new[] { new { id = "giay-chung-sinh", reason = "Bản chụp mờ." } }, reason = "Thiếu giấy chứng sinh rõ nét." }),
            HttpStatusCode.Conflict);
        Assert.Equal("not-running", late.GetProperty("code").GetString());
        Assert.Contains("đã kết thúc", late.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var withdrawn = await PostAsync(reception, code, "withdrawal", new { reason = "Người nộp xin rút để nộp lại hồ sơ đầy đủ." });

        Assert.Equal("withdrawn", withdrawn.GetProperty("status").GetString());
        var events = (await DossierAsync(reception, code)).GetProperty("events").EnumerateArray().ToList();
        Assert.True(events.Single(e => e.GetProperty("type").GetString() == "withdrawn").GetProperty("payload").GetProperty("processEnded").GetBoolean());
        Assert.DoesNotContain(events, e => e.GetProperty("type").GetString() == "supplement-requested");
    }

    [SkippableFact]
    public async Task Withdraw_WhileAtTheProvinceOffice_CancelsTheOfficesInstance()
    {
        SkipUnlessAvailable();
        var (reception, _, office, code) = await HandOffLandAsync(16);
        await WaitForTaskAsync(office, code, "Task_KiemTraHoSo");

        await PostAsync(reception, code, "withdrawal", new { reason = "Người nộp xin rút hồ sơ để nộp lại sau." });

        var admin = await SignInAsync("admin");
        var childId = await WaitForAsync(async () =>
        {
            var handoff = (await DossierAsync(admin, code)).GetProperty("handoffs")[0];
            return handoff.GetProperty("status").GetString() == "cancelled" ? handoff.GetProperty("instanceId").GetString() : null;
        });
        var withdrawn = await DossierAsync(admin, code);
        var child = await JsonAsync(await admin.GetAsync($"/api/v1/instances/{childId}"), HttpStatusCode.OK);
        Assert.Equal("cancelled", child.GetProperty("status").GetString());
        Assert.Empty(await OpenTasksAsync(office, code));
        Assert.Contains(withdrawn.GetProperty("events").EnumerateArray(), e => e.GetProperty("type").GetString() == "handoff-withdrawn");
    }

    [SkippableFact]
    public async Task Receive_AtAnotherCommunesDesk_RunsAtTheCompetentCommuneAndIsReturnedWhereReceived()
    {
        SkipUnlessAvailable();
        ReceiveOn(17, 8);
        var hoaBinh = await SignInAsync("motcua.hoabinh");
        var received = await JsonAsync(await hoaBinh.PostAsJsonAsync("/api/v1/dossiers", BirthBody()), HttpStatusCode.Created);
        var code = received.GetProperty("code").GetString()!;

        // The code is Hòa Bình's desk's; the instance is Phương Lâm's process, the competent commune.
        Assert.StartsWith("000.27.23.H10-261217-", code, StringComparison.Ordinal);
        Assert.Equal("XA-HOABINH.MOTCUA", received.GetProperty("receivingUnit").GetString());
        var admin = await SignInAsync("admin");
        var instance = await JsonAsync(await admin.GetAsync($"/api/v1/instances/{received.GetProperty("instanceId").GetString()}"), HttpStatusCode.OK);
        Assert.Equal("lien-thong-khai-sinh", instance.GetProperty("definitionId").GetString());
        Assert.Equal("XA-PHUONGLAM", (await DossierAsync(admin, code)).GetProperty("events")[0].GetProperty("payload").GetProperty("competentAgency").GetString());

        await PostAsync(hoaBinh, code, "handover", new { });
        var civilStatus = await SignInAsync("tuphap.phuonglam");
        await CompleteWithAsync(civilStatus, await SingleTaskAsync(civilStatus, code, "Task_ThamDinh"), "approve", new Dictionary<string, object> { ["coQuanLienThong"] = Array.Empty<object>() });
        var leader = await SignInAsync("lanhdao.phuonglam");
        await CompleteAsync(leader, await SingleTaskAsync(leader, code, "Task_LanhDaoKy"), "approve");

        // The result goes back to the desk that received the dossier, not to the competent commune's.
        var phuongLam = await SignInAsync("motcua.phuonglam");
        await ProblemAsync(await phuongLam.PostAsJsonAsync($"/api/v1/dossiers/{code}/result", new { resultPapers = new[] { "Giấy khai sinh" } }), HttpStatusCode.Forbidden);
        await PostAsync(hoaBinh, code, "result", new { resultPapers = new[] { "Giấy khai sinh" } });
        var returned = await PostAsync(hoaBinh, code, "return", new { handover = "desk" });
        Assert.Equal("returned", returned.GetProperty("status").GetString());
    }

    [SkippableFact]
    public async Task Receive_ElsewhereWithNoCompetentAgencyKnown_400AsksForIt()
    {
        SkipUnlessAvailable();
        ReceiveOn(18, 8);
        var reception = await SignInAsync("motcua.phuonglam");
        var body = BirthBody();
        body["procedureCode"] = "1.004222";

        var problem = await ProblemAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", body), HttpStatusCode.BadRequest);

        Assert.Contains("competentAgency", problem.GetProperty("errors").GetProperty("competentAgency")[0].GetString(), StringComparison.Ordinal);
    }

    /// <summary>A land correction received at Phương Lâm on the day given, handed over and approved by the commune: on its way to the province's office.</summary>
    private async Task<(HttpClient Reception, HttpClient Commune, HttpClient Office, string Code)> HandOffLandAsync(int december)
    {
        ReceiveOn(december, 8);
        var reception = await SignInAsync("motcua.phuonglam");
        var code = await ReceiveAsync(reception, LandBody());
        await PostAsync(reception, code, "handover", new { });
        var commune = await SignInAsync("kinhte.phuonglam");
        await CompleteAsync(commune, await SingleTaskAsync(commune, code, "Task_ThamTraXa"), "approve");
        return (reception, commune, await SignInAsync("dangky.vpdkdd"), code);
    }

    /// <summary>
    /// A birth registration received at Phương Lâm on the December day given, under <paramref name="procedureCode"/>,
    /// examined with the police and the insurance office to hand it to, and signed: its handoffs are on their way.
    /// </summary>
    private async Task<(HttpClient Reception, string Code)> HandBirthToPoliceAndInsuranceAsync(int december, string procedureCode)
    {
        ReceiveOn(december, 8);
        var reception = await SignInAsync("motcua.phuonglam");
        var body = BirthBody();
        body["procedureCode"] = procedureCode;
        var code = await ReceiveAsync(reception, body);
        await PostAsync(reception, code, "handover", new { });
        var civilStatus = await SignInAsync("tuphap.phuonglam");
        await CompleteWithAsync(civilStatus, await SingleTaskAsync(civilStatus, code, "Task_ThamDinh"), "approve", new Dictionary<string, object>
        {
            ["coQuanLienThong"] = new[]
            {
                new { agency = "CA-PHUONGLAM", procedure = "1.004222" },
                new { agency = "BHXH-KV", procedure = "BHXH.THE-BHYT-TE6" },
            },
        });
        var leader = await SignInAsync("lanhdao.phuonglam");
        await CompleteAsync(leader, await SingleTaskAsync(leader, code, "Task_LanhDaoKy"), "approve");
        return (reception, code);
    }

    /// <summary>A procedure code of this test's own: the birth group's model with its handoff made sequential.</summary>
    private const string SequentialProcedure = "TEST.KHAISINH-TUANTU";

    /// <summary>
    /// Publishes the birth group's model as a procedure of its own whose multi-instance handoff runs
    /// one agency after another (<c>isSequential="true"</c>), with a catalogue row copied from 1.001193,
    /// so that the shipped model the other tests run stays as it is.
    /// </summary>
    private async Task PublishSequentialBirthGroupAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<DefinitionStore>();
        var xml = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "workflows", "handoffs", "lien-thong-khai-sinh.bpmn"));
        Assert.Contains("isSequential=\"false\"", xml, StringComparison.Ordinal);
        xml = xml.Replace("isSequential=\"false\"", "isSequential=\"true\"", StringComparison.Ordinal)
            .Replace("bpm:procedureCode=\"1.001193\"", $"bpm:procedureCode=\"{SequentialProcedure}\"", StringComparison.Ordinal);
        await store.SaveDraftAsync("lien-thong-khai-sinh-tuan-tu", xml, "thietke");
        await store.PublishAsync("lien-thong-khai-sinh-tuan-tu", "thietke");
        var catalog = scope.ServiceProvider.GetRequiredService<ProcedureCatalog>();
        var birth = (await catalog.FindAsync("1.001193"))!;
        await catalog.ImportAsync([birth with { Code = SequentialProcedure }]);
    }

    private void ReceiveOn(int december, int hourInVietnam) =>
        Fixture.Clock.Now = new DateTimeOffset(2026, 12, december, hourInVietnam, 0, 0, Vietnam).ToUniversalTime();

    private void Later(int hours) => Fixture.Clock.Now = Fixture.Clock.Now.AddHours(hours);

    private static async Task<string> ReceiveAsync(HttpClient reception, object body) =>
        (await JsonAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", body), HttpStatusCode.Created)).GetProperty("code").GetString()!;

    private static async Task<JsonElement> PostAsync(HttpClient client, string code, string step, object body) =>
        await JsonAsync(await client.PostAsJsonAsync($"/api/v1/dossiers/{code}/{step}", body), HttpStatusCode.OK);

    private static async Task<JsonElement> DossierAsync(HttpClient client, string code) =>
        await JsonAsync(await client.GetAsync($"/api/v1/dossiers/{code}"), HttpStatusCode.OK);

    private static async Task CompleteWithAsync(HttpClient client, string taskId, string outcome, Dictionary<string, object> variables) =>
        await JsonAsync(await client.PostAsJsonAsync($"/api/v1/tasks/{taskId}/complete", new { outcome, variables, comment = "Đã kiểm tra." }), HttpStatusCode.OK);

    /// <summary>The id of the caller's open task at <paramref name="elementId"/> once the outbox has delivered it.</summary>
    private static async Task<string> WaitForTaskAsync(HttpClient client, string code, string elementId) =>
        await WaitForAsync(async () => (await OpenTasksAsync(client, code))
            .Where(t => t.GetProperty("elementId").GetString() == elementId)
            .Select(t => t.GetProperty("id").GetString())
            .FirstOrDefault());

    private static Task<T> WaitForAsync<T>(Func<Task<T?>> probe)
        where T : class => Eventually.ArrivesAsync(probe, "the outbox did not deliver the handoff");

    private static Dictionary<string, object?> Applicant() => new()
    {
        ["kind"] = "person",
        ["fullName"] = "Nguyễn Văn An",
        ["identityNumber"] = "052099012345",
        ["phone"] = "0912 345 678",
        ["address"] = "Thôn 1, xã Phương Lâm",
    };

    private static Dictionary<string, object?> BirthBody() => new()
    {
        ["procedureCode"] = "1.001193",
        ["applicant"] = Applicant(),
        ["papers"] = new[] { new { id = "to-khai-khai-sinh", count = 1 }, new { id = "giay-chung-sinh", count = 1 } },
        ["channel"] = "online",
    };

    private static Dictionary<string, object?> LandBody() => new()
    {
        ["procedureCode"] = "1.115320",
        ["applicant"] = Applicant(),
        ["papers"] = new[] { new { id = "don-dang-ky-bien-dong", count = 1 }, new { id = "giay-to-sai-sot", count = 1 }, new { id = "giay-chung-nhan", count = 1 } },
        ["channel"] = "desk",
    };
}
