using Bpm.Documents;
using Bpm.Documents.Templates;
using Snapshooter;
using Snapshooter.Xunit;

namespace Bpm.Documents.Tests;

public sealed class DocumentRendererTests : IDisposable
{
    private static readonly string ShippedTemplates = Path.Combine(AppContext.BaseDirectory, "templates");
    private readonly string _scratch = Directory.CreateTempSubdirectory("bpm-documents-").FullName;
    private readonly DocumentRenderer _renderer = new(ShippedTemplates);

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    // Every name an agency may override: each must have a sample model and render with it.
    public static TheoryData<string> ShippedTemplateNames() => new(TemplateNames.Shipped);

    [Theory]
    [MemberData(nameof(ShippedTemplateNames))]
    public void Render_ShippedTemplateWithSampleModel_MatchesSnapshot(string templateName) =>
        Snapshot.Match(_renderer.Render(templateName, SampleModels.For(templateName)), new SnapshotNameExtension(templateName));

    [Fact]
    public void Render_ApologyLetter_ContainsOriginalAndNewDatesFormatted()
    {
        var html = _renderer.Render(DocumentTemplates.ApologyLetter, SampleModels.ApologyLetter());

        Assert.Contains("Thời hạn trả kết quả giải quyết hồ sơ: ngày 26 tháng 3 năm 2026", html);
        Assert.Contains("hẹn trả kết quả vào ngày 02 tháng 4 năm 2026", html);
        Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", html);
        Assert.Contains("Độc lập - Tự do - Hạnh phúc", html);
    }

    [Fact]
    public void Render_ApplicantNamedScript_IsHtmlEscaped()
    {
        var html = _renderer.Render(DocumentTemplates.ReceiptSlip, SampleModels.ReceiptSlip("<script>alert(1)</script>"));

        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
    }

    [Fact]
    public void RenderText_HtmlTemplateName_EscapesAsTheShippedFileWould()
    {
        var html = _renderer.RenderText(DocumentTemplates.ReceiptSlip, "<b>{{ applicant }}</b>", SampleModels.ReceiptSlip("A & B"));

        Assert.Equal("<b>A &amp; B</b>", html);
    }

    [Fact]
    public void RenderText_MisspelledVariable_ThrowsDocumentExceptionNamingTheTemplateAndPosition()
    {
        var ex = Assert.Throws<DocumentException>(() => _renderer.RenderText(DocumentTemplates.SupplementRequest, "<p>\n {{ deadlin }}</p>", SampleModels.SupplementRequest()));

        Assert.Equal(DocumentTemplates.SupplementRequest, ex.TemplateFile);
        Assert.Equal((2, 5), (ex.Line, ex.Column));
    }

    [Fact]
    public void Render_TextTemplate_IsNotEscaped()
    {
        var renderer = Scratch("t.txt.scriban", "{{ applicant }}");

        Assert.Equal("A & B <c>", renderer.Render("t.txt.scriban", SampleModels.ReceiptSlip("A & B <c>")));
    }

    [Fact]
    public void Render_SyntaxError_ThrowsDocumentExceptionWithFileAndLine()
    {
        var renderer = Scratch("broken.html.scriban", "<p>\n{{ for x in papers }}\n{{ x.name ");

        var ex = Assert.Throws<DocumentException>(() => renderer.Render("broken.html.scriban", SampleModels.ReceiptSlip()));

        Assert.Equal("broken.html.scriban", ex.TemplateFile);
        Assert.Equal(3, ex.Line);
        Assert.StartsWith("broken.html.scriban(3,", ex.Message);
    }

    [Fact]
    public void Render_MisspelledVariable_ThrowsDocumentExceptionWithPosition()
    {
        var renderer = Scratch("typo.html.scriban", "<p>\n  {{ aplicant }}</p>");

        var ex = Assert.Throws<DocumentException>(() => renderer.Render("typo.html.scriban", SampleModels.ReceiptSlip()));

        Assert.Equal((2, 6), (ex.Line, ex.Column));
        Assert.Contains("aplicant", ex.Message);
    }

    [Fact]
    public void Render_InfiniteLoop_IsStoppedByLoopLimit()
    {
        var renderer = Scratch("loop.txt.scriban", "{{ while true }}x{{ end }}");

        var ex = Assert.Throws<DocumentException>(() => renderer.Render("loop.txt.scriban", SampleModels.ReceiptSlip()));

        Assert.Equal(1, ex.Line);
        Assert.Contains("loop", ex.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Render_IncludeOfPasswd_IsRefused()
    {
        var renderer = Scratch("inc.html.scriban", "{{ include '../../etc/passwd' }}");

        var ex = Assert.Throws<DocumentException>(() => renderer.Render("inc.html.scriban", SampleModels.ReceiptSlip()));

        Assert.Equal(1, ex.Line);
        Assert.DoesNotContain("root:", ex.Message);
    }

    [Fact]
    public void Render_TemplateNameOutsideFolder_IsRefused()
    {
        var ex = Assert.Throws<DocumentException>(() => _renderer.Render("../../etc/passwd", SampleModels.ReceiptSlip()));

        Assert.Contains("inside the templates folder", ex.Reason);
    }

    [Fact]
    public void Render_OutputOverLimit_ThrowsDocumentException()
    {
        Directory.CreateDirectory(_scratch);
        File.WriteAllText(Path.Combine(_scratch, "big.txt.scriban"), "{{ for i in 1..900 }}0123456789{{ end }}");
        var renderer = new DocumentRenderer(_scratch, DocumentLimits.Default with { MaxOutputChars = 1_000 });

        var ex = Assert.Throws<DocumentException>(() => renderer.Render("big.txt.scriban", SampleModels.ReceiptSlip()));

        Assert.Contains("1000 characters", ex.Reason);
    }

    private DocumentRenderer Scratch(string name, string text)
    {
        File.WriteAllText(Path.Combine(_scratch, name), text);
        return new DocumentRenderer(_scratch);
    }
}
