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

    private static Paper NewPaper(string id, string name, bool required, bool replaceable = false, bool shown = false) => new()
    {
        Id = id,
        Name = name,
        Form = PaperForm.Original,
        Count = 1,
        Required = required,
        DigitisedResultReplaces = replaceable,
        PresentOnly = shown,
    };
}
