using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Bpm.Documents;
using Bpm.Documents.Signing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Bpm.Documents.Tests;

public sealed class SigningTests : IDisposable
{
    private const string Unit = "000.00.01.H08";
    private const string UnitName = "Trung tâm Phục vụ hành chính công tỉnh Gia Lai";
    private static readonly byte[] Content = Encoding.UTF8.GetBytes("<p>Giấy tiếp nhận hồ sơ 000.00.01.H08-260305-0001</p>");
    private readonly string _data = Directory.CreateTempSubdirectory("bpm-signing-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 5, 1, 0, 0, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public void Verify_SignedBytes_IsValidNamingUnitSignerAndTime()
    {
        var certificates = Certificates();
        var (signature, _, _) = new DocumentSigner(certificates, _time).Sign(Content, Unit, UnitName);

        var result = new DocumentVerifier(certificates).Verify(Content, signature, Unit);

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(Unit, result.UnitCode);
        Assert.Contains("CN=" + UnitName, result.Signer);
        Assert.Equal(new DateTimeOffset(2026, 3, 5, 8, 0, 0, TimeSpan.FromHours(7)), result.SignedAt);
        Assert.True(result.DevelopmentCertificate);
        Assert.Contains("08:00 ngày 05/03/2026 (giờ Việt Nam)", result.Reason);
        Assert.Contains("chứng thư phát triển", result.Reason);
    }

    [Fact]
    public void Verify_OneByteChanged_IsInvalidNamingBothHashes()
    {
        var certificates = Certificates();
        var (signature, _, _) = new DocumentSigner(certificates, _time).Sign(Content, Unit, UnitName);
        var tampered = (byte[])Content.Clone();
        tampered[10] ^= 0x01;

        var result = new DocumentVerifier(certificates).Verify(tampered, signature);

        Assert.False(result.IsValid);
        Assert.StartsWith("Tệp đã bị thay đổi sau khi ký", result.Reason);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(tampered)), result.Reason);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(Content)), result.Reason);
    }

    [Fact]
    public void Verify_SignedWithAnotherUnitsCertificate_IsInvalid()
    {
        var certificates = Certificates();
        // Unit B's key signs a signature that claims to be unit A's: the verifier must compare with A's certificate.
        var impostor = new UnitCertificates(new SigningOptions { DataFolder = Path.Combine(_data, "elsewhere") }, _time, new CapturingLogger<UnitCertificates>());
        var (signature, _, _) = new DocumentSigner(impostor, _time).Sign(Content, Unit, UnitName);
        certificates.For(Unit, UnitName);

        var result = new DocumentVerifier(certificates).Verify(Content, signature);

        Assert.False(result.IsValid);
        Assert.Contains($"không phải chứng thư của đơn vị {Unit}", result.Reason);
    }

    [Fact]
    public void Verify_ExpectingAnotherUnit_IsInvalid()
    {
        var certificates = Certificates();
        var (signature, _, _) = new DocumentSigner(certificates, _time).Sign(Content, Unit, UnitName);

        var result = new DocumentVerifier(certificates).Verify(Content, signature, "000.00.02.H08");

        Assert.False(result.IsValid);
        Assert.Equal($"Văn bản được ký cho đơn vị {Unit}, không phải đơn vị 000.00.02.H08.", result.Reason);
    }

    [Fact]
    public void Verify_UnitUnknownHere_IsInvalid()
    {
        var (signature, _, _) = new DocumentSigner(Certificates(), _time).Sign(Content, Unit, UnitName);

        var result = new DocumentVerifier(_ => null).Verify(Content, signature);

        Assert.False(result.IsValid);
        Assert.Contains($"Không có chứng thư số nào của đơn vị {Unit}", result.Reason);
    }

    [Fact]
    public void Verify_NotASignature_IsInvalidSayingSo()
    {
        var result = new DocumentVerifier(Certificates()).Verify(Content, Encoding.UTF8.GetBytes("not a signature"));

        Assert.False(result.IsValid);
        Assert.StartsWith("Tệp chữ ký không đọc được", result.Reason);
    }

    [Fact]
    public void For_DevelopmentCertificate_IsCreatedOnceAndReusedAfterRestart()
    {
        var firstLog = new CapturingLogger<UnitCertificates>();
        var first = Certificates(firstLog).For(Unit, UnitName);
        var secondLog = new CapturingLogger<UnitCertificates>();
        _time.Advance(TimeSpan.FromDays(1));

        var second = Certificates(secondLog).For(Unit, UnitName);

        Assert.Equal(first.Thumbprint, second.Thumbprint);
        Assert.True(second.HasPrivateKey);
        Assert.Contains(UnitCertificates.DevelopmentMarker, second.Subject);
        Assert.Single(Directory.GetFiles(Path.Combine(_data, "signing")));
        Assert.Contains(firstLog.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("created a DEVELOPMENT certificate", StringComparison.Ordinal));
        Assert.DoesNotContain(secondLog.Entries, e => e.Message.Contains("created", StringComparison.Ordinal));
        Assert.Contains(secondLog.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("DEVELOPMENT", StringComparison.Ordinal));
    }

    [Fact]
    public void For_ConfiguredPkcs12_SignsWithIt()
    {
        var path = WritePkcs12("CN=Sở Xây dựng tỉnh Gia Lai", "mật-khẩu");
        var options = new SigningOptions { DataFolder = _data, Units = { [Unit] = new() { CertificatePath = path, Password = "mật-khẩu" } } };
        var certificates = new UnitCertificates(options, _time, new CapturingLogger<UnitCertificates>());
        var (signature, _, used) = new DocumentSigner(certificates, _time).Sign(Content, Unit, UnitName);

        var result = new DocumentVerifier(certificates).Verify(Content, signature);

        Assert.Equal("CN=Sở Xây dựng tỉnh Gia Lai", used.Subject);
        Assert.True(result.IsValid, result.Reason);
        Assert.False(result.DevelopmentCertificate);
        Assert.False(Directory.Exists(Path.Combine(_data, "signing")));
    }

    [Fact]
    public void For_ConfiguredPkcs12WrongPassword_ThrowsNamingSetting()
    {
        var path = WritePkcs12("CN=Sở Xây dựng", "đúng");
        var options = new SigningOptions { DataFolder = _data, Units = { [Unit] = new() { CertificatePath = path, Password = "sai" } } };

        var ex = Assert.Throws<SigningException>(() => new UnitCertificates(options, _time, new CapturingLogger<UnitCertificates>()).For(Unit, UnitName));

        Assert.StartsWith($"Bpm:Signing:Units:{Unit}:", ex.Message);
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public async Task IssueAsync_ReceiptSlip_StoresSignedHtmlThatVerifiesById()
    {
        var certificates = Certificates();
        var store = new FileIssuedDocumentStore(Path.Combine(_data, "issued"));
        var issuer = new FormIssuer(new DocumentRenderer(Path.Combine(AppContext.BaseDirectory, "templates")), new DocumentSigner(certificates, _time), store);

        var issued = await issuer.IssueAsync("01", SampleModels.ReceiptSlip(), Unit);
        var stored = await store.FindAsync(issued.Id);
        var verifier = new DocumentVerifier(certificates);

        Assert.Contains("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", issued.Html);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(issued.Content)), issued.Sha256);
        Assert.Equal("000.00.01.H08-260305-0001", issued.DossierCode);
        Assert.NotNull(stored);
        Assert.Equal(issued.Content, stored.Content);
        Assert.True((await verifier.VerifyIssuedAsync(store, issued.Id, issued.Content)).IsValid);
        Assert.False((await verifier.VerifyIssuedAsync(store, issued.Id, [.. issued.Content, (byte)' '])).IsValid);
    }

    [Fact]
    public async Task FindLatestAsync_FormIssuedTwice_FindsTheSecondAndNothingForOtherForms()
    {
        var store = new FileIssuedDocumentStore(Path.Combine(_data, "issued"));
        var issuer = new FormIssuer(new DocumentRenderer(Path.Combine(AppContext.BaseDirectory, "templates")), new DocumentSigner(Certificates(), _time), store);
        await issuer.IssueAsync("01", SampleModels.ReceiptSlip(), Unit);
        _time.Advance(TimeSpan.FromMinutes(1));
        var second = await issuer.IssueAsync("01", SampleModels.ReceiptSlip("Trần Thị Bích"), Unit);

        var latest = await store.FindLatestAsync("000.00.01.H08-260305-0001", "01");

        Assert.Equal(second.Id, latest?.Id);
        Assert.Equal(second.Content, latest?.Content);
        Assert.Null(await store.FindLatestAsync("000.00.01.H08-260305-0001", "02"));
        Assert.Null(await store.FindLatestAsync("../000.00.01.H08-260305-0001", "01"));
    }

    [Fact]
    public async Task IssueAsync_ModelOfAnotherForm_ThrowsNamingBoth()
    {
        var issuer = new FormIssuer(new DocumentRenderer(Path.Combine(AppContext.BaseDirectory, "templates")), new DocumentSigner(Certificates(), _time), new FileIssuedDocumentStore(_data));

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => issuer.IssueAsync("05", SampleModels.ReceiptSlip(), Unit));

        Assert.StartsWith("form 05 takes a ControlSlip, not a ReceiptSlip", ex.Message);
    }

    private UnitCertificates Certificates(ILogger<UnitCertificates>? logger = null) =>
        new(new SigningOptions { DataFolder = _data }, _time, logger ?? new CapturingLogger<UnitCertificates>());

    private string WritePkcs12(string subject, string password)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(_time.GetUtcNow().AddDays(-1), _time.GetUtcNow().AddYears(1));
        var path = Path.Combine(_data, Guid.NewGuid().ToString("N") + ".p12");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return path;
    }
}
