using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bpm.Server.Tests.Features.Dossiers;
using Bpm.Server.Tests.Infrastructure;
using static Bpm.Server.Tests.Features.Dossiers.PaperSamples;

namespace Bpm.Server.Tests.Features.Desk;

/// <summary>
/// Scans chosen at the desk before the dossier exists, and the form of each paper handed in, on one
/// provider: a pending scan is attached by the reception that names it, in its transaction; a
/// reception that fails leaves it pending; a hostile file is refused as on a dossier; an expired
/// one is swept with its file. Receptions in May 2027.
/// </summary>
public abstract class PendingScansTestBase<TFixture>(TFixture fixture) : ServerTestBase<TFixture>(fixture)
    where TFixture : class, IDossierServerFixture
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    [SkippableFact]
    public async Task Receive_NamingAPendingScan_AttachedToThePaperWithTheFormsAndNoLongerPending()
    {
        SkipUnlessAvailable();
        ReceiveOn(10);
        var reception = await SignInAsync("motcua.phuonglam");
        var session = NewSession();
        var png = Png();
        var scan = await JsonAsync(await reception.PostAsync($"/tiep-nhan/ban-chup/{session}/1.001193/giay-chung-sinh?fileName=chung-sinh.png", Raw(png, "image/png")), HttpStatusCode.Created);
        var fileId = scan.GetProperty("fileId").GetString()!;

        var body = Body([new { id = "to-khai-khai-sinh", count = 1, form = "original" }, new { id = "giay-chung-sinh", count = 1, scans = new[] { fileId } }]);
        var received = await JsonAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", body), HttpStatusCode.Created);
        var dossier = await JsonAsync(await reception.GetAsync($"/api/v1/dossiers/{received.GetProperty("code").GetString()}"), HttpStatusCode.OK);
        var again = await ProblemAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", body), HttpStatusCode.BadRequest);

        var papers = dossier.GetProperty("papers").EnumerateArray().ToList();
        Assert.Equal(["original", "original"], papers.Select(p => p.GetProperty("form").GetString()));
        Assert.Equal(JsonValueKind.Null, papers[0].GetProperty("files").ValueKind);
        var file = Assert.Single(papers[1].GetProperty("files").EnumerateArray());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(png)), file.GetProperty("sha256").GetString());
        Assert.Equal("motcua.phuonglam", file.GetProperty("storedBy").GetString());
        var download = await reception.GetAsync($"/api/v1/dossiers/{dossier.GetProperty("code").GetString()}/files/{fileId}");
        Assert.Equal(png, await download.Content.ReadAsByteArrayAsync());
        var journaled = dossier.GetProperty("events")[0].GetProperty("payload").GetProperty("papers");
        Assert.Equal("original", journaled[1].GetProperty("form").GetString());
        // Attached, it is the dossier's: another reception cannot take it.
        Assert.Contains(fileId, again.GetProperty("errors").GetProperty("papers[1].scans[0]")[0].GetString());
    }

    [SkippableFact]
    public async Task Receive_FailingWithAPendingScan_ScanStaysPendingAndTheCorrectedReceptionTakesIt()
    {
        SkipUnlessAvailable();
        ReceiveOn(11);
        var reception = await SignInAsync("motcua.phuonglam");
        var session = NewSession();
        var scan = await JsonAsync(await reception.PostAsync($"/tiep-nhan/ban-chup/{session}/1.001193/to-khai-khai-sinh?fileName=to-khai.pdf", Raw(Pdf(3000), "application/pdf")), HttpStatusCode.Created);
        var fileId = scan.GetProperty("fileId").GetString()!;
        var files = StoredFileCount(Factory.DataPath);
        var papers = new object[] { new { id = "to-khai-khai-sinh", count = 1, scans = new[] { fileId } }, new { id = "giay-chung-sinh", count = 1 } };
        var failing = Body(papers);
        failing["applicant"] = new { kind = "person", fullName = "", identityNumber = "052099012345" };

        var refused = await ProblemAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", failing), HttpStatusCode.BadRequest);
        var received = await JsonAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", Body(papers)), HttpStatusCode.Created);

        Assert.True(refused.GetProperty("errors").TryGetProperty("applicant.fullName", out _), refused.ToString());
        Assert.Equal(files, StoredFileCount(Factory.DataPath));
        var paper = received.GetProperty("papers")[0];
        Assert.Equal(fileId, Assert.Single(paper.GetProperty("files").EnumerateArray()).GetProperty("fileId").GetString());
    }

    [SkippableFact]
    public async Task Receive_FormThatIsNoneOrDoesNotServe_400NamingThePathNothingReceived()
    {
        SkipUnlessAvailable();
        ReceiveOn(12);
        var reception = await SignInAsync("motcua.phuonglam");
        var before = await DossierCountAsync(reception);

        var problem = await ProblemAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", Body([
            new { id = "to-khai-khai-sinh", count = 1, form = "copy" },
            new { id = "giay-chung-sinh", count = 1, form = "photo" },
        ])), HttpStatusCode.BadRequest);
        var typed = await ProblemAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", Body([new { id = "to-khai-khai-sinh", count = 1, form = (object)2 }, new { id = "giay-chung-sinh", count = 1, form = (object)"original" }])), HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.Contains("phải nộp bản chính; bản sao không thay được", errors.GetProperty("papers[0].form")[0].GetString());
        Assert.Contains("'photo'", errors.GetProperty("papers[1].form")[0].GetString());
        Assert.Contains("certifiedCopy", errors.GetProperty("papers[1].form")[0].GetString());
        Assert.Equal(["papers[0].form"], typed.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(before, await DossierCountAsync(reception));
    }

    [SkippableFact]
    public async Task Upload_HostileOrNotTheDeskOrNoSuchPaper_RefusedNamingWhyNothingKept()
    {
        SkipUnlessAvailable();
        var reception = await SignInAsync("motcua.phuonglam");
        var specialist = await SignInAsync("tuphap.phuonglam");
        var session = NewSession();
        var files = StoredFileCount(Factory.DataPath);
        var html = Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>");

        var hostile = await ProblemAsync(await reception.PostAsync($"/tiep-nhan/ban-chup/{session}/1.001193/giay-chung-sinh?fileName=giay.pdf", Raw(html, "application/pdf")), HttpStatusCode.UnsupportedMediaType);
        var tooLarge = await ProblemAsync(await reception.PostAsync($"/tiep-nhan/ban-chup/{session}/1.001193/giay-chung-sinh?fileName=giay.pdf", Raw(Pdf(20 * 1024 * 1024 + 1), "application/pdf")), HttpStatusCode.RequestEntityTooLarge);
        // Outside /api the policy's refusal is the sign-in cookie's: a redirect to the access-denied page.
        var notDesk = await specialist.PostAsync($"/tiep-nhan/ban-chup/{session}/1.001193/giay-chung-sinh?fileName=a.pdf", Raw(Pdf(2000), "application/pdf"));
        var shown = await ProblemAsync(await reception.PostAsync($"/tiep-nhan/ban-chup/{session}/1.001193/giay-to-tuy-than?fileName=a.pdf", Raw(Pdf(2000), "application/pdf")), HttpStatusCode.BadRequest);
        var badSession = await ProblemAsync(await reception.PostAsync("/tiep-nhan/ban-chup/..%2Fx/1.001193/giay-chung-sinh?fileName=a.pdf", Raw(Pdf(2000), "application/pdf")), HttpStatusCode.BadRequest);

        Assert.Equal("paper-type-mismatch", hostile.GetProperty("code").GetString());
        Assert.Equal("paper-too-large", tooLarge.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Redirect, notDesk.StatusCode);
        Assert.Contains("giay-to-tuy-than", shown.GetProperty("errors").GetProperty("paperId")[0].GetString());
        Assert.True(badSession.GetProperty("errors").TryGetProperty("session", out _), badSession.ToString());
        Assert.Equal(files, StoredFileCount(Factory.DataPath));
    }

    [SkippableFact]
    public async Task Upload_AfterTheLifetime_ExpiredScanSweptWithItsFileAndRefusedAtReception()
    {
        SkipUnlessAvailable();
        ReceiveOn(13);
        var reception = await SignInAsync("motcua.phuonglam");
        var session = NewSession();
        var old = (await JsonAsync(await reception.PostAsync($"/tiep-nhan/ban-chup/{session}/1.001193/giay-chung-sinh?fileName=cu.pdf", Raw(Pdf(2000), "application/pdf")), HttpStatusCode.Created)).GetProperty("fileId").GetString()!;
        var files = StoredFileCount(Factory.DataPath);

        Fixture.Clock.Now += Bpm.Server.Features.Desk.PendingScans.Lifetime;
        await JsonAsync(await reception.PostAsync($"/tiep-nhan/ban-chup/{NewSession()}/1.001193/giay-chung-sinh?fileName=moi.pdf", Raw(Pdf(2000), "application/pdf")), HttpStatusCode.Created);
        var refused = await ProblemAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", Body([new { id = "to-khai-khai-sinh", count = 1 }, new { id = "giay-chung-sinh", count = 1, scans = new[] { old } }])), HttpStatusCode.BadRequest);

        // One swept, one added.
        Assert.Equal(files, StoredFileCount(Factory.DataPath));
        Assert.Contains(old, refused.GetProperty("errors").GetProperty("papers[1].scans[0]")[0].GetString());
    }

    [SkippableFact]
    public async Task Remove_OwnPendingScan_GoneWithItsFileAnotherOfficersIsNotFound()
    {
        SkipUnlessAvailable();
        var reception = await SignInAsync("motcua.phuonglam");
        var session = NewSession();
        var fileId = (await JsonAsync(await reception.PostAsync($"/tiep-nhan/ban-chup/{session}/1.001193/giay-chung-sinh?fileName=nham.pdf", Raw(Pdf(2000), "application/pdf")), HttpStatusCode.Created)).GetProperty("fileId").GetString()!;
        var files = StoredFileCount(Factory.DataPath);

        var removed = await reception.DeleteAsync($"/tiep-nhan/ban-chup/{session}/{fileId}");
        var twice = await reception.DeleteAsync($"/tiep-nhan/ban-chup/{session}/{fileId}");

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, twice.StatusCode);
        Assert.Equal(files - 1, StoredFileCount(Factory.DataPath));
    }

    private void ReceiveOn(int may) =>
        Fixture.Clock.Now = new DateTimeOffset(2027, 5, may, 9, 0, 0, Vietnam).ToUniversalTime();

    private static string NewSession() => Guid.NewGuid().ToString("N");

    private static Dictionary<string, object?> Body(object[] papers)
    {
        var body = DossierBodies.BirthRegistration();
        body["papers"] = papers;
        return body;
    }

    private static async Task<int> DossierCountAsync(HttpClient client) =>
        (await JsonAsync(await client.GetAsync("/api/v1/dossiers?pageSize=1"), HttpStatusCode.OK)).GetProperty("total").GetInt32();
}

[Collection(SqliteDossierCollection.Name)]
public sealed class SqlitePendingScansTests(SqliteDossierServerFixture fixture) : PendingScansTestBase<SqliteDossierServerFixture>(fixture);

[Collection(PostgresDossierCollection.Name)]
public sealed class PostgreSqlPendingScansTests(PostgresDossierServerFixture fixture) : PendingScansTestBase<PostgresDossierServerFixture>(fixture);
