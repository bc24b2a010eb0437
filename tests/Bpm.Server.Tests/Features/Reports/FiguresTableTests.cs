using Bpm.Reports;
using Bpm.Server.Features.Reports;
using Bunit;

namespace Bpm.Server.Tests.Features.Reports;

/// <summary>The dashboard's figures table: each non-zero count opens its dossiers, a zero is plain text, shares read the Vietnamese way.</summary>
public sealed class FiguresTableTests : BunitContext
{
    [Fact]
    public void Render_RowOfFigures_CountsLinkToTheirDrillDownAndZerosDoNot()
    {
        var figures = new OneStopFigures { Received = 3, Resolved = 2, Early = 1, OnTime = 0, Late = 1, InProgress = 1, OfferedOnline = 3, OnlineOfOffered = 1, Online = 1 };

        var table = Render<FiguresTable>(p => p
            .Add(t => t.Caption, "Theo cấp")
            .Add(t => t.KeyHeader, "Cấp")
            .Add(t => t.Rows, [("Cấp xã", "commune", figures)])
            .Add(t => t.Link, (key, figure) => $"/bao-cao/ho-so?cap={key}&chi-so={figure}"));

        var cells = table.FindAll("tbody td");
        Assert.Equal("Cấp xã", table.Find("tbody th").TextContent);
        Assert.Equal("/bao-cao/ho-so?cap=commune&chi-so=received", cells[0].QuerySelector("a")?.GetAttribute("href"));
        Assert.Equal("3 hồ sơ tiếp nhận — Cấp xã", cells[0].QuerySelector("a")?.GetAttribute("aria-label"));
        Assert.Equal("/bao-cao/ho-so?cap=commune&chi-so=late", cells[3].QuerySelector("a")?.GetAttribute("href"));
        Assert.Null(cells[5].QuerySelector("a")); // withdrawn: 0
        Assert.Equal("0", cells[5].TextContent.Trim());
        Assert.Equal("50", cells[8].TextContent.Trim()); // on time or early: 1 of 2
        Assert.Equal("33,33", cells[9].TextContent.Trim()); // online: 1 of 3 offered online
    }
}
