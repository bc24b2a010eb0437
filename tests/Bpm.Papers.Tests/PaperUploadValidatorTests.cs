namespace Bpm.Papers.Tests;

public sealed class PaperUploadValidatorTests
{
    private readonly PaperUploadValidator _validator = new(new PaperOptions());

    [Fact]
    public void Defaults_AsDocumented()
    {
        var options = new PaperOptions();

        Assert.Equal(20 * 1024 * 1024, options.MaxFileBytes);
        Assert.Equal(50, options.MaxFilesPerDossier);
        Assert.Equal([PaperKind.Pdf, PaperKind.Jpeg, PaperKind.Png, PaperKind.Tiff], options.AllowedKinds());
        Assert.Equal("papers", options.Path);
    }

    [Theory]
    [InlineData("pdf,docx", "'docx'")]
    [InlineData("pdf,gif", "'gif'")]
    [InlineData(" , ", "empty")]
    public void Constructor_BadAllowedTypes_ThrowsNamingSetting(string allowed, string named)
    {
        var e = Assert.Throws<InvalidOperationException>(() => new PaperUploadValidator(new PaperOptions { AllowedTypes = allowed }));

        Assert.Contains("Bpm:Papers:AllowedTypes", e.Message);
        Assert.Contains(named, e.Message);
    }

    [Fact]
    public void Constructor_NonPositiveLimits_ThrowNamingSetting()
    {
        Assert.Contains("MaxFileBytes", Assert.Throws<InvalidOperationException>(() => new PaperUploadValidator(new PaperOptions { MaxFileBytes = 0 })).Message);
        Assert.Contains("MaxFilesPerDossier", Assert.Throws<InvalidOperationException>(() => new PaperUploadValidator(new PaperOptions { MaxFilesPerDossier = -1 })).Message);
    }

    [Fact]
    public void AllowedTypes_AnyCaseAndSpacing_Parsed()
    {
        Assert.Equal([PaperKind.Tiff, PaperKind.Pdf], new PaperOptions { AllowedTypes = " TIFF , pdf,tiff" }.AllowedKinds());
    }

    [Theory]
    [InlineData("a.pdf", "application/pdf", 1024L)]
    [InlineData("scan", null, null)]
    [InlineData("anh.JPG", "image/jpeg; charset=binary", 20L * 1024 * 1024)]
    [InlineData("la.bin", "application/x-unknown-to-bpm", 10L)]
    public void CheckDeclared_PlausibleUpload_NoRefusal(string name, string? type, long? length)
    {
        Assert.Null(_validator.CheckDeclared(name, type, length));
    }

    [Theory]
    [InlineData("a.pdf", null, 0L, PaperRefusalCodes.Empty)]
    [InlineData("a.pdf", null, 20L * 1024 * 1024 + 1, PaperRefusalCodes.TooLarge)]
    [InlineData("bao-cao.docx", null, 100L, PaperRefusalCodes.TypeNotAllowed)]
    [InlineData("scan", "application/x-msdownload", 100L, PaperRefusalCodes.TypeNotAllowed)]
    [InlineData("../a.pdf", null, 100L, PaperRefusalCodes.NameInvalid)]
    public void CheckDeclared_RefusableBeforeReading_Refused(string name, string? type, long? length, string code)
    {
        Assert.Equal(code, _validator.CheckDeclared(name, type, length)?.Code);
    }

    [Fact]
    public void CheckDeclared_OfficeDocument_MessageSaysItIsTheClaimNotTheContent()
    {
        var refusal = _validator.CheckDeclared("bao-cao.xlsx", null, 100);

        Assert.Equal(
            "Tệp \"bao-cao.xlsx\": tên hoặc loại khai báo cho biết đây là tệp nén ZIP hoặc tài liệu Office (DOCX, XLSX…), không thuộc các loại được nhận (PDF, JPEG, PNG, TIFF). (paper-type-not-allowed)",
            refusal!.Message);
    }

    [Fact]
    public void CheckCount_BelowLimit_NoRefusalAndAtLimit_Refused()
    {
        var validator = new PaperUploadValidator(new PaperOptions { MaxFilesPerDossier = 3 });

        Assert.Null(validator.CheckCount(2, "c.pdf"));
        var refusal = validator.CheckCount(3, "d.pdf");
        Assert.Equal(PaperRefusalCodes.TooMany, refusal!.Code);
        Assert.Equal("Tệp \"d.pdf\": hồ sơ đã có 3 tệp, mỗi hồ sơ nhận tối đa 3 tệp. (paper-too-many)", refusal.Message);
    }

    [Fact]
    public void ToFieldErrors_SeveralRefusals_GroupedByField()
    {
        var big = _validator.CheckDeclared("a.pdf", null, long.MaxValue)!;
        var empty = _validator.CheckDeclared("b.pdf", null, 0)!;
        var name = _validator.CheckDeclared("../c.pdf", null, 1)!;

        var errors = PaperRefusal.ToFieldErrors([("papers[0].file", big), ("papers[0].file", empty), ("papers[1].file", name)]);

        Assert.Equal([big.Message, empty.Message], errors["papers[0].file"]);
        Assert.Equal([name.Message], errors["papers[1].file"]);
        Assert.Equal([big.Message], big.ToFieldErrors("file")["file"]);
    }
}
