using System.Net;
using System.Net.Http.Json;
using Bpm.Documents;
using Bpm.Documents.Signing;
using Bpm.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Server.Tests.Features.Documents;

/// <summary>
/// The verification endpoint on the real server. It reads no database, so it runs once (on SQLite)
/// rather than per provider.
/// </summary>
[Collection(SqliteServerCollection.Name)]
public sealed class VerifyDocumentTests(SqliteServerFixture fixture) : ServerTestBase<SqliteServerFixture>(fixture)
{
    private const string Unit = "000.27.22.H10";

    [Fact]
    public async Task Verify_MultipartOfIssuedForm_IsValidNamingUnit()
    {
        var issued = await IssueAsync();

        var body = await JsonAsync(await Anonymous().PostAsync("/api/v1/documents/verify", Multipart(issued.Content, issued.Signature)), HttpStatusCode.OK);

        Assert.True(body.GetProperty("valid").GetBoolean(), body.GetProperty("reason").GetString());
        Assert.Equal(Unit, body.GetProperty("unitCode").GetString());
        Assert.Equal(issued.Sha256, body.GetProperty("sha256").GetString());
        Assert.True(body.GetProperty("developmentCertificate").GetBoolean());
    }

    [Fact]
    public async Task Verify_TamperedFile_IsInvalidWithReason()
    {
        var issued = await IssueAsync();
        var tampered = (byte[])issued.Content.Clone();
        tampered[^20] ^= 0x20;

        var body = await JsonAsync(await Anonymous().PostAsync("/api/v1/documents/verify", Multipart(tampered, issued.Signature)), HttpStatusCode.OK);

        Assert.False(body.GetProperty("valid").GetBoolean());
        Assert.StartsWith("Tệp đã bị thay đổi sau khi ký", body.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Verify_JsonBase64_IsValid()
    {
        var issued = await IssueAsync();

        var body = await JsonAsync(await Anonymous().PostAsJsonAsync("/api/v1/documents/verify", new
        {
            content = Convert.ToBase64String(issued.Content),
            signature = Convert.ToBase64String(issued.Signature),
            unitCode = Unit,
        }), HttpStatusCode.OK);

        Assert.True(body.GetProperty("valid").GetBoolean(), body.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Verify_JsonWithIssuedDocumentIdOnly_ChecksAgainstStoredSignature()
    {
        var issued = await IssueAsync();

        var body = await JsonAsync(await Anonymous().PostAsJsonAsync("/api/v1/documents/verify", new
        {
            content = Convert.ToBase64String([.. issued.Content, (byte)'\n']),
            documentId = issued.Id,
        }), HttpStatusCode.OK);

        Assert.False(body.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task Verify_NoSignatureNorId_Is400NamingField()
    {
        var problem = await ProblemAsync(await Anonymous().PostAsJsonAsync("/api/v1/documents/verify", new { content = Convert.ToBase64String([1, 2, 3]) }), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("signature", out _));
    }

    [Fact]
    public async Task Verify_BadBase64_Is400NamingField()
    {
        var problem = await ProblemAsync(await Anonymous().PostAsJsonAsync("/api/v1/documents/verify", new { content = "%%%", signature = "AA==" }), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("content", out _));
    }

    [Fact]
    public async Task Verify_FileOverLimit_Is413()
    {
        var big = new byte[Bpm.Server.Features.Documents.VerifyDocument.MaxFileBytes + 1];

        await ProblemAsync(await Anonymous().PostAsync("/api/v1/documents/verify", Multipart(big, [1])), HttpStatusCode.RequestEntityTooLarge);
    }

    private async Task<IssuedDocument> IssueAsync()
    {
        var issuer = Factory.Services.GetRequiredService<FormIssuer>();
        var agency = new Agency("UBND TỈNH GIA LAI", "UBND PHƯỜNG PHƯƠNG LÂM", "Phương Lâm");
        var vietnam = TimeSpan.FromHours(7);
        return await issuer.IssueAsync("01", new ReceiptSlip(agency, NewDossierCode(), "Nguyễn Văn An", "Phương Lâm", "0905123456", "",
            "Đăng ký khai sinh", [new("Tờ khai đăng ký khai sinh", "Bản chính", 1)], 1, "01 ngày làm việc",
            new DateTimeOffset(2026, 12, 1, 8, 0, 0, vietnam), new DateTimeOffset(2026, 12, 2, 8, 0, 0, vietnam), "Bộ phận Một cửa", "Trần Thị Bình"), Unit);
    }

    private static MultipartFormDataContent Multipart(byte[] file, byte[] signature) => new()
    {
        { new ByteArrayContent(file), "file", "mau-01.html" },
        { new ByteArrayContent(signature), "signature", "mau-01.p7s" },
    };
}
