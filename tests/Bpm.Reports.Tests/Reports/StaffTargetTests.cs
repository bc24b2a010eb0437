using Bpm.Organisation;

namespace Bpm.Reports.Tests.Reports;

/// <summary>Decision 468's targets per area class, the classes inherited down the organisation tree, and the per-staff table.</summary>
public sealed class StaffTargetTests
{
    private static readonly DateOnly Since = new(2019, 1, 1);

    private static readonly UnitAreaClasses Tree = new(
    [
        new OrganisationUnit { Code = "TINH", Name = "Tỉnh", Level = "province", ValidFrom = Since },
        new OrganisationUnit { Code = "XA-NUI", Name = "Xã miền núi", Level = "commune", ParentCode = "TINH", AreaClass = AreaClass.Remote, ValidFrom = Since },
        new OrganisationUnit { Code = "XA-NUI.MOTCUA", Name = "Bộ phận Một cửa", Level = "office", ParentCode = "XA-NUI", ValidFrom = Since },
        new OrganisationUnit { Code = "XA-NUI.DIEM-2", Name = "Điểm tiếp nhận ở thị trấn cũ", Level = "office", ParentCode = "XA-NUI", AreaClass = AreaClass.Rural, ValidFrom = Since },
        new OrganisationUnit { Code = "PHUONG-1.MOTCUA", Name = "Bộ phận Một cửa phường", Level = "office", ParentCode = "TINH", ValidFrom = Since },
    ]);

    [Theory]
    [InlineData(AreaClass.Urban, 403)]
    [InlineData(AreaClass.Rural, 302)]
    [InlineData(AreaClass.Remote, 202)]
    public void TargetFor_SpringOf2021_ProratesTheAreasYearlyTargetTo92Days(AreaClass area, int target)
    {
        // 1,600 / 1,200 / 800 × 92 ÷ 365 = 403.3 / 302.5 / 201.6.
        Assert.Equal(target, StaffOutput.TargetFor(new ReportPeriod(new DateOnly(2021, 3, 1), new DateOnly(2021, 5, 31)), area));
    }

    [Theory]
    [InlineData("XA-NUI.MOTCUA", AreaClass.Remote)]
    [InlineData("XA-NUI.DIEM-2", AreaClass.Rural)]
    [InlineData("PHUONG-1.MOTCUA", AreaClass.Urban)]
    [InlineData("KHONG-CO.MOTCUA", AreaClass.Urban)]
    public void Of_Unit_IsItsOwnClassElseTheNearestAncestorsElseUrban(string unit, AreaClass area)
    {
        Assert.Equal(area, Tree.Of(unit));
    }

    [Fact]
    public void Staff_Table_ShowsTheDeskItsAreaTheTargetAndTheShare()
    {
        var table = ReportTable.Staff(
        [
            new StaffOutputRow("motcua.01", 150, 100, 0, "XA-NUI.MOTCUA", AreaClass.Remote, 202),
            new StaffOutputRow("chuyenvien", 0, 0, 40),
        ]);

        Assert.Equal(["Cán bộ", "Bộ phận một cửa", "Vùng", "Tiếp nhận", "Trả kết quả", "Tiếp nhận và trả kết quả", "Mục tiêu của kỳ", "% mục tiêu", "Bước xử lý đã hoàn thành"], table.Headers);
        // 250 of 202: 123.76%; a specialist with no desk dossier has no target.
        Assert.Equal(["motcua.01", "XA-NUI.MOTCUA", "Vùng sâu, vùng xa", "150", "100", "250", "202", "123.76", "0"], table.Rows[0].Select(ReportTable.Text));
        Assert.Equal(["chuyenvien", "", "", "0", "0", "0", "", "", "40"], table.Rows[1].Select(ReportTable.Text));
    }
}
