using Bpm.Organisation;

namespace Bpm.Server.Seeding;

/// <summary>
/// An illustrative province after 1 July 2025: departments, the provincial public administration
/// service centre, and communes valid today; the abolished district level kept as history (valid
/// until 30 June 2025). The codes are those the sample procedures use in <c>bpm:unit</c>.
/// </summary>
internal static class OrganisationSeed
{
    private static readonly DateOnly Since2019 = new(2019, 1, 1);
    private static readonly DateOnly TwoLevels = new(2025, 7, 1);
    private static readonly DateOnly DistrictsEnd = new(2025, 6, 30);

    public static IReadOnlyList<OrganisationUnit> Units { get; } =
    [
        Unit("TINH", "Ủy ban nhân dân tỉnh (dữ liệu minh hoạ)", "province", null, Since2019),

        Unit("TTPVHCC", "Trung tâm Phục vụ hành chính công tỉnh", "centre", "TINH", Since2019),
        Unit("TTPVHCC.QUAY-STC", "Quầy tiếp nhận và trả kết quả của Sở Tài chính", "office", "TTPVHCC", TwoLevels, identifier: "000.00.27.H10"),

        Unit("SXD", "Sở Xây dựng", "department", "TINH", Since2019),
        Unit("SXD.QLXD", "Phòng Quản lý xây dựng, Sở Xây dựng", "office", "SXD", Since2019),

        Unit("STC", "Sở Tài chính", "department", "TINH", Since2019),
        Unit("STC.DKKD", "Phòng Đăng ký kinh doanh, Sở Tài chính", "office", "STC", TwoLevels),
        Unit("STC.DKKD.LANHDAO", "Lãnh đạo Phòng Đăng ký kinh doanh", "office", "STC.DKKD", TwoLevels),

        // Agencies of the inter-connected procedures in workflows/handoffs (docs/handoffs.md).
        Unit("SNNMT", "Sở Nông nghiệp và Môi trường", "department", "TINH", TwoLevels),
        Unit("VPDKDD", "Văn phòng Đăng ký đất đai tỉnh", "department", "SNNMT", TwoLevels),
        Unit("VPDKDD.DANGKY", "Bộ phận Đăng ký, cấp Giấy chứng nhận, Văn phòng Đăng ký đất đai", "office", "VPDKDD", TwoLevels),
        Unit("VPDKDD.LANHDAO", "Lãnh đạo Văn phòng Đăng ký đất đai", "office", "VPDKDD", TwoLevels),
        Unit("CA-TINH", "Công an tỉnh", "department", "TINH", Since2019),
        Unit("CA-PHUONGLAM", "Công an xã Phương Lâm", "department", "CA-TINH", TwoLevels),
        Unit("CA-PHUONGLAM.CUTRU", "Tổ đăng ký, quản lý cư trú, Công an xã Phương Lâm", "office", "CA-PHUONGLAM", TwoLevels),
        Unit("CA-PHUONGLAM.LANHDAO", "Trưởng Công an xã Phương Lâm", "office", "CA-PHUONGLAM", TwoLevels),
        Unit("BHXH-KV", "Bảo hiểm xã hội khu vực (dữ liệu minh hoạ)", "department", "TINH", TwoLevels),
        Unit("BHXH-KV.THE", "Bộ phận quản lý thu, sổ, thẻ, Bảo hiểm xã hội khu vực", "office", "BHXH-KV", TwoLevels),

        Unit("XA-PHUONGLAM", "Ủy ban nhân dân xã Phương Lâm", "commune", "TINH", TwoLevels, area: AreaClass.Rural),
        Unit("XA-PHUONGLAM.MOTCUA", "Bộ phận Một cửa xã Phương Lâm", "office", "XA-PHUONGLAM", TwoLevels, identifier: "000.27.22.H10"),
        Unit("XA-PHUONGLAM.TUPHAP", "Công chức Tư pháp – Hộ tịch xã Phương Lâm", "office", "XA-PHUONGLAM", TwoLevels),
        Unit("XA-PHUONGLAM.KINHTE", "Phòng Kinh tế xã Phương Lâm", "office", "XA-PHUONGLAM", TwoLevels),
        Unit("XA-PHUONGLAM.LANHDAO", "Chủ tịch, Phó Chủ tịch UBND xã Phương Lâm", "office", "XA-PHUONGLAM", TwoLevels),

        Unit("XA-HOABINH", "Ủy ban nhân dân xã Hòa Bình", "commune", "TINH", TwoLevels, area: AreaClass.Remote),
        Unit("XA-HOABINH.MOTCUA", "Bộ phận Một cửa xã Hòa Bình", "office", "XA-HOABINH", TwoLevels, identifier: "000.27.23.H10"),
        Unit("XA-HOABINH.TUPHAP", "Công chức Tư pháp – Hộ tịch xã Hòa Bình", "office", "XA-HOABINH", TwoLevels),
        Unit("XA-HOABINH.LANHDAO", "Chủ tịch, Phó Chủ tịch UBND xã Hòa Bình", "office", "XA-HOABINH", TwoLevels),

        // The district level, abolished on 1 July 2025: kept so that dossiers and reports of
        // 2019–2025 still name the unit that handled them.
        Unit("HUYEN-PHUONGSON", "Ủy ban nhân dân huyện Phương Sơn", "district", "TINH", Since2019, DistrictsEnd, area: AreaClass.Rural),
        Unit("HUYEN-PHUONGSON.MOTCUA", "Bộ phận Một cửa huyện Phương Sơn", "office", "HUYEN-PHUONGSON", Since2019, DistrictsEnd),
        Unit("HUYEN-PHUONGSON.TNMT", "Phòng Tài nguyên và Môi trường huyện Phương Sơn", "office", "HUYEN-PHUONGSON", Since2019, DistrictsEnd),
        Unit("HUYEN-PHUONGSON.TUPHAP", "Phòng Tư pháp huyện Phương Sơn", "office", "HUYEN-PHUONGSON", Since2019, DistrictsEnd),
    ];

    /// <param name="identifier">Circular 10/2016/TT-BTTTT identifier of a receiving desk; illustrative, like the rest of the tree.</param>
    /// <param name="area">Decision 468's area class, inherited by the unit's desks and offices; illustrative: one rural and one remote commune, the rest urban.</param>
    private static OrganisationUnit Unit(string code, string name, string level, string? parent, DateOnly from, DateOnly? to = null, string? identifier = null, AreaClass? area = null) =>
        new() { Code = code, Name = name, Level = level, ParentCode = parent, ValidFrom = from, ValidTo = to, Identifier = identifier, AreaClass = area };
}
