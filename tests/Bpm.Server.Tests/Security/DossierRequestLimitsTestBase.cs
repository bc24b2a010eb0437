using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bpm.Persistence;
using Bpm.Server.Tests.Features.Dossiers;
using Bpm.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Server.Tests.Security;

/// <summary>
/// The request limits reach every level of a body, not only its top-level fields: the reception
/// (read as raw JSON), the lists of a lifecycle step and the records inside them. Over a limit is a
/// 400 naming the field and nothing changes; a step never stores what only the server may write.
/// Receptions in May 2027.
/// </summary>
public abstract class DossierRequestLimitsTestBase<TFixture>(TFixture fixture) : ServerTestBase<TFixture>(fixture)
    where TFixture : class, IDossierServerFixture
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    private static readonly string Megabyte = new('A', 1_000_000);

    [SkippableTheory]
    [InlineData("applicant.organisationName")]
    [InlineData("papers[0].id")]
    [InlineData("extra.nested[0]")]
    public async Task Receive_TextOfAMegabyteAnywhereInTheBody_BadRequestNamingItAndNoDossier(string field)
    {
        SkipUnlessAvailable();
        ReceiveOn(11);
        var reception = await SignInAsync("motcua.phuonglam");
        var body = DossierBodies.BirthRegistration();
        switch (field)
        {
            case "applicant.organisationName":
                body["applicant"] = new { kind = "person", fullName = "Nguyễn Văn An", identityNumber = "052099012345", phone = "0912 345 678", organisationName = Megabyte };
                break;
            case "papers[0].id":
                body["papers"] = new[] { new { id = Megabyte, count = 1 } };
                break;
            default:
                body["extra"] = new { nested = new[] { Megabyte } };
                break;
        }

        var before = await DossierCountAsync();
        var problem = await ProblemAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", body), HttpStatusCode.BadRequest);

        // The text limit's own message, not a rule of the reception that read the megabyte and echoed it back.
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.ToString()[..Math.Min(2000, problem.ToString().Length)]);
        Assert.StartsWith("Tối đa 4000 ký tự", messages[0].GetString());
        Assert.Equal(before, await DossierCountAsync());
    }

    [SkippableFact]
    public async Task Refusal_AReasonOverTheTextLimit_BadRequestNamingItAndDossierStillReceived()
    {
        SkipUnlessAvailable();
        ReceiveOn(12);
        var reception = await SignInAsync("motcua.phuonglam");
        var code = await ReceiveAsync(reception);

        var problem = await ProblemAsync(await reception.PostAsJsonAsync($"/api/v1/dossiers/{code}/refusal", new { reasons = new[] { "Hồ sơ không thuộc thẩm quyền.", new string('x', 4001) } }), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("reasons[1]", out _), problem.ToString());
        Assert.Equal("received", await StatusAsync(reception, code));
    }

    [SkippableFact]
    public async Task Refusal_MoreReasonsThanTheListTakes_BadRequestNamingTheListAndDossierStillReceived()
    {
        SkipUnlessAvailable();
        ReceiveOn(12);
        var reception = await SignInAsync("motcua.phuonglam");
        var code = await ReceiveAsync(reception);
        var reasons = Enumerable.Range(1, 21).Select(i => $"Lý do {i}: {new string('x', 3900)}").ToArray();

        var problem = await ProblemAsync(await reception.PostAsJsonAsync($"/api/v1/dossiers/{code}/refusal", new { reasons }), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("reasons", out _), problem.ToString());
        Assert.Equal("received", await StatusAsync(reception, code));
    }

    [SkippableFact]
    public async Task SupplementRequest_APaperReasonOverItsLimit_BadRequestNamingItAndDossierStillReceived()
    {
        SkipUnlessAvailable();
        ReceiveOn(13);
        var reception = await SignInAsync("motcua.phuonglam");
        var code = await ReceiveAsync(reception);

        var problem = await ProblemAsync(await reception.PostAsJsonAsync($"/api/v1/dossiers/{code}/supplement-request", new
        {
            papers = new[] { new { id = "giay-chung-sinh", reason = Megabyte } },
            reason = "Bổ sung giấy chứng sinh.",
        }), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("papers[0].reason", out _), problem.ToString());
        Assert.Equal("received", await StatusAsync(reception, code));
    }

    [SkippableFact]
    public async Task Supplement_FileRecordsSentInTheBody_NotKeptInTheEvent()
    {
        SkipUnlessAvailable();
        ReceiveOn(14);
        var reception = await SignInAsync("motcua.phuonglam");
        var code = await ReceiveAsync(reception);
        var requested = await reception.PostAsJsonAsync($"/api/v1/dossiers/{code}/supplement-request", new { papers = new[] { new { id = "giay-chung-sinh", reason = "Bản chụp bị mờ." } } });
        Assert.Equal(HttpStatusCode.OK, requested.StatusCode);
        var forged = new { fileId = "01a231f256ce7581b51ff8c6aa679e25", sha256 = new string('0', 64), size = 1, contentType = "application/pdf", fileName = "gia.pdf", storedAt = "2027-05-14T02:00:00+00:00", storedBy = "ai-do" };

        var received = await JsonAsync(await reception.PostAsJsonAsync($"/api/v1/dossiers/{code}/supplement", new { papers = new[] { new { id = "giay-chung-sinh", count = 1, files = new[] { forged } } } }), HttpStatusCode.OK);

        Assert.Equal("received", received.GetProperty("status").GetString());
        var dossier = await JsonAsync(await reception.GetAsync($"/api/v1/dossiers/{code}"), HttpStatusCode.OK);
        var supplement = dossier.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "supplement-received");
        var paper = Assert.Single(supplement.GetProperty("payload").GetProperty("papers").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, paper.GetProperty("files").ValueKind);
    }

    private void ReceiveOn(int may) =>
        Fixture.Clock.Now = new DateTimeOffset(2027, 5, may, 9, 0, 0, Vietnam).ToUniversalTime();

    private async Task<int> DossierCountAsync()
    {
        using var scope = Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<BpmDbContext>().Dossiers.CountAsync();
    }

    private static async Task<string> ReceiveAsync(HttpClient reception) =>
        (await JsonAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", DossierBodies.BirthRegistration()), HttpStatusCode.Created)).GetProperty("code").GetString()!;

    private static async Task<string?> StatusAsync(HttpClient client, string code) =>
        (await JsonAsync(await client.GetAsync($"/api/v1/dossiers/{code}"), HttpStatusCode.OK)).GetProperty("status").GetString();
}

[Collection(SqliteDossierCollection.Name)]
public sealed class SqliteDossierRequestLimitsTests(SqliteDossierServerFixture fixture) : DossierRequestLimitsTestBase<SqliteDossierServerFixture>(fixture);

[Collection(PostgresDossierCollection.Name)]
public sealed class PostgreSqlDossierRequestLimitsTests(PostgresDossierServerFixture fixture) : DossierRequestLimitsTestBase<PostgresDossierServerFixture>(fixture);
