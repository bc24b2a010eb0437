using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bpm.Dossiers.Handoffs;
using Bpm.Papers;
using Bpm.Persistence;
using Bpm.Server.Tests.Features.Dossiers;
using Bpm.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Server.Tests.Features.Handoffs;

/// <summary>
/// Handoffs across installations (docs/handoffs.md): a land correction received at the commune
/// on installation A is handed off over signed HTTP to the land registration office on
/// installation B (<see cref="PartnerInstallations"/>), worked there, and answered back; each
/// refusal of a partner's request; a partner down and back; a withdrawal cancelling the partner's
/// child; the papers' files travelling, checked, once; ECDSA keys end to end; a key rotation.
/// Each test has its own pair of hosts, so that one test's partner outage is not another's; on
/// PostgreSQL each host of a pair has a database of its own on the suite's server.
/// </summary>
public abstract class PartnerHandoffTestBase<TDatabases> : IAsyncLifetime
    where TDatabases : class, IPartnerDatabases
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    private readonly TDatabases _databases;
    private PartnerInstallations? _pair;

    protected PartnerHandoffTestBase(TDatabases databases) => _databases = databases;

    /// <summary>The test's pair of hosts; signing with one shared secret unless the test chose otherwise first (<see cref="UseHosts"/>).</summary>
    private PartnerInstallations Hosts => _pair ??= UseHosts();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_pair is not null)
        {
            await _pair.DisposeAsync();
        }
    }

    private PartnerInstallations UseHosts(PartnerSigning signing = PartnerSigning.SharedSecret, IReadOnlyDictionary<string, string>? officeSettings = null)
    {
        Skip.If(_databases.SkipReason is not null, _databases.SkipReason);
        _pair = new PartnerInstallations(_databases.Provider, _databases.NewDatabase("a"), _databases.NewDatabase("b"), signing, officeSettings);
        return _pair;
    }

    [SkippableFact]
    public Task Handoff_ToTheOfficeOnAnotherInstallation_RunsThereAndItsAnswerCompletesTheStepOnce() => HandOffAndAnswerBackAsync();

    [SkippableFact]
    public async Task Handoff_WithEcdsaKeysOnBothSides_RunsThereAndItsAnswerCompletesTheStepOnce()
    {
        UseHosts(PartnerSigning.Ecdsa);

        await HandOffAndAnswerBackAsync();

        // Each side verifies with the other's public key only: the shared secret of the other tests is refused.
        var hmac = await ProblemAsync(await SignedAsync(Hosts.OfficeUrl, "api/v1/handoffs/inbound", PartnerInstallations.CommuneId,
            InboundBody(PartnerInstallations.CommuneId + ":hmac", "000.27.22.H10-261201-9003", Hosts.CommuneUrl + "api/v1/handoffs/callback"), secret: PartnerInstallations.Secret), HttpStatusCode.Unauthorized);
        Assert.Contains("Chữ ký ecdsa-p256-sha256 của 'tinh-a' không khớp", hmac.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Handoff_KeysInRotation_OldKeyAcceptedDuringTheOverlapAndRefusedAfterItsEnd()
    {
        UseHosts(PartnerSigning.RotatingSecrets);
        await StartBothAsync();
        // 15 December: both keys are valid; A signs with the newest, B takes it.
        var (_, code) = await HandOffLandAsync();
        var office = await SignInAsync(Hosts.Office, "dangky.vpdkdd");
        await WaitForTaskAsync(office, code, "Task_KiemTraHoSo");
        var callback = Hosts.CommuneUrl + "api/v1/handoffs/callback";

        // A sender that has not rotated yet still signs with the old key: taken during the overlap.
        var oldKey = await JsonAsync(await SignedAsync(Hosts.OfficeUrl, "api/v1/handoffs/inbound", PartnerInstallations.CommuneId,
            InboundBody(PartnerInstallations.CommuneId + ":khoa-cu", "000.27.22.H10-261201-9101", callback), secret: PartnerInstallations.Secret, keyId: PartnerInstallations.OldKeyId), HttpStatusCode.OK);
        Assert.Equal("running", oldKey.GetProperty("status").GetString());
        var unknown = await ProblemAsync(await SignedAsync(Hosts.OfficeUrl, "api/v1/handoffs/inbound", PartnerInstallations.CommuneId,
            InboundBody(PartnerInstallations.CommuneId + ":khoa-la", "000.27.22.H10-261201-9102", callback), secret: PartnerInstallations.Secret, keyId: "2025-9"), HttpStatusCode.Unauthorized);
        Assert.Contains("Khóa '2025-9' (Bpm-Key-Id) không phải khóa đã cấu hình của đối tác 'tinh-a'", unknown.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // After the old key's end it is refused, and nothing is started with it.
        Hosts.Clock.Now = PartnerInstallations.OldKeyUntil.AddMinutes(1);
        var instances = await OnOfficeAsync(db => db.Instances.CountAsync());
        var expired = await ProblemAsync(await SignedAsync(Hosts.OfficeUrl, "api/v1/handoffs/inbound", PartnerInstallations.CommuneId,
            InboundBody(PartnerInstallations.CommuneId + ":khoa-het-han", "000.27.22.H10-261201-9103", callback), secret: PartnerInstallations.Secret, keyId: PartnerInstallations.OldKeyId), HttpStatusCode.Unauthorized);
        Assert.Contains("Khóa '2026-1' của đối tác 'tinh-a' đã hết hiệu lực lúc 2026-12-16 01:00:00 UTC", expired.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(instances, await OnOfficeAsync(db => db.Instances.CountAsync()));

        // A, signing with the new key, still reaches B: the withdrawal cancels B's child.
        var desk = await SignInAsync(Hosts.Commune, "motcua.phuonglam");
        await JsonAsync(await desk.PostAsJsonAsync($"/api/v1/dossiers/{code}/withdrawal", new { reason = "Người nộp xin rút hồ sơ." }), HttpStatusCode.OK);
        var cancelled = await WaitForAsync(() => OnOfficeAsync(db => db.InboundHandoffs.AsNoTracking().Where(h => h.DossierCode == code && h.Status == "cancelled").FirstOrDefaultAsync()));
        Assert.Equal("cancelled", (await OnOfficeAsync(db => db.Instances.AsNoTracking().SingleAsync(i => i.InstanceId == cancelled.ChildInstanceId))).Status);
    }

    [SkippableFact]
    public async Task Handoff_WithAScannedPaper_TheFileTravelsCheckedAndIsStoredOnceAtThePartner()
    {
        await StartBothAsync();
        var pdf = PaperSamples.Pdf(3000);
        var (_, code) = await HandOffLandAsync(scan: pdf);

        var kept = await WaitForAsync(() => OnOfficeAsync(db => db.InboundHandoffPapers.AsNoTracking().FirstOrDefaultAsync()));
        Assert.Equal(("giay-chung-nhan", HandoffSignature.Sha256(pdf), 3000L, "application/pdf", "giay-chung-nhan.pdf"), (kept.PaperId, kept.Sha256, kept.Size, kept.ContentType, kept.FileName));
        Assert.Equal(pdf, await StoredBytesAsync(Hosts.Office, kept.FileId));
        var sent = await WaitForAsync(() => OnCommuneAsync(db => db.HandoffMessages.AsNoTracking().Where(m => m.DossierCode == code && m.Kind == HandoffMessageRecord.PaperKind && m.AcknowledgedAt != null).FirstOrDefaultAsync()));
        Assert.Contains(kept.RemoteFileId, sent.Key, StringComparison.Ordinal);
        var office = await SignInAsync(Hosts.Office, "dangky.vpdkdd");
        var check = await WaitForTaskAsync(office, code, "Task_KiemTraHoSo");
        var files = PaperSamples.StoredFileCount(Hosts.Office.DataPath);

        // B's staff see it on the task page, with where it came from and when (UTC+7).
        var page = WebUtility.HtmlDecode(await office.GetStringAsync($"/inbox/{check}"));
        Assert.Contains("Giấy tờ nhận từ đối tác liên thông", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/api/v1/dossiers/{code}/files/{kept.FileId}\"", page, StringComparison.Ordinal);
        Assert.Contains($"nhận từ tinh-a lúc {kept.ReceivedAt.ToOffset(Vietnam):dd/MM/yyyy HH:mm}", page, StringComparison.Ordinal);
        Assert.Contains(kept.Sha256, page, StringComparison.Ordinal);

        // B keeps no dossier row for A's dossier (A does): its file is served through the dossier's files endpoint to the unit working the child, to nobody else.
        Assert.Equal(0, await OnOfficeAsync(db => db.Dossiers.CountAsync(d => d.Code == code)));
        var download = await office.GetAsync($"/api/v1/dossiers/{code}/files/{kept.FileId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("sandbox", download.Headers.GetValues("Content-Security-Policy").Single().Split("; "));
        var otherUnit = await SignInAsync(Hosts.Office, "the.bhxh");
        await ProblemAsync(await otherUnit.GetAsync($"/api/v1/dossiers/{code}/files/{kept.FileId}"), HttpStatusCode.NotFound);
        await ProblemAsync(await office.GetAsync($"/api/v1/dossiers/{code}/files/{Guid.NewGuid():N}"), HttpStatusCode.NotFound);

        // A crash after sending the file but before marking it: sent once more, taken as the same file, not stored twice.
        await OnCommuneAsync(db => db.HandoffMessages.Where(m => m.Id == sent.Id).ExecuteUpdateAsync(u => u.SetProperty(m => m.AcknowledgedAt, (DateTimeOffset?)null)));
        await WaitForAsync(() => OnCommuneAsync(db => db.HandoffMessages.AsNoTracking().Where(m => m.Id == sent.Id && m.AcknowledgedAt != null).FirstOrDefaultAsync()));
        Assert.Equal(2, await OnCommuneAsync(db => db.HandoffMessageAttempts.CountAsync(a => a.MessageId == sent.Id && a.Acknowledged)));
        Assert.Equal(1, await OnOfficeAsync(db => db.InboundHandoffPapers.CountAsync()));
        Assert.Equal(files, PaperSamples.StoredFileCount(Hosts.Office.DataPath));
    }

    [SkippableFact]
    public async Task InboundPaper_ChangedUnlistedHostileOversizeOrForged_RefusedAndNothingStored()
    {
        await StartBothAsync();
        var pdf = PaperSamples.Pdf(2000);
        // An executable named and declared as a PDF, with a PDF's end marker.
        var hostile = PaperSamples.Pdf(2000);
        "MZ\x90\0"u8.CopyTo(hostile);
        string pdfId = Guid.NewGuid().ToString("N"), hostileId = Guid.NewGuid().ToString("N");
        var papers = JsonSerializer.SerializeToElement(new[]
        {
            new { id = "giay-chung-nhan", count = 1, files = new[] { Listed(pdfId, pdf, "gcn.pdf"), Listed(hostileId, hostile, "gcn-ban-sao.pdf") } },
        }, JsonSerializerOptions.Web);
        var key = PartnerInstallations.CommuneId + ":tep-" + Guid.NewGuid().ToString("N")[..8];
        await JsonAsync(await SignedAsync(Hosts.OfficeUrl, "api/v1/handoffs/inbound", PartnerInstallations.CommuneId,
            InboundBody(key, "000.27.22.H10-261201-9201", Hosts.CommuneUrl + "api/v1/handoffs/callback", papers: papers)), HttpStatusCode.OK);
        var before = PaperSamples.StoredFileCount(Hosts.Office.DataPath);

        var changed = pdf.ToArray();
        changed[100] = (byte)'x';
        var mismatch = await ProblemAsync(await SignedFileAsync(key, pdfId, changed), HttpStatusCode.UnprocessableEntity);
        Assert.Contains($"không đúng tệp đã kê trong yêu cầu liên thông '{key}'", mismatch.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var unlisted = await ProblemAsync(await SignedFileAsync(key, Guid.NewGuid().ToString("N"), pdf), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("không kê tệp", unlisted.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var executable = await ProblemAsync(await SignedFileAsync(key, hostileId, hostile), HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("gcn-ban-sao.pdf", executable.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var oversize = await ProblemAsync(await SignedFileAsync(key, pdfId, new byte[(20 * 1024 * 1024) + 1]), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("20971520 byte", oversize.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var unknown = await ProblemAsync(await SignedFileAsync(PartnerInstallations.CommuneId + ":khong-co", pdfId, pdf), HttpStatusCode.NotFound);
        Assert.Contains("không được lưu", unknown.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var forged = await SendSignedAsync(Hosts.OfficeUrl, "api/v1/handoffs/inbound/papers", PartnerInstallations.CommuneId, PaperSamples.Raw(pdf, "application/pdf"), pdf,
            HandoffSignature.Hmac("khoa-gia-mao-khong-phai-khoa-chung-cua-hai-ben"), null, null, null, (HandoffPaperFile.HandoffKeyHeader, key), (HandoffPaperFile.FileIdHeader, pdfId));
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(0, await OnOfficeAsync(db => db.InboundHandoffPapers.CountAsync()));
        Assert.Equal(before, PaperSamples.StoredFileCount(Hosts.Office.DataPath));

        // The listed file itself is taken, once, however often it comes.
        var taken = await JsonAsync(await SignedFileAsync(key, pdfId, pdf), HttpStatusCode.OK);
        var again = await JsonAsync(await SignedFileAsync(key, pdfId, pdf), HttpStatusCode.OK);
        Assert.Equal("received", taken.GetProperty("status").GetString());
        Assert.Equal(taken.GetRawText(), again.GetRawText());
        var stored = await OnOfficeAsync(db => db.InboundHandoffPapers.AsNoTracking().SingleAsync());
        Assert.Equal((pdfId, "gcn.pdf"), (stored.RemoteFileId, stored.FileName));
        Assert.Equal(before + 1, PaperSamples.StoredFileCount(Hosts.Office.DataPath));
    }

    [SkippableFact]
    public async Task Handoff_WithAFileThePartnerRefuses_EndsUndeliveredNamingThePaperAndIsWithdrawnThere()
    {
        UseHosts(officeSettings: new Dictionary<string, string> { ["Bpm:Papers:MaxFileBytes"] = "1000" });
        await StartBothAsync();
        var (_, code) = await HandOffLandAsync(scan: PaperSamples.Pdf(3000));

        var handoff = await WaitForAsync(() => OnCommuneAsync(db => db.Handoffs.AsNoTracking().Where(h => h.DossierCode == code && h.Status == "undelivered").FirstOrDefaultAsync()));
        var file = await OnCommuneAsync(db => db.HandoffMessages.AsNoTracking().SingleAsync(m => m.DossierCode == code && m.Kind == HandoffMessageRecord.PaperKind));
        Assert.NotNull(file.GaveUpAt);
        Assert.StartsWith("413", file.LastAnswer, StringComparison.Ordinal);
        var admin = await SignInAsync(Hosts.Commune, "admin");
        var undelivered = Assert.Single((await DossierAsync(admin, code)).GetProperty("events").EnumerateArray(), e => e.GetProperty("type").GetString() == "handoff-undelivered");
        Assert.Equal("giay-chung-nhan", undelivered.GetProperty("payload").GetProperty("paper").GetString());

        // B, which started its child on the handoff, is told to withdraw it; it keeps no file.
        var inbound = await WaitForAsync(() => OnOfficeAsync(db => db.InboundHandoffs.AsNoTracking().Where(h => h.Key == handoff.RemoteKey && h.Status == "cancelled").FirstOrDefaultAsync()));
        Assert.Equal("cancelled", (await OnOfficeAsync(db => db.Instances.AsNoTracking().SingleAsync(i => i.InstanceId == inbound.ChildInstanceId))).Status);
        Assert.Equal(0, await OnOfficeAsync(db => db.InboundHandoffPapers.CountAsync()));
        Assert.Equal(0, PaperSamples.StoredFileCount(Hosts.Office.DataPath));
    }

    private async Task HandOffAndAnswerBackAsync()
    {
        await StartBothAsync();
        var (reception, code) = await HandOffLandAsync();

        // B runs the office's own process for the same dossier code, with what A handed over.
        var office = await SignInAsync(Hosts.Office, "dangky.vpdkdd");
        var check = await WaitForTaskAsync(office, code, "Task_KiemTraHoSo");
        var inbound = await OnOfficeAsync(db => db.InboundHandoffs.AsNoTracking().SingleAsync(h => h.DossierCode == code));
        Assert.Equal(PartnerInstallations.CommuneId, inbound.Partner);
        Assert.Equal("running", inbound.Status);
        var child = await JsonAsync(await (await SignInAsync(Hosts.Office, "admin")).GetAsync($"/api/v1/instances/{inbound.ChildInstanceId}"), HttpStatusCode.OK);
        Assert.Equal(code, child.GetProperty("businessKey").GetString());
        Assert.Equal("lien-thong-chinh-ly-vpdkdd", child.GetProperty("definitionId").GetString());
        Assert.Equal("Task_ChuyenVanPhongDangKy", child.GetProperty("variables").GetProperty("parentElementId").GetString());
        Assert.Equal(["don-dang-ky-bien-dong", "giay-chung-nhan", "giay-to-sai-sot"], child.GetProperty("variables").GetProperty("papers").EnumerateArray().Select(p => p.GetProperty("id").GetString()).Order());

        // A records the handoff as sent to the partner; its request was acknowledged on the first attempt.
        var admin = await SignInAsync(Hosts.Commune, "admin");
        var handoff = (await DossierAsync(admin, code)).GetProperty("handoffs")[0];
        Assert.Equal("VPDKDD", handoff.GetProperty("agency").GetString());
        Assert.Equal("running", handoff.GetProperty("status").GetString());
        var request = await OnCommuneAsync(db => db.HandoffMessages.AsNoTracking().SingleAsync(m => m.DossierCode == code));
        Assert.Equal((HandoffMessageRecord.HandoffKind, 1), (request.Kind, request.Attempts));
        Assert.NotNull(request.AcknowledgedAt);
        Assert.Equal(request.Key, inbound.Key);

        // The handoff step waits for the office: nobody at the commune completes it by hand.
        var commune = await SignInAsync(Hosts.Commune, "kinhte.phuonglam");
        var waiting = Assert.Single(await OpenTasksAsync(commune, code), t => t.GetProperty("elementId").GetString() == "Task_ChuyenVanPhongDangKy");
        var byHand = await ProblemAsync(await commune.PostAsJsonAsync($"/api/v1/tasks/{waiting.GetProperty("id").GetString()}/complete", new { outcome = "result" }), HttpStatusCode.Conflict);
        Assert.Contains("chờ kết quả liên thông từ cơ quan VPDKDD", byHand.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The office approves and signs on B; the answer comes back to A and the dossier goes to A's desk.
        await CompleteAsync(office, check, "approve");
        var leader = await SignInAsync(Hosts.Office, "lanhdao.vpdkdd");
        await CompleteAsync(leader, await WaitForTaskAsync(leader, code, "Task_LanhDaoVanPhongKy"), "approve");
        await WaitForTaskAsync(reception, code, "Task_TraKetQua");

        var answered = await DossierAsync(admin, code);
        handoff = answered.GetProperty("handoffs")[0];
        Assert.Equal("result", handoff.GetProperty("status").GetString());
        Assert.Equal(inbound.ChildInstanceId, handoff.GetProperty("instanceId").GetString());
        Assert.Single(answered.GetProperty("events").EnumerateArray(), e => e.GetProperty("type").GetString() == "handoff-answered");
        var answer = await OnOfficeAsync(db => db.HandoffMessages.AsNoTracking().SingleAsync(m => m.DossierCode == code));
        Assert.Equal(HandoffMessageRecord.AnswerKind, answer.Kind);
        Assert.NotNull(answer.AcknowledgedAt);

        // The same answer again is acknowledged and changes nothing; another answer for it is refused.
        var repeat = await SignedAsync(Hosts.CommuneUrl, "api/v1/handoffs/callback", PartnerInstallations.OfficeId, answer.Body);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        var other = answer.Body.Replace(answer.Key, answer.Key + "-khac", StringComparison.Ordinal).Replace("\"result\"", "\"refused\"", StringComparison.Ordinal);
        var conflict = await ProblemAsync(await SignedAsync(Hosts.CommuneUrl, "api/v1/handoffs/callback", PartnerInstallations.OfficeId, other), HttpStatusCode.Conflict);
        Assert.Contains("đã được trả lời (result)", conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Single((await DossierAsync(admin, code)).GetProperty("events").EnumerateArray(), e => e.GetProperty("type").GetString() == "handoff-answered");
        Assert.Single(await OpenTasksAsync(reception, code));
    }

    [SkippableFact]
    public async Task Inbound_ForgedStaleUnknownOrReplayedWithAnotherBody_RefusedAndNothingStarted()
    {
        await StartBothAsync();
        var key = PartnerInstallations.CommuneId + ":thu-" + Guid.NewGuid().ToString("N")[..8];
        var body = InboundBody(key, "000.27.22.H10-261201-9001", Hosts.CommuneUrl + "api/v1/handoffs/callback");
        var instancesBefore = await OnOfficeAsync(db => db.Instances.CountAsync());

        var forged = await ProblemAsync(await SignedAsync(Hosts.OfficeUrl, "api/v1/handoffs/inbound", PartnerInstallations.CommuneId, body, secret: "khoa-gia-mao-khong-phai-khoa-chung-cua-hai-ben"), HttpStatusCode.Unauthorized);
        Assert.Contains("không khớp", forged.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var stale = await ProblemAsync(await SignedAsync(Hosts.OfficeUrl, "api/v1/handoffs/inbound", PartnerInstallations.CommuneId, body, at: Hosts.Clock.Now.AddMinutes(-10)), HttpStatusCode.Unauthorized);
        Assert.Contains("lệch 600 giây", stale.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var unknown = await ProblemAsync(await SignedAsync(Hosts.OfficeUrl, "api/v1/handoffs/inbound", "tinh-z", body), HttpStatusCode.Unauthorized);
        Assert.Contains("'tinh-z' không phải đối tác", unknown.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var unsigned = await ProblemAsync(await new HttpClient().PostAsync(new Uri(Hosts.OfficeUrl, "api/v1/handoffs/inbound"), new StringContent(body, Encoding.UTF8, "application/json")), HttpStatusCode.Unauthorized);
        Assert.Contains(HandoffSignature.SignatureHeader, unsigned.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Signed for one path, sent to another.
        var moved = await SignedAsync(Hosts.OfficeUrl, "api/v1/handoffs/inbound", PartnerInstallations.CommuneId, body, signedPath: "/api/v1/handoffs/callback");
        Assert.Equal(HttpStatusCode.Unauthorized, moved.StatusCode);

        var elsewhere = await ProblemAsync(await SignedAsync(Hosts.OfficeUrl, "api/v1/handoffs/inbound", PartnerInstallations.CommuneId, InboundBody(key, "000.27.22.H10-261201-9001", "http://10.0.0.9/thu")), HttpStatusCode.BadRequest);
        Assert.True(elsewhere.GetProperty("errors").TryGetProperty("callbackUrl", out _));

        var notHere = await ProblemAsync(await SignedAsync(Hosts.OfficeUrl, "api/v1/handoffs/inbound", PartnerInstallations.CommuneId, InboundBody(key, "000.27.22.H10-261201-9001", Hosts.CommuneUrl + "api/v1/handoffs/callback", agency: "SXD")), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("'SXD' không có quy trình", notHere.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(instancesBefore, await OnOfficeAsync(db => db.Instances.CountAsync()));
        Assert.Equal(0, await OnOfficeAsync(db => db.InboundHandoffs.CountAsync()));

        // Accepted once; the same key and body again is the same answer, the same key with another body is refused.
        var first = await JsonAsync(await SignedAsync(Hosts.OfficeUrl, "api/v1/handoffs/inbound", PartnerInstallations.CommuneId, body), HttpStatusCode.OK);
        var again = await JsonAsync(await SignedAsync(Hosts.OfficeUrl, "api/v1/handoffs/inbound", PartnerInstallations.CommuneId, body), HttpStatusCode.OK);
        Assert.Equal(first.GetRawText(), again.GetRawText());
        Assert.Equal("running", first.GetProperty("status").GetString());
        var replayed = await ProblemAsync(await SignedAsync(Hosts.OfficeUrl, "api/v1/handoffs/inbound", PartnerInstallations.CommuneId, InboundBody(key, "000.27.22.H10-261201-9002", Hosts.CommuneUrl + "api/v1/handoffs/callback")), HttpStatusCode.Conflict);
        Assert.Contains("khác nội dung", replayed.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(instancesBefore + 1, await OnOfficeAsync(db => db.Instances.CountAsync()));
        var stored = await OnOfficeAsync(db => db.InboundHandoffs.AsNoTracking().SingleAsync());
        Assert.Equal(("000.27.22.H10-261201-9001", first.GetProperty("childInstanceId").GetString()), (stored.DossierCode, stored.ChildInstanceId));

        // An answer from the partner for a handoff this installation never sent.
        var stray = await ProblemAsync(await SignedAsync(Hosts.CommuneUrl, "api/v1/handoffs/callback", PartnerInstallations.OfficeId,
            JsonSerializer.Serialize(new HandoffAnswer("tinh-b:1", "tinh-a:khong-co", "result", "x", null), JsonSerializerOptions.Web)), HttpStatusCode.NotFound);
        Assert.Contains("không gửi yêu cầu liên thông 'tinh-a:khong-co'", stray.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Handoff_PartnerDownThenBack_DeliveredAfterTheBackoffAndStartedOnceEvenWhenSentAgain()
    {
        await Hosts.StartCommuneAsync();
        var (_, code) = await HandOffLandAsync();

        // Nothing listens on B's port: the attempt is recorded without an answer and the next one waits a minute.
        var failed = await WaitForAsync(() => OnCommuneAsync(db => db.HandoffMessageAttempts.AsNoTracking().Where(a => a.Attempt == 1).FirstOrDefaultAsync()));
        Assert.False(failed.Acknowledged);
        Assert.Null(failed.Status);
        Assert.StartsWith("no answer", failed.Answer, StringComparison.Ordinal);
        var pending = await OnCommuneAsync(db => db.HandoffMessages.AsNoTracking().SingleAsync(m => m.DossierCode == code));
        Assert.Null(pending.AcknowledgedAt);
        Assert.Equal(failed.At + HandoffSender.Backoff[0], pending.NextAttemptAt);

        await Hosts.StartOfficeAsync();
        Hosts.Clock.Now = pending.NextAttemptAt.AddSeconds(1);
        var delivered = await WaitForAsync(() => OnCommuneAsync(db => db.HandoffMessages.AsNoTracking().Where(m => m.DossierCode == code && m.AcknowledgedAt != null).FirstOrDefaultAsync()));
        Assert.Equal(2, delivered.Attempts);
        var office = await SignInAsync(Hosts.Office, "dangky.vpdkdd");
        await WaitForTaskAsync(office, code, "Task_KiemTraHoSo");

        // A crash after sending but before marking it: the row is sent once more, and B takes it as the same handoff.
        await OnCommuneAsync(db => db.HandoffMessages.Where(m => m.Id == delivered.Id).ExecuteUpdateAsync(u => u.SetProperty(m => m.AcknowledgedAt, (DateTimeOffset?)null)));
        await WaitForAsync(() => OnCommuneAsync(db => db.HandoffMessages.AsNoTracking().Where(m => m.Id == delivered.Id && m.AcknowledgedAt != null).FirstOrDefaultAsync()));
        Assert.Equal(1, await OnOfficeAsync(db => db.InboundHandoffs.CountAsync(h => h.DossierCode == code)));
        Assert.Equal(1, await OnOfficeAsync(db => db.Instances.CountAsync(i => i.BusinessKey == code)));
        Assert.Single(await OpenTasksAsync(office, code));
        Assert.Equal(3, await OnCommuneAsync(db => db.HandoffMessageAttempts.CountAsync(a => a.MessageId == delivered.Id)));
    }

    [SkippableFact]
    public async Task Withdraw_WhileTheOfficeOnAnotherInstallationHoldsIt_SignedCancelCancelsItsChild()
    {
        await StartBothAsync();
        var (reception, code) = await HandOffLandAsync();
        var office = await SignInAsync(Hosts.Office, "dangky.vpdkdd");
        await WaitForTaskAsync(office, code, "Task_KiemTraHoSo");

        await JsonAsync(await reception.PostAsJsonAsync($"/api/v1/dossiers/{code}/withdrawal", new { reason = "Người nộp xin rút hồ sơ để nộp lại sau." }), HttpStatusCode.OK);

        var inbound = await WaitForAsync(() => OnOfficeAsync(db => db.InboundHandoffs.AsNoTracking().Where(h => h.DossierCode == code && h.Status == "cancelled").FirstOrDefaultAsync()));
        var child = await OnOfficeAsync(db => db.Instances.AsNoTracking().SingleAsync(i => i.InstanceId == inbound.ChildInstanceId));
        Assert.Equal("cancelled", child.Status);
        Assert.Empty(await OpenTasksAsync(office, code));
        var admin = await SignInAsync(Hosts.Commune, "admin");
        var withdrawn = await DossierAsync(admin, code);
        Assert.Equal("cancelled", withdrawn.GetProperty("handoffs")[0].GetProperty("status").GetString());
        Assert.Contains(withdrawn.GetProperty("events").EnumerateArray(), e => e.GetProperty("type").GetString() == "handoff-withdrawn");
        var cancel = await OnCommuneAsync(db => db.HandoffMessages.AsNoTracking().SingleAsync(m => m.DossierCode == code && m.Kind == HandoffMessageRecord.CancelKind));
        Assert.NotNull(cancel.AcknowledgedAt);

        // The cancelled child sends no answer back: B has nothing to send for it.
        Assert.Equal(0, await OnOfficeAsync(db => db.HandoffMessages.CountAsync(m => m.DossierCode == code)));
    }

    private async Task StartBothAsync()
    {
        await Hosts.StartCommuneAsync();
        await Hosts.StartOfficeAsync();
    }

    /// <summary>A land correction received at Phương Lâm on A, handed over and approved by the commune: on its way to the office.</summary>
    private async Task<(HttpClient Reception, string Code)> HandOffLandAsync(byte[]? scan = null)
    {
        Hosts.Clock.Now = new DateTimeOffset(2026, 12, 15, 8, 0, 0, Vietnam).ToUniversalTime();
        var reception = await SignInAsync(Hosts.Commune, "motcua.phuonglam");
        var received = await JsonAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", new Dictionary<string, object?>
        {
            ["procedureCode"] = "1.115320",
            ["applicant"] = new Dictionary<string, object?> { ["kind"] = "person", ["fullName"] = "Nguyễn Văn An", ["identityNumber"] = "052099012345", ["phone"] = "0912 345 678", ["address"] = "Thôn 1, xã Phương Lâm" },
            ["papers"] = new[] { new { id = "don-dang-ky-bien-dong", count = 1 }, new { id = "giay-to-sai-sot", count = 1 }, new { id = "giay-chung-nhan", count = 1 } },
            ["channel"] = "desk",
        }), HttpStatusCode.Created);
        var code = received.GetProperty("code").GetString()!;
        if (scan is not null)
        {
            await JsonAsync(await reception.PostAsync($"/api/v1/dossiers/{code}/papers/giay-chung-nhan?fileName=giay-chung-nhan.pdf", PaperSamples.Raw(scan, "application/pdf")), HttpStatusCode.Created);
        }

        await JsonAsync(await reception.PostAsJsonAsync($"/api/v1/dossiers/{code}/handover", new { }), HttpStatusCode.OK);
        var commune = await SignInAsync(Hosts.Commune, "kinhte.phuonglam");
        await CompleteAsync(commune, await WaitForTaskAsync(commune, code, "Task_ThamTraXa"), "approve");
        return (reception, code);
    }

    private static string InboundBody(string key, string code, string callbackUrl, string agency = "VPDKDD", JsonElement? papers = null) => JsonSerializer.Serialize(
        new HandoffRequest(key, code, agency, "1.115320", "Task_ChuyenVanPhongDangKy", "XA-PHUONGLAM.KINHTE", "P5D", "Nguyễn Văn An", "desk", papers, callbackUrl),
        JsonSerializerOptions.Web);

    /// <summary>A request signed as partner <paramref name="partner"/> would sign it (or with another key, key id, time or path).</summary>
    private Task<HttpResponseMessage> SignedAsync(
        Uri host, string path, string partner, string body, string? secret = null, DateTimeOffset? at = null, string? signedPath = null, string? keyId = null) =>
        SendSignedAsync(host, path, partner, new StringContent(body, Encoding.UTF8, "application/json"), Encoding.UTF8.GetBytes(body),
            secret is null ? null : HandoffSignature.Hmac(secret), at, signedPath, keyId);

    /// <summary>A file of handoff <paramref name="handoffKey"/>, sent by the commune as its sender would send it.</summary>
    private Task<HttpResponseMessage> SignedFileAsync(string handoffKey, string fileId, byte[] bytes, string type = "application/pdf") =>
        SendSignedAsync(Hosts.OfficeUrl, "api/v1/handoffs/inbound/papers", PartnerInstallations.CommuneId, PaperSamples.Raw(bytes, type), bytes, null, null, null, null,
            (HandoffPaperFile.HandoffKeyHeader, handoffKey), (HandoffPaperFile.FileIdHeader, fileId));

    private async Task<HttpResponseMessage> SendSignedAsync(
        Uri host, string path, string partner, HttpContent content, byte[] body, HandoffSignature? signer, DateTimeOffset? at, string? signedPath, string? keyId,
        params (string Name, string Value)[] headers)
    {
        var url = new Uri(host, path);
        var timestamp = (at ?? Hosts.Clock.Now).ToUnixTimeSeconds();
        var signature = (signer ?? Hosts.SignatureOf(partner)).Sign(HandoffSignature.Canonical("POST", signedPath ?? url.AbsolutePath, timestamp, HandoffSignature.Sha256(body)));
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Add(HandoffSignature.PartnerHeader, partner);
        request.Headers.Add(HandoffSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(HandoffSignature.SignatureHeader, signature);
        if ((signer is null ? keyId ?? Hosts.KeyIdOf() : keyId) is { } id)
        {
            request.Headers.Add(HandoffSignature.KeyIdHeader, id);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        using var client = new HttpClient();
        return await client.SendAsync(request);
    }

    private static object Listed(string fileId, byte[] bytes, string fileName) =>
        new { fileId, sha256 = HandoffSignature.Sha256(bytes), size = bytes.LongLength, contentType = "application/pdf", fileName };

    private static async Task<byte[]> StoredBytesAsync(BpmServerFactory host, string fileId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await using var content = (await scope.ServiceProvider.GetRequiredService<IPaperStore>().OpenAsync(PaperId.Parse(fileId)))!;
        using var bytes = new MemoryStream();
        await content.Content.CopyToAsync(bytes);
        return bytes.ToArray();
    }

    private Task<T> OnCommuneAsync<T>(Func<BpmDbContext, Task<T>> query) => OnAsync(Hosts.Commune, query);

    private Task<T> OnOfficeAsync<T>(Func<BpmDbContext, Task<T>> query) => OnAsync(Hosts.Office, query);

    private static async Task<T> OnAsync<T>(BpmServerFactory host, Func<BpmDbContext, Task<T>> query)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<BpmDbContext>());
    }

    private async Task<HttpClient> SignInAsync(BpmServerFactory host, string userName)
    {
        // Kestrel listens where the fixture told it to; the factory's own default address is not it.
        var address = host == Hosts.Commune ? Hosts.CommuneUrl : Hosts.OfficeUrl;
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = address });
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password = ServerTestBase<SqliteHandoffServerFixture>.Password });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"sign-in of {userName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    private static async Task<JsonElement> DossierAsync(HttpClient client, string code) =>
        await JsonAsync(await client.GetAsync($"/api/v1/dossiers/{code}"), HttpStatusCode.OK);

    private static async Task<List<JsonElement>> OpenTasksAsync(HttpClient client, string code) =>
        [.. (await JsonAsync(await client.GetAsync($"/api/v1/tasks?dossierCode={Uri.EscapeDataString(code)}"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray()];

    private static async Task CompleteAsync(HttpClient client, string taskId, string outcome) =>
        await JsonAsync(await client.PostAsJsonAsync($"/api/v1/tasks/{taskId}/complete", new { outcome, comment = "Đã kiểm tra." }), HttpStatusCode.OK);

    private static async Task<string> WaitForTaskAsync(HttpClient client, string code, string elementId) =>
        await WaitForAsync(async () => (await OpenTasksAsync(client, code))
            .Where(t => t.GetProperty("elementId").GetString() == elementId)
            .Select(t => t.GetProperty("id").GetString())
            .FirstOrDefault());

    private static Task<T> WaitForAsync<T>(Func<Task<T?>> probe)
        where T : class => Eventually.ArrivesAsync(probe, "a host did not deliver");

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var problem = await JsonAsync(response, expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Exception", problem.GetRawText(), StringComparison.Ordinal);
        return problem;
    }
}

public sealed class SqlitePartnerHandoffTests() : PartnerHandoffTestBase<SqlitePartnerDatabases>(new SqlitePartnerDatabases());

public sealed class PostgreSqlPartnerHandoffTests(PostgresPartnerDatabases databases) : PartnerHandoffTestBase<PostgresPartnerDatabases>(databases), IClassFixture<PostgresPartnerDatabases>;
