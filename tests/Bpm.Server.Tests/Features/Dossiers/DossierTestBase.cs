using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bpm.Server.Tests.Infrastructure;

namespace Bpm.Server.Tests.Features.Dossiers;

/// <summary>
/// What the dossier API tests share: the server's clock set to a working day of December 2026 (each
/// test its own, so its codes and due dates are known), the request bodies and the rows to read back.
/// </summary>
public abstract class DossierTestBase<TFixture>(TFixture fixture) : ServerTestBase<TFixture>(fixture)
    where TFixture : class, IDossierServerFixture
{
    protected const string Unit = "000.27.22.H10";

    protected static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    protected async Task<List<Bpm.Persistence.NotificationRecord>> NoticesAsync(string code)
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Bpm.Persistence.BpmDbContext>();
        return await db.Notifications.AsNoTracking().Where(n => n.DossierCode == code).OrderBy(n => n.Id).ToListAsync();
    }

    protected void ReceiveOn(int december, int hourInVietnam) =>
        Fixture.Clock.Now = new DateTimeOffset(2026, 12, december, hourInVietnam, 0, 0, Vietnam).ToUniversalTime();

    protected void Later(int hours) => Fixture.Clock.Now = Fixture.Clock.Now.AddHours(hours);

    protected static async Task<JsonElement> PostAsync(HttpClient client, string code, string step, object body) =>
        await JsonAsync(await client.PostAsJsonAsync($"/api/v1/dossiers/{code}/{step}", body), HttpStatusCode.OK);

    protected static Task<HttpResponseMessage> SendWithKeyAsync(HttpClient client, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/dossiers") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    protected static Dictionary<string, object?> BirthRegistrationBody(string fullName = "Nguyễn Văn An") => new()
    {
        ["procedureCode"] = "1.001193",
        ["applicant"] = new Dictionary<string, object?>
        {
            ["kind"] = "person",
            ["fullName"] = fullName,
            ["identityNumber"] = "052099012345",
            ["phone"] = "0912 345 678",
            ["email"] = "an.nguyen@example.vn",
            ["address"] = "Thôn 1, xã Phương Lâm",
        },
        ["papers"] = new[] { new Dictionary<string, object?> { ["id"] = "to-khai-khai-sinh", ["count"] = 1 }, new Dictionary<string, object?> { ["id"] = "giay-chung-sinh", ["count"] = 1 } },
        ["channel"] = "desk",
    };

    protected static Dictionary<string, object?> BadBody(string @case)
    {
        var body = BirthRegistrationBody();
        var applicant = (Dictionary<string, object?>)body["applicant"]!;
        switch (@case)
        {
            case "unknown-procedure": body["procedureCode"] = "9.999999"; break;
            case "missing-paper": body["papers"] = new[] { new { id = "giay-chung-sinh", count = 1 } }; break;
            case "malformed-identity": applicant["identityNumber"] = "05209901234X"; break;
            case "unknown-province": applicant["identityNumber"] = "003099012345"; break;
            case "implausible-birth-year": applicant["identityNumber"] = "052499012345"; break;
            case "bad-phone": applicant["phone"] = "0123"; break;
            case "not-handled-here": body["procedureCode"] = OtherProcedure; break;
            case "count-as-text": body["papers"] = new object[] { new { id = "to-khai-khai-sinh", count = "một" } }; break;
            case "name-as-number": applicant["fullName"] = 42; break;
            case "bad-channel": body["channel"] = "fax"; break;
            case "unknown-notice-channel": applicant["notifyBy"] = new[] { "sms", "fax" }; break;
            case "email-notices-without-address": applicant.Remove("email"); applicant["notifyBy"] = new[] { "email" }; break;
            case "notify-by-as-text": applicant["notifyBy"] = "sms"; break;
        }

        return body;
    }

    /// <summary>A catalogued commune procedure for which the catalogue lists no desk: received at XA-PHUONGLAM.MOTCUA, the competent agency must be named (docs/handoffs.md, routing).</summary>
    protected const string OtherProcedure = "1.000080";
}
