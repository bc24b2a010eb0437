using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bpm.Server.Tests.Features.Dossiers;
using Bpm.Server.Tests.Infrastructure;

namespace Bpm.Server.Tests.Features.Public;

/// <summary>
/// The citizens' look-up without signing in, through the API and the /tra-cuu page, on one
/// provider: what it answers, what it never answers, and the one answer for an unknown code and a
/// wrong factor. The tests receive in February 2027, days no other dossier suite uses.
/// </summary>
public abstract class PublicLookupTestBase<TFixture>(TFixture fixture) : ServerTestBase<TFixture>(fixture)
    where TFixture : class, IDossierServerFixture
{
    /// <summary>The last 4 digits of <see cref="DossierBodies.BirthRegistration"/>'s identity number (052099012345).</summary>
    private const string Last4 = "2345";

    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    [SkippableFact]
    public async Task LookUp_RightCodeAndLast4_StatusAppointmentAndStepAndNothingPrivate()
    {
        SkipUnlessAvailable();
        ReceiveOn(22, 9);
        var reception = await SignInAsync("motcua.phuonglam");
        var received = await JsonAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", DossierBodies.BirthRegistration()), HttpStatusCode.Created);
        var code = received.GetProperty("code").GetString()!;
        var handedOver = await JsonAsync(await reception.PostAsJsonAsync($"/api/v1/dossiers/{code}/handover", new { }), HttpStatusCode.OK);

        var response = await Anonymous().GetAsync($"/api/v1/public/dossiers/{code}?identityLast4={Last4}");

        var body = await response.Content.ReadAsStringAsync();
        var answer = await JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(
            ["code", "status", "statusLabel", "procedure", "receivedOn", "appointmentDate", "step", "newAppointmentDate", "closedOn"],
            answer.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(code, answer.GetProperty("code").GetString());
        Assert.Equal("processing", answer.GetProperty("status").GetString());
        Assert.Equal("Đang xử lý", answer.GetProperty("statusLabel").GetString());
        Assert.Equal("22/02/2027", answer.GetProperty("receivedOn").GetString());
        Assert.Equal(received.GetProperty("dueAt").GetDateTimeOffset().ToOffset(Vietnam).ToString("dd/MM/yyyy"), answer.GetProperty("appointmentDate").GetString());
        Assert.Equal(handedOver.GetProperty("holder").GetProperty("step").GetString(), answer.GetProperty("step").GetString());
        Assert.False(string.IsNullOrWhiteSpace(answer.GetProperty("step").GetString()));
        Assert.Contains("khai sinh", answer.GetProperty("procedure").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("newAppointmentDate").ValueKind);
        foreach (var secret in new[] { "Nguyễn Văn An", "052099012345", "0912", "Thôn 1", "motcua" })
        {
            Assert.DoesNotContain(secret, body, StringComparison.OrdinalIgnoreCase);
        }
    }

    [SkippableFact]
    public async Task LookUp_UnknownCodeOrWrongLast4_OneAndTheSameNotFound()
    {
        SkipUnlessAvailable();
        ReceiveOn(23, 9);
        var reception = await SignInAsync("motcua.phuonglam");
        var code = (await JsonAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", DossierBodies.BirthRegistration()), HttpStatusCode.Created)).GetProperty("code").GetString()!;
        var unknown = code[..^4] + (code[^4..] == "9999" ? "9998" : "9999");
        var anonymous = Anonymous();

        var wrong = await anonymous.GetAsync($"/api/v1/public/dossiers/{code}?identityLast4=2346");
        var none = await anonymous.GetAsync($"/api/v1/public/dossiers/{unknown}?identityLast4={Last4}");

        var wrongProblem = await ProblemAsync(wrong, HttpStatusCode.NotFound);
        var noneProblem = await ProblemAsync(none, HttpStatusCode.NotFound);
        Assert.Equal(noneProblem.GetProperty("title").GetString(), wrongProblem.GetProperty("title").GetString());
        Assert.Equal(noneProblem.GetProperty("detail").GetString()!.Replace(unknown, "CODE"), wrongProblem.GetProperty("detail").GetString()!.Replace(code, "CODE"));
        Assert.Contains("4 số cuối số định danh", wrongProblem.GetProperty("detail").GetString());
        Assert.DoesNotContain("Nguyễn", await wrong.Content.ReadAsStringAsync());
    }

    [SkippableTheory]
    [InlineData("")]
    [InlineData("12a4")]
    [InlineData("12345")]
    public async Task LookUp_Last4NotFourDigits_BadRequestNamingTheField(string last4)
    {
        SkipUnlessAvailable();

        var problem = await ProblemAsync(await Anonymous().GetAsync($"/api/v1/public/dossiers/000.27.22.H10-270222-0001?identityLast4={last4}"), HttpStatusCode.BadRequest);

        var message = Assert.Single(problem.GetProperty("errors").GetProperty("identityLast4").EnumerateArray()).GetString()!;
        Assert.Contains("4 số cuối số định danh cá nhân", message);
        if (last4.Length > 0)
        {
            Assert.Contains($"'{last4}'", message);
        }
    }

    [SkippableFact]
    public async Task Page_CodeFromTheReceiptQrAndLast4_ShowsStatusOrTheNotFoundText()
    {
        SkipUnlessAvailable();
        ReceiveOn(24, 9);
        var reception = await SignInAsync("motcua.phuonglam");
        var received = await JsonAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", DossierBodies.BirthRegistration()), HttpStatusCode.Created);
        var code = received.GetProperty("code").GetString()!;
        var citizen = Anonymous();

        var empty = WebUtility.HtmlDecode(await (await citizen.GetAsync($"/tra-cuu/{code}")).Content.ReadAsStringAsync());
        var found = await HtmlForms.SubmitAsync(citizen, $"/tra-cuu/{code}", "/tra-cuu", new Dictionary<string, string> { ["Input.Code"] = code, ["Input.IdentityLast4"] = Last4 });
        var wrong = await HtmlForms.SubmitAsync(citizen, "/tra-cuu", "/tra-cuu", new Dictionary<string, string> { ["Input.Code"] = code, ["Input.IdentityLast4"] = "0000" });

        Assert.Contains($"value=\"{code}\"", empty);
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var page = WebUtility.HtmlDecode(await found.Content.ReadAsStringAsync());
        Assert.Contains("Đã tiếp nhận", page);
        Assert.Contains(received.GetProperty("dueAt").GetDateTimeOffset().ToOffset(Vietnam).ToString("dd/MM/yyyy"), page);
        Assert.DoesNotContain("Nguyễn Văn An", page);
        Assert.DoesNotContain("052099012345", page);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains($"Không tìm thấy hồ sơ mã {code}", WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()));
    }

    private void ReceiveOn(int february, int hourInVietnam) =>
        Fixture.Clock.Now = new DateTimeOffset(2027, 2, february, hourInVietnam, 0, 0, Vietnam).ToUniversalTime();
}
