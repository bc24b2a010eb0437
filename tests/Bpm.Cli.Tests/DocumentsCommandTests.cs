using System.Security.Cryptography.X509Certificates;
using System.Text;
using Bpm.Documents.Signing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bpm.Cli.Tests;

public sealed class DocumentsCommandTests : IDisposable
{
    private const string Unit = "000.27.22.H10";
    private readonly string _data = Directory.CreateTempSubdirectory("bpm-cli-documents-").FullName;
    private readonly string _file;
    private readonly string _signature;
    private readonly X509Certificate2 _certificate;

    public DocumentsCommandTests()
    {
        var certificates = new UnitCertificates(new SigningOptions { DataFolder = _data }, TimeProvider.System, NullLogger<UnitCertificates>.Instance);
        var content = Encoding.UTF8.GetBytes("<p>Giấy tiếp nhận hồ sơ và hẹn trả kết quả</p>");
        var (signature, _, certificate) = new DocumentSigner(certificates, TimeProvider.System).Sign(content, Unit, "UBND phường Phương Lâm");
        _certificate = certificate;
        _file = Write("mau-01.html", content);
        _signature = Write("mau-01.p7s", signature);
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public void Verify_WithServerDataFolder_PrintsValidAndExitsZero()
    {
        var (exit, output, _) = Bpm("documents", "verify", _file, "--signature", _signature, "--data", _data, "--unit", Unit);

        Assert.Equal(0, exit);
        Assert.StartsWith($"VALID: Hợp lệ: đúng văn bản do đơn vị {Unit} ký", output);
    }

    [Fact]
    public void Verify_WithUnitsPublicCertificate_ExitsZero()
    {
        var cer = Write("unit.cer", _certificate.Export(X509ContentType.Cert));

        Assert.Equal(0, Bpm("documents", "verify", _file, "--signature", _signature, "--certificate", cer).Exit);
    }

    [Fact]
    public void Verify_TamperedFile_PrintsReasonAndExitsOne()
    {
        var bytes = File.ReadAllBytes(_file);
        bytes[5] ^= 0x01;
        var tampered = Write("tampered.html", bytes);

        var (exit, output, _) = Bpm("documents", "verify", tampered, "--signature", _signature, "--data", _data);

        Assert.Equal(1, exit);
        Assert.StartsWith("INVALID: Tệp đã bị thay đổi sau khi ký", output);
    }

    [Fact]
    public void Verify_AnotherCertificate_ExitsOne()
    {
        var other = new UnitCertificates(new SigningOptions { DataFolder = Path.Combine(_data, "other") }, TimeProvider.System, NullLogger<UnitCertificates>.Instance).For(Unit, "Khác");
        var cer = Write("other.cer", other.Export(X509ContentType.Cert));

        var (exit, output, _) = Bpm("documents", "verify", _file, "--signature", _signature, "--certificate", cer);

        Assert.Equal(1, exit);
        Assert.Contains($"không phải chứng thư của đơn vị {Unit}", output);
    }

    [Fact]
    public void Verify_NoCertificateToCompareWith_IsUsageError()
    {
        var (exit, _, error) = Bpm("documents", "verify", _file, "--signature", _signature);

        Assert.Equal(2, exit);
        Assert.Contains("--certificate", error);
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_data, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static (int Exit, string Out, string Err) Bpm(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = Cli.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
