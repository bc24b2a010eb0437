using Bpm.Dossiers.Catalog;
using Bpm.Server.Features.Desk;
using Bunit;

namespace Bpm.Server.Tests.Features.Desk;

/// <summary>The reception's paper checklist: what must be handed in, what is only shown, what was ticked.</summary>
public sealed class PaperChecklistTests : BunitContext
{
    private static readonly Paper Declaration = NewPaper("to-khai", "Tờ khai", required: true);
    private static readonly Paper BirthCertificate = NewPaper("giay-chung-sinh", "Giấy chứng sinh", required: true, replaceable: true);
    private static readonly Paper Identity = NewPaper("giay-to-tuy-than", "Giấy tờ tùy thân", required: true, shown: true);
    private static readonly Paper Authorisation = NewPaper("van-ban-uy-quyen", "Văn bản ủy quyền", required: false);

    [Theory]
    [InlineData("to-khai", PaperChecklist.PaperKind.Required)]
    [InlineData("giay-chung-sinh", PaperChecklist.PaperKind.Replaceable)]
    [InlineData("giay-to-tuy-than", PaperChecklist.PaperKind.Shown)]
    [InlineData("van-ban-uy-quyen", PaperChecklist.PaperKind.Optional)]
    public void KindOf_CatalogueFlags_KindAsReceptionRulesReadThem(string id, PaperChecklist.PaperKind kind)
    {
        var paper = new[] { Declaration, BirthCertificate, Identity, Authorisation }.Single(p => p.Id == id);

        Assert.Equal(kind, PaperChecklist.KindOf(paper));
    }

    [Fact]
    public void Render_ShownPaper_NoCheckboxNorCount()
    {
        var checklist = Render<PaperChecklist>(p => p.Add(c => c.Papers, [Declaration, Identity]));

        var rows = checklist.FindAll("tbody tr");
        Assert.NotNull(rows[0].QuerySelector("input[type=checkbox][name='Input.Papers[0].Received']"));
        Assert.NotNull(rows[0].QuerySelector("input[type=number][name='Input.Papers[0].Count']"));
        Assert.Null(rows[1].QuerySelector("input[type=checkbox]"));
        Assert.Null(rows[1].QuerySelector("input[type=number]"));
        Assert.Contains("Xuất trình, không nộp", rows[1].TextContent);
    }

    [Fact]
    public void Render_TickedLinesAndAnError_KeptAndShownBesideThePaper()
    {
        var lines = new List<PaperChecklist.PaperLine> { new() { Id = "to-khai", Received = true, Count = "2" }, new() { Id = "giay-chung-sinh" } };

        var checklist = Render<PaperChecklist>(p => p
            .Add(c => c.Papers, [Declaration, BirthCertificate])
            .Add(c => c.Lines, lines)
            .Add(c => c.Errors, new Dictionary<string, string> { ["giay-chung-sinh"] = "Số lượng phải từ 1 đến 100." }));

        var rows = checklist.FindAll("tbody tr");
        Assert.True(rows[0].QuerySelector("input[type=checkbox]")!.HasAttribute("checked"));
        Assert.Equal("2", rows[0].QuerySelector("input[type=number]")!.GetAttribute("value"));
        Assert.False(rows[1].QuerySelector("input[type=checkbox]")!.HasAttribute("checked"));
        Assert.Equal("Số lượng phải từ 1 đến 100.", rows[1].QuerySelector(".validation-message")!.TextContent);
        Assert.Null(rows[0].QuerySelector(".validation-message"));
    }

    [Theory]
    [InlineData("3", 3)]
    [InlineData("abc", "abc")]
    [InlineData("", "")]
    [InlineData("-1", "-1")]
    public void CountValue_AsTyped_ANumberOrTheTextForReceptionToRefuse(string typed, object expected)
    {
        Assert.Equal(expected, new PaperChecklist.PaperLine { Count = typed }.CountValue);
    }

    [Fact]
    public void Render_FormsTheCatalogueAllows_OnlyThoseOfferedTheAskedOneChosen()
    {
        var checklist = Render<PaperChecklist>(p => p.Add(c => c.Papers, [
            Declaration,
            NewPaper("ban-sao", "Bản sao giấy tờ", required: true, form: PaperForm.Copy),
            NewPaper("chung-thuc", "Bản sao chứng thực", required: true, form: PaperForm.CertifiedCopy),
            NewPaper("tuy-chon", "Giấy tờ chính hoặc sao", required: true, form: PaperForm.OriginalOrCopy),
        ]));

        var rows = checklist.FindAll("tbody tr");
        Assert.Null(rows[0].QuerySelector("select"));
        Assert.Equal("original", rows[0].QuerySelector("input[type=hidden][name='Input.Papers[0].Form']")!.GetAttribute("value"));
        Assert.Equal(["original", "certifiedCopy", "copy"], Options(rows[1]));
        Assert.Equal("copy", Selected(rows[1]));
        Assert.Equal(["original", "certifiedCopy"], Options(rows[2]));
        Assert.Equal("certifiedCopy", Selected(rows[2]));
        Assert.Equal(["", "original", "certifiedCopy", "copy"], Options(rows[3]));
        Assert.Equal("", Selected(rows[3]));
        Assert.Equal("chưa ghi", rows[3].QuerySelector("option[selected]")!.TextContent);
    }

    [Fact]
    public void Render_FormAsPosted_KeptThroughAFailedPost()
    {
        var copy = NewPaper("ban-sao", "Bản sao giấy tờ", required: true, form: PaperForm.Copy);

        var checklist = Render<PaperChecklist>(p => p
            .Add(c => c.Papers, [copy])
            .Add(c => c.Lines, [new PaperChecklist.PaperLine { Id = "ban-sao", Received = true, Form = "original" }]));

        Assert.Equal("original", Selected(checklist.Find("tbody tr")));
    }

    [Fact]
    public void Render_WithUploadBase_ZoneBesideEachHandedPaperAndPendingScansInTheirRow()
    {
        var scan = new Bpm.Persistence.PendingScanRecord
        {
            FileId = "0190f0e0c0b0a0908070605040302010", Session = "s", UserName = "motcua", ProcedureCode = "1.001193", PaperId = "giay-chung-sinh",
            Sha256 = new string('a', 64), Size = 2048, ContentType = "image/png", FileName = "chung-sinh.png", StoredAt = DateTimeOffset.UnixEpoch, ExpiresAt = DateTimeOffset.UnixEpoch,
        };

        var checklist = Render<PaperChecklist>(p => p
            .Add(c => c.Papers, [Declaration, BirthCertificate, Identity])
            .Add(c => c.UploadBase, "/tiep-nhan/ban-chup/abc/1.001193")
            .Add(c => c.RemoveBase, "/tiep-nhan/ban-chup/abc")
            .Add(c => c.Scans, [scan]));

        var rows = checklist.FindAll("tbody tr");
        Assert.Equal("/js/scans.js", checklist.Find("table").GetAttribute("data-island"));
        Assert.Equal("/tiep-nhan/ban-chup/abc/1.001193/to-khai", rows[0].GetAttribute("data-upload"));
        Assert.Empty(rows[0].QuerySelectorAll(".bpm-scan-files li"));
        var listed = Assert.Single(rows[1].QuerySelectorAll(".bpm-scan-files li"));
        Assert.Equal(scan.FileId, listed.GetAttribute("data-file"));
        Assert.Contains("chung-sinh.png", listed.TextContent);
        Assert.Contains("2 KB", listed.TextContent);
        Assert.Null(rows[2].GetAttribute("data-upload"));
        Assert.Null(rows[2].QuerySelector("input[type=file]"));
    }

    [Fact]
    public void Render_WithoutUploadBase_NoScanColumnNorIsland()
    {
        var checklist = Render<PaperChecklist>(p => p.Add(c => c.Papers, [Declaration]));

        Assert.Null(checklist.Find("table").GetAttribute("data-island"));
        Assert.DoesNotContain("Bản chụp", checklist.Find("thead").TextContent);
        Assert.Null(checklist.Find("tbody tr").QuerySelector("input[type=file]"));
    }

    private static List<string?> Options(AngleSharp.Dom.IElement row) => [.. row.QuerySelectorAll("select option").Select(o => o.GetAttribute("value"))];

    private static string? Selected(AngleSharp.Dom.IElement row) => row.QuerySelector("select option[selected]")?.GetAttribute("value");

    private static Paper NewPaper(string id, string name, bool required, bool replaceable = false, bool shown = false, PaperForm form = PaperForm.Original) => new()
    {
        Id = id,
        Name = name,
        Form = form,
        Count = 1,
        Required = required,
        DigitisedResultReplaces = replaceable,
        PresentOnly = shown,
    };
}
