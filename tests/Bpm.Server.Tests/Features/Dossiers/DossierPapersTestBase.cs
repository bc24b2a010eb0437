using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bpm.Server.Tests.Infrastructure;
using static Bpm.Server.Tests.Features.Dossiers.PaperSamples;

namespace Bpm.Server.Tests.Features.Dossiers;

/// <summary>
/// A dossier's files through the API on one provider: a received paper's scan (raw body and
/// multipart) kept with its SHA-256 on the paper, a digitised result, downloads as uploaded, and
/// every hostile upload refused with its own status and nothing kept. Receptions in March 2027.
/// </summary>
public abstract class DossierPapersTestBase<TFixture>(TFixture fixture) : ServerTestBase<TFixture>(fixture)
    where TFixture : class, IDossierServerFixture
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    [SkippableFact]
    public async Task Upload_NineMegabytePdfAsRawBody_KeptWithSha256OnThePaperAndDownloadedAsUploaded()
    {
        SkipUnlessAvailable();
        ReceiveOn(1);
        var reception = await SignInAsync("motcua.phuonglam");
        var code = await ReceiveAsync(reception);
        // Above the server's 8 MiB default body limit: the upload endpoint has its own.
        var pdf = Pdf(9 * 1024 * 1024);

        var stored = await JsonAsync(await reception.PostAsync($"/api/v1/dossiers/{code}/papers/giay-chung-sinh?fileName=giay-chung-sinh.pdf", Raw(pdf, "application/pdf")), HttpStatusCode.Created);
        var dossier = await JsonAsync(await reception.GetAsync($"/api/v1/dossiers/{code}"), HttpStatusCode.OK);
        var download = await reception.GetAsync($"/api/v1/dossiers/{code}/files/{stored.GetProperty("fileId").GetString()}");

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf));
        Assert.Equal(sha256, stored.GetProperty("sha256").GetString());
        Assert.Equal(pdf.Length, stored.GetProperty("size").GetInt64());
        Assert.Equal("motcua.phuonglam", stored.GetProperty("storedBy").GetString());
        var paper = dossier.GetProperty("papers").EnumerateArray().Single(p => p.GetProperty("id").GetString() == "giay-chung-sinh");
        Assert.Equal(1, paper.GetProperty("count").GetInt32());
        Assert.Equal(sha256, Assert.Single(paper.GetProperty("files").EnumerateArray()).GetProperty("sha256").GetString());
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        // The server's policy with the file's own directive: a stored HTML or SVG opened in the browser runs nothing.
        Assert.Contains("sandbox", download.Headers.GetValues("Content-Security-Policy").Single().Split("; "));
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
    }

    [SkippableFact]
    public async Task Upload_MultipartPngScan_KeptUnderItsPaper()
    {
        SkipUnlessAvailable();
        ReceiveOn(2);
        var reception = await SignInAsync("motcua.phuonglam");
        var code = await ReceiveAsync(reception);
        var png = Png();
        using var form = new MultipartFormDataContent { { new ByteArrayContent(png) { Headers = { ContentType = new MediaTypeHeaderValue("image/png") } }, "file", "tờ khai.png" } };

        var stored = await JsonAsync(await reception.PostAsync($"/api/v1/dossiers/{code}/papers/to-khai-khai-sinh", form), HttpStatusCode.Created);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(png)), stored.GetProperty("sha256").GetString());
        Assert.Equal("image/png", stored.GetProperty("contentType").GetString());
        Assert.Equal("tờ khai.png", stored.GetProperty("fileName").GetString());
    }

    public static TheoryData<string, HttpStatusCode, string> HostileUploads() => new()
    {
        { "executable-named-pdf", HttpStatusCode.UnsupportedMediaType, "paper-type-mismatch" },
        { "html-named-pdf", HttpStatusCode.UnsupportedMediaType, "paper-type-mismatch" },
        { "gif", HttpStatusCode.UnsupportedMediaType, "paper-type-not-allowed" },
        { "path-in-name", HttpStatusCode.BadRequest, "paper-name-invalid" },
        { "empty", HttpStatusCode.BadRequest, "paper-empty" },
        { "over-the-limit", HttpStatusCode.RequestEntityTooLarge, "paper-too-large" },
    };

    [SkippableTheory]
    [MemberData(nameof(HostileUploads))]
    public async Task Upload_Hostile_RefusedWithItsStatusAndCodeNothingKept(string @case, HttpStatusCode status, string refusal)
    {
        SkipUnlessAvailable();
        ReceiveOn(3);
        var reception = await SignInAsync("motcua.phuonglam");
        var code = await ReceiveAsync(reception);
        var filesBefore = StoredFileCount();
        var (name, type, content) = @case switch
        {
            "executable-named-pdf" => ("giay-chung-sinh.pdf", "application/pdf", [(byte)'M', (byte)'Z', 0x90, 0, .. new byte[500]]),
            "html-named-pdf" => ("giay-chung-sinh.pdf", "application/pdf", Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>")),
            "gif" => ("anh.gif", "image/gif", [.. "GIF89a"u8, .. new byte[100]]),
            "path-in-name" => ("../../keys/giay-chung-sinh.pdf", "application/pdf", Pdf(2000)),
            "empty" => ("giay-chung-sinh.pdf", "application/pdf", []),
            _ => ("giay-chung-sinh.pdf", "application/pdf", Pdf(20 * 1024 * 1024 + 1)),
        };

        var problem = await ProblemAsync(await reception.PostAsync($"/api/v1/dossiers/{code}/papers/giay-chung-sinh?fileName={Uri.EscapeDataString(name)}", Raw(content, type)), status);

        Assert.Equal(refusal, problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("file", out _), problem.ToString());
        var dossier = await JsonAsync(await reception.GetAsync($"/api/v1/dossiers/{code}"), HttpStatusCode.OK);
        Assert.All(dossier.GetProperty("papers").EnumerateArray(), p => Assert.Equal(JsonValueKind.Null, p.GetProperty("files").ValueKind));
        Assert.Equal(filesBefore, StoredFileCount());
    }

    [SkippableFact]
    public async Task Upload_UnknownPaperClosedDossierOrNotTheDesk_RefusedNamingWhy()
    {
        SkipUnlessAvailable();
        ReceiveOn(4);
        var reception = await SignInAsync("motcua.phuonglam");
        var specialist = await SignInAsync("tuphap.phuonglam");
        var code = await ReceiveAsync(reception);
        await JsonAsync(await reception.PostAsJsonAsync($"/api/v1/dossiers/{code}/handover", new { }), HttpStatusCode.OK);

        var unknown = await ProblemAsync(await reception.PostAsync($"/api/v1/dossiers/{code}/papers/so-ho-khau?fileName=a.pdf", Raw(Pdf(2000), "application/pdf")), HttpStatusCode.BadRequest);
        var notDesk = await ProblemAsync(await specialist.PostAsync($"/api/v1/dossiers/{code}/papers/giay-chung-sinh?fileName=a.pdf", Raw(Pdf(2000), "application/pdf")), HttpStatusCode.Forbidden);
        await JsonAsync(await reception.PostAsJsonAsync($"/api/v1/dossiers/{code}/withdrawal", new { reason = "Người nộp xin rút." }), HttpStatusCode.OK);
        var closed = await ProblemAsync(await reception.PostAsync($"/api/v1/dossiers/{code}/papers/giay-chung-sinh?fileName=a.pdf", Raw(Pdf(2000), "application/pdf")), HttpStatusCode.Conflict);
        var noDossier = await ProblemAsync(await reception.PostAsync("/api/v1/dossiers/000.27.22.H10-270304-9999/papers/giay-chung-sinh?fileName=a.pdf", Raw(Pdf(2000), "application/pdf")), HttpStatusCode.NotFound);

        Assert.Contains("so-ho-khau", unknown.GetProperty("errors").GetProperty("paperId")[0].GetString());
        Assert.Contains("giay-chung-sinh", unknown.GetProperty("errors").GetProperty("paperId")[0].GetString());
        Assert.Contains("XA-PHUONGLAM.MOTCUA", notDesk.GetProperty("detail").GetString());
        Assert.Contains("đã đóng", closed.GetProperty("detail").GetString());
        Assert.Contains("000.27.22.H10-270304-9999", noDossier.GetProperty("detail").GetString());
    }

    [SkippableFact]
    public async Task UploadResult_DigitisedCopy_KeptAsEventAndOnlyThisDossiersStaffDownloadIt()
    {
        SkipUnlessAvailable();
        ReceiveOn(5);
        var reception = await SignInAsync("motcua.phuonglam");
        var specialist = await SignInAsync("tuphap.phuonglam");
        var outsider = await SignInAsync("tuphap.hoabinh");
        var code = await ReceiveAsync(reception);
        var other = await ReceiveAsync(reception);
        await JsonAsync(await reception.PostAsJsonAsync($"/api/v1/dossiers/{code}/handover", new { }), HttpStatusCode.OK);
        var pdf = Pdf(5000);

        var stored = await JsonAsync(await specialist.PostAsync($"/api/v1/dossiers/{code}/result-papers?name={Uri.EscapeDataString("Giấy khai sinh (bản điện tử)")}&fileName=giay-khai-sinh.pdf", Raw(pdf, "application/pdf")), HttpStatusCode.Created);
        var fileId = stored.GetProperty("file").GetProperty("fileId").GetString();
        var dossier = await JsonAsync(await reception.GetAsync($"/api/v1/dossiers/{code}"), HttpStatusCode.OK);
        var download = await reception.GetAsync($"/api/v1/dossiers/{code}/files/{fileId}");

        Assert.Equal("Giấy khai sinh (bản điện tử)", stored.GetProperty("name").GetString());
        var stor = dossier.GetProperty("events").EnumerateArray().Last();
        Assert.Equal("result-paper-stored", stor.GetProperty("type").GetString());
        Assert.Equal("processing", stor.GetProperty("status").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), stor.GetProperty("payload").GetProperty("file").GetProperty("sha256").GetString());
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        await ProblemAsync(await outsider.GetAsync($"/api/v1/dossiers/{code}/files/{fileId}"), HttpStatusCode.NotFound);
        await ProblemAsync(await reception.GetAsync($"/api/v1/dossiers/{other}/files/{fileId}"), HttpStatusCode.NotFound);
        await ProblemAsync(await reception.GetAsync($"/api/v1/dossiers/{code}/files/..%2F..%2Fkeys"), HttpStatusCode.NotFound);
    }

    private void ReceiveOn(int march) =>
        Fixture.Clock.Now = new DateTimeOffset(2027, 3, march, 9, 0, 0, Vietnam).ToUniversalTime();

    private int StoredFileCount() => PaperSamples.StoredFileCount(Factory.DataPath);

    private static async Task<string> ReceiveAsync(HttpClient reception) =>
        (await JsonAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", DossierBodies.BirthRegistration()), HttpStatusCode.Created)).GetProperty("code").GetString()!;
}

[Collection(SqliteDossierCollection.Name)]
public sealed class SqliteDossierPapersTests(SqliteDossierServerFixture fixture) : DossierPapersTestBase<SqliteDossierServerFixture>(fixture);

[Collection(PostgresDossierCollection.Name)]
public sealed class PostgreSqlDossierPapersTests(PostgresDossierServerFixture fixture) : DossierPapersTestBase<PostgresDossierServerFixture>(fixture);
