using Bpm.Documents;
using Bpm.Documents.Templates;

namespace Bpm.Documents.Tests;

public sealed class TemplateSourceTests : IDisposable
{
    private const string Unit = "000.00.01.H08";
    private readonly string _shipped = Directory.CreateTempSubdirectory("bpm-shipped-").FullName;
    private readonly string _overrides = Directory.CreateTempSubdirectory("bpm-overrides-").FullName;

    public TemplateSourceTests() => File.WriteAllText(Path.Combine(_shipped, "t.txt.scriban"), "shipped {{ applicant }}");

    public void Dispose()
    {
        Directory.Delete(_shipped, recursive: true);
        Directory.Delete(_overrides, recursive: true);
    }

    [Fact]
    public void Get_UnitWithoutOverride_ReturnsShippedFile()
    {
        var source = new TemplateSource(_shipped, new InMemoryTemplateOverrides(), new FolderTemplateOverrides(_overrides));

        Assert.Equal("shipped {{ applicant }}", source.Get("t.txt.scriban", Unit).Text);
    }

    [Fact]
    public void Get_FolderOverrideOfUnit_WinsOverShipped()
    {
        WriteFolderOverride(Unit, "folder");
        var source = new TemplateSource(_shipped, new InMemoryTemplateOverrides(), new FolderTemplateOverrides(_overrides));

        var text = source.Get("t.txt.scriban", Unit);

        Assert.Equal("folder", text.Text);
        Assert.Equal(Path.Combine(_overrides, Unit, "t.txt.scriban"), text.Origin);
    }

    [Fact]
    public void Get_OverridesInBothStores_FirstStoreWins()
    {
        WriteFolderOverride(Unit, "folder");
        var memory = new InMemoryTemplateOverrides();
        memory.Set(Unit, "t.txt.scriban", "memory");
        var source = new TemplateSource(_shipped, memory, new FolderTemplateOverrides(_overrides));

        Assert.Equal("memory", source.Get("t.txt.scriban", Unit).Text);
    }

    [Fact]
    public void Get_OverrideOfAnotherUnit_IsNotUsed()
    {
        var memory = new InMemoryTemplateOverrides();
        memory.Set("OTHER", "t.txt.scriban", "other unit");
        WriteFolderOverride("OTHER", "other unit");
        var source = new TemplateSource(_shipped, memory, new FolderTemplateOverrides(_overrides));

        Assert.Equal("shipped {{ applicant }}", source.Get("t.txt.scriban", Unit).Text);
        Assert.Equal("shipped {{ applicant }}", source.Get("t.txt.scriban").Text);
    }

    [Fact]
    public void Get_UnitCodeClimbingOutOfOverridesFolder_FallsBackToShipped()
    {
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(_overrides)!, "t.txt.scriban"), "outside");
        try
        {
            var source = new TemplateSource(_shipped, new FolderTemplateOverrides(_overrides));

            Assert.Equal("shipped {{ applicant }}", source.Get("t.txt.scriban", "..").Text);
        }
        finally
        {
            File.Delete(Path.Combine(Path.GetDirectoryName(_overrides)!, "t.txt.scriban"));
        }
    }

    [Fact]
    public void Set_PathInsteadOfName_IsRefused()
    {
        var ex = Assert.Throws<DocumentException>(() => new InMemoryTemplateOverrides().Set(Unit, "../t.txt.scriban", "x"));

        Assert.Contains("plain template file name", ex.Reason);
    }

    [Fact]
    public void Render_UnitWithOverride_PrintsOverrideAndOtherUnitsShipped()
    {
        var memory = new InMemoryTemplateOverrides();
        memory.Set(Unit, DocumentTemplates.ReceiptSlip, "Hồ sơ {{ dossier_code }} — mẫu riêng của đơn vị");
        var renderer = new DocumentRenderer(new TemplateSource(Path.Combine(AppContext.BaseDirectory, "templates"), memory));

        Assert.Equal("Hồ sơ 000.00.01.H08-260305-0001 — mẫu riêng của đơn vị", renderer.Render(DocumentTemplates.ReceiptSlip, SampleModels.ReceiptSlip(), Unit));
        Assert.Contains("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", renderer.Render(DocumentTemplates.ReceiptSlip, SampleModels.ReceiptSlip(), "OTHER"));
    }

    private void WriteFolderOverride(string unit, string text)
    {
        Directory.CreateDirectory(Path.Combine(_overrides, unit));
        File.WriteAllText(Path.Combine(_overrides, unit, "t.txt.scriban"), text);
    }
}
