using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bpm.Dossiers.Handoffs;
using Bpm.Persistence;
using Bpm.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Server.Tests.Features.Handoffs;

/// <summary>
/// Handoffs across installations (docs/handoffs.md): a land correction received at the commune
/// on installation A is handed off over signed HTTP to the land registration office on
/// installation B (<see cref="PartnerInstallations"/>), worked there, and answered back; each
/// refusal of a partner's request; a partner down and back; a withdrawal cancelling the partner's child.
/// Each test has its own pair of hosts, so that one test's partner outage is not another's.
/// </summary>
public sealed class PartnerHandoffTests : IAsyncLifetime
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);


    private readonly PartnerInstallations _hosts = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _hosts.DisposeAsync();

    [Fact]
    public async Task Handoff_ToTheOfficeOnAnotherInstallation_RunsThereAndItsAnswerCompletesTheStepOnce()
    {
        await StartBothAsync();
        var (reception, code) = await HandOffLandAsync();

        // B runs the office's own process for the same dossier code, with what A handed over.
        var office = await SignInAsync(_hosts.Office, "dangky.vpdkdd");
        var check = await WaitForTaskAsync(office, code, "Task_KiemTraHoSo");
        var inbound = await OnOfficeAsync(db => db.InboundHandoffs.AsNoTracking().SingleAsync(h => h.DossierCode == code));
        Assert.Equal(PartnerInstallations.CommuneId, inbound.Partner);
        Assert.Equal("running", inbound.Status);
        var child = await JsonAsync(await (await SignInAsync(_hosts.Office, "admin")).GetAsync($"/api/v1/instances/{inbound.ChildInstanceId}"), HttpStatusCode.OK);
        Assert.Equal(code, child.GetProperty("businessKey").GetString());
        Assert.Equal("lien-thong-chinh-ly-vpdkdd", child.GetProperty("definitionId").GetString());
        Assert.Equal("Task_ChuyenVanPhongDangKy", child.GetProperty("variables").GetProperty("parentElementId").GetString());
        Assert.Equal(["don-dang-ky-bien-dong", "giay-chung-nhan", "giay-to-sai-sot"], child.GetProperty("variables").GetProperty("papers").EnumerateArray().Select(p => p.GetProperty("id").GetString()).Order());

        // A records the handoff as sent to the partner; its request was acknowledged on the first attempt.
        var admin = await SignInAsync(_hosts.Commune, "admin");
        var handoff = (await DossierAsync(admin, code)).GetProperty("handoffs")[0];
        Assert.Equal("VPDKDD", handoff.GetProperty("agency").GetString());
        Assert.Equal("running", handoff.GetProperty("status").GetString());
        var request = await OnCommuneAsync(db => db.HandoffMessages.AsNoTracking().SingleAsync(m => m.DossierCode == code));
        Assert.Equal((HandoffMessageRecord.HandoffKind, 1), (request.Kind, request.Attempts));
        Assert.NotNull(request.AcknowledgedAt);
        Assert.Equal(request.Key, inbound.Key);

        // The handoff step waits for the office: nobody at the commune completes it by hand.
        var commune = await SignInAsync(_hosts.Commune, "kinhte.phuonglam");
        var waiting = Assert.Single(await OpenTasksAsync(commune, code), t => t.GetProperty("elementId").GetString() == "Task_ChuyenVanPhongDangKy");
        var byHand = await ProblemAsync(await commune.PostAsJsonAsync($"/api/v1/tasks/{waiting.GetProperty("id").GetString()}/complete", new { outcome = "result" }), HttpStatusCode.Conflict);
        Assert.Contains("chờ kết quả liên thông từ cơ quan VPDKDD", byHand.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The office approves and signs on B; the answer comes back to A and the dossier goes to A's desk.
        await CompleteAsync(office, check, "approve");
        var leader = await SignInAsync(_hosts.Office, "lanhdao.vpdkdd");
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
        var repeat = await SignedAsync(_hosts.CommuneUrl, "api/v1/handoffs/callback", PartnerInstallations.OfficeId, answer.Body);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        var other = answer.Body.Replace(answer.Key, answer.Key + "-khac", StringComparison.Ordinal).Replace("\"result\"", "\"refused\"", StringComparison.Ordinal);
        var conflict = await ProblemAsync(await SignedAsync(_hosts.CommuneUrl, "api/v1/handoffs/callback", PartnerInstallations.OfficeId, other), HttpStatusCode.Conflict);
        Assert.Contains("đã được trả lời (result)", conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Single((await DossierAsync(admin, code)).GetProperty("events").EnumerateArray(), e => e.GetProperty("type").GetString() == "handoff-answered");
        Assert.Single(await OpenTasksAsync(reception, code));
    }

    [Fact]
    public async Task Inbound_ForgedStaleUnknownOrReplayedWithAnotherBody_RefusedAndNothingStarted()
    {
        await StartBothAsync();
        var key = PartnerInstallations.CommuneId + ":thu-" + Guid.NewGuid().ToString("N")[..8];
        var body = InboundBody(key, "000.27.22.H10-261201-9001", _hosts.CommuneUrl + "api/v1/handoffs/callback");
        var instancesBefore = await OnOfficeAsync(db => db.Instances.CountAsync());

        var forged = await ProblemAsync(await SignedAsync(_hosts.OfficeUrl, "api/v1/handoffs/inbound", PartnerInstallations.CommuneId, body, secret: "khoa-gia-mao-khong-phai-khoa-chung-cua-hai-ben"), HttpStatusCode.Unauthorized);
        Assert.Contains("không khớp", forged.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var stale = await ProblemAsync(await SignedAsync(_hosts.OfficeUrl, "api/v1/handoffs/inbound", PartnerInstallations.CommuneId, body, at: _hosts.Clock.Now.AddMinutes(-10)), HttpStatusCode.Unauthorized);
        Assert.Contains("lệch 600 giây", stale.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var unknown = await ProblemAsync(await SignedAsync(_hosts.OfficeUrl, "api/v1/handoffs/inbound", "tinh-z", body), HttpStatusCode.Unauthorized);
        Assert.Contains("'tinh-z' không phải đối tác", unknown.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var unsigned = await ProblemAsync(await new HttpClient().PostAsync(new Uri(_hosts.OfficeUrl, "api/v1/handoffs/inbound"), new StringContent(body, Encoding.UTF8, "application/json")), HttpStatusCode.Unauthorized);
        Assert.Contains(HandoffSignature.SignatureHeader, unsigned.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Signed for one path, sent to another.
        var moved = await SignedAsync(_hosts.OfficeUrl, "api/v1/handoffs/inbound", PartnerInstallations.CommuneId, body, signedPath: "/api/v1/handoffs/callback");
        Assert.Equal(HttpStatusCode.Unauthorized, moved.StatusCode);

        var elsewhere = await ProblemAsync(await SignedAsync(_hosts.OfficeUrl, "api/v1/handoffs/inbound", PartnerInstallations.CommuneId, InboundBody(key, "000.27.22.H10-261201-9001", "http://10.0.0.9/thu")), HttpStatusCode.BadRequest);
        Assert.True(elsewhere.GetProperty("errors").TryGetProperty("callbackUrl", out _));

        var notHere = await ProblemAsync(await SignedAsync(_hosts.OfficeUrl, "api/v1/handoffs/inbound", PartnerInstallations.CommuneId, InboundBody(key, "000.27.22.H10-261201-9001", _hosts.CommuneUrl + "api/v1/handoffs/callback", agency: "SXD")), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("'SXD' không có quy trình", notHere.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(instancesBefore, await OnOfficeAsync(db => db.Instances.CountAsync()));
        Assert.Equal(0, await OnOfficeAsync(db => db.InboundHandoffs.CountAsync()));

        // Accepted once; the same key and body again is the same answer, the same key with another body is refused.
        var first = await JsonAsync(await SignedAsync(_hosts.OfficeUrl, "api/v1/handoffs/inbound", PartnerInstallations.CommuneId, body), HttpStatusCode.OK);
        var again = await JsonAsync(await SignedAsync(_hosts.OfficeUrl, "api/v1/handoffs/inbound", PartnerInstallations.CommuneId, body), HttpStatusCode.OK);
        Assert.Equal(first.GetRawText(), again.GetRawText());
        Assert.Equal("running", first.GetProperty("status").GetString());
        var replayed = await ProblemAsync(await SignedAsync(_hosts.OfficeUrl, "api/v1/handoffs/inbound", PartnerInstallations.CommuneId, InboundBody(key, "000.27.22.H10-261201-9002", _hosts.CommuneUrl + "api/v1/handoffs/callback")), HttpStatusCode.Conflict);
        Assert.Contains("khác nội dung", replayed.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(instancesBefore + 1, await OnOfficeAsync(db => db.Instances.CountAsync()));
        var stored = await OnOfficeAsync(db => db.InboundHandoffs.AsNoTracking().SingleAsync());
        Assert.Equal(("000.27.22.H10-261201-9001", first.GetProperty("childInstanceId").GetString()), (stored.DossierCode, stored.ChildInstanceId));

        // An answer from the partner for a handoff this installation never sent.
        var stray = await ProblemAsync(await SignedAsync(_hosts.CommuneUrl, "api/v1/handoffs/callback", PartnerInstallations.OfficeId,
            JsonSerializer.Serialize(new HandoffAnswer("tinh-b:1", "tinh-a:khong-co", "result", "x", null), JsonSerializerOptions.Web)), HttpStatusCode.NotFound);
        Assert.Contains("không gửi yêu cầu liên thông 'tinh-a:khong-co'", stray.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handoff_PartnerDownThenBack_DeliveredAfterTheBackoffAndStartedOnceEvenWhenSentAgain()
    {
        await _hosts.StartCommuneAsync();
        var (_, code) = await HandOffLandAsync();

        // Nothing listens on B's port: the attempt is recorded without an answer and the next one waits a minute.
        var failed = await WaitForAsync(() => OnCommuneAsync(db => db.HandoffMessageAttempts.AsNoTracking().Where(a => a.Attempt == 1).FirstOrDefaultAsync()));
        Assert.False(failed.Acknowledged);
        Assert.Null(failed.Status);
        Assert.StartsWith("no answer", failed.Answer, StringComparison.Ordinal);
        var pending = await OnCommuneAsync(db => db.HandoffMessages.AsNoTracking().SingleAsync(m => m.DossierCode == code));
        Assert.Null(pending.AcknowledgedAt);
        Assert.Equal(failed.At + HandoffSender.Backoff[0], pending.NextAttemptAt);

        await _hosts.StartOfficeAsync();
        _hosts.Clock.Now = pending.NextAttemptAt.AddSeconds(1);
        var delivered = await WaitForAsync(() => OnCommuneAsync(db => db.HandoffMessages.AsNoTracking().Where(m => m.DossierCode == code && m.AcknowledgedAt != null).FirstOrDefaultAsync()));
        Assert.Equal(2, delivered.Attempts);
        var office = await SignInAsync(_hosts.Office, "dangky.vpdkdd");
        await WaitForTaskAsync(office, code, "Task_KiemTraHoSo");

        // A crash after sending but before marking it: the row is sent once more, and B takes it as the same handoff.
        await OnCommuneAsync(db => db.HandoffMessages.Where(m => m.Id == delivered.Id).ExecuteUpdateAsync(u => u.SetProperty(m => m.AcknowledgedAt, (DateTimeOffset?)null)));
        await WaitForAsync(() => OnCommuneAsync(db => db.HandoffMessages.AsNoTracking().Where(m => m.Id == delivered.Id && m.AcknowledgedAt != null).FirstOrDefaultAsync()));
        Assert.Equal(1, await OnOfficeAsync(db => db.InboundHandoffs.CountAsync(h => h.DossierCode == code)));
        Assert.Equal(1, await OnOfficeAsync(db => db.Instances.CountAsync(i => i.BusinessKey == code)));
        Assert.Single(await OpenTasksAsync(office, code));
        Assert.Equal(3, await OnCommuneAsync(db => db.HandoffMessageAttempts.CountAsync(a => a.MessageId == delivered.Id)));
    }

    [Fact]
    public async Task Withdraw_WhileTheOfficeOnAnotherInstallationHoldsIt_SignedCancelCancelsItsChild()
    {
        await StartBothAsync();
        var (reception, code) = await HandOffLandAsync();
        var office = await SignInAsync(_hosts.Office, "dangky.vpdkdd");
        await WaitForTaskAsync(office, code, "Task_KiemTraHoSo");

        await JsonAsync(await reception.PostAsJsonAsync($"/api/v1/dossiers/{code}/withdrawal", new { reason = "Người nộp xin rút hồ sơ để nộp lại sau." }), HttpStatusCode.OK);

        var inbound = await WaitForAsync(() => OnOfficeAsync(db => db.InboundHandoffs.AsNoTracking().Where(h => h.DossierCode == code && h.Status == "cancelled").FirstOrDefaultAsync()));
        var child = await OnOfficeAsync(db => db.Instances.AsNoTracking().SingleAsync(i => i.InstanceId == inbound.ChildInstanceId));
        Assert.Equal("cancelled", child.Status);
        Assert.Empty(await OpenTasksAsync(office, code));
        var admin = await SignInAsync(_hosts.Commune, "admin");
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
        await _hosts.StartCommuneAsync();
        await _hosts.StartOfficeAsync();
    }

    /// <summary>A land correction received at Phương Lâm on A, handed over and approved by the commune: on its way to the office.</summary>
    private async Task<(HttpClient Reception, string Code)> HandOffLandAsync()
    {
        _hosts.Clock.Now = new DateTimeOffset(2026, 12, 15, 8, 0, 0, Vietnam).ToUniversalTime();
        var reception = await SignInAsync(_hosts.Commune, "motcua.phuonglam");
        var received = await JsonAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", new Dictionary<string, object?>
        {
            ["procedureCode"] = "1.115320",
            ["applicant"] = new Dictionary<string, object?> { ["kind"] = "person", ["fullName"] = "Nguyễn Văn An", ["identityNumber"] = "052099012345", ["phone"] = "0912 345 678", ["address"] = "Thôn 1, xã Phương Lâm" },
            ["papers"] = new[] { new { id = "don-dang-ky-bien-dong", count = 1 }, new { id = "giay-to-sai-sot", count = 1 }, new { id = "giay-chung-nhan", count = 1 } },
            ["channel"] = "desk",
        }), HttpStatusCode.Created);
        var code = received.GetProperty("code").GetString()!;
        await JsonAsync(await reception.PostAsJsonAsync($"/api/v1/dossiers/{code}/handover", new { }), HttpStatusCode.OK);
        var commune = await SignInAsync(_hosts.Commune, "kinhte.phuonglam");
        await CompleteAsync(commune, await WaitForTaskAsync(commune, code, "Task_ThamTraXa"), "approve");
        return (reception, code);
    }

    private string InboundBody(string key, string code, string callbackUrl, string agency = "VPDKDD") => JsonSerializer.Serialize(
        new HandoffRequest(key, code, agency, "1.115320", "Task_ChuyenVanPhongDangKy", "XA-PHUONGLAM.KINHTE", "P5D", "Nguyễn Văn An", "desk", null, callbackUrl),
        JsonSerializerOptions.Web);

    /// <summary>A request signed as partner <paramref name="partner"/> would sign it (or with another key, time or path).</summary>
    private async Task<HttpResponseMessage> SignedAsync(Uri host, string path, string partner, string body, string? secret = null, DateTimeOffset? at = null, string? signedPath = null)
    {
        var url = new Uri(host, path);
        var timestamp = (at ?? _hosts.Clock.Now).ToUnixTimeSeconds();
        var signature = HandoffSignature.Hmac(secret ?? PartnerInstallations.Secret).Sign(HandoffSignature.Canonical("POST", signedPath ?? url.AbsolutePath, timestamp, HandoffSignature.Sha256(body)));
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(HandoffSignature.PartnerHeader, partner);
        request.Headers.Add(HandoffSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(HandoffSignature.SignatureHeader, signature);
        using var client = new HttpClient();
        return await client.SendAsync(request);
    }

    private Task<T> OnCommuneAsync<T>(Func<BpmDbContext, Task<T>> query) => OnAsync(_hosts.Commune, query);

    private Task<T> OnOfficeAsync<T>(Func<BpmDbContext, Task<T>> query) => OnAsync(_hosts.Office, query);

    private static async Task<T> OnAsync<T>(BpmServerFactory host, Func<BpmDbContext, Task<T>> query)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<BpmDbContext>());
    }

    private async Task<HttpClient> SignInAsync(BpmServerFactory host, string userName)
    {
        // Kestrel listens where the fixture told it to; the factory's own default address is not it.
        var address = host == _hosts.Commune ? _hosts.CommuneUrl : _hosts.OfficeUrl;
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
