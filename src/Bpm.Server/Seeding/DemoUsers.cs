using Bpm.Organisation;

namespace Bpm.Server.Seeding;

/// <summary>Demo accounts, one or more per role, documented in docs/server.md. For demonstrations only.</summary>
internal static class DemoUsers
{
    /// <summary>The demo password of every demo account (meets the password policy).</summary>
    public const string Password = "BpmDemo2026";

    public sealed record DemoUser(string UserName, string DisplayName, string[] Roles, (string Unit, string Role)[] Memberships);

    public static IReadOnlyList<DemoUser> All { get; } =
    [
        new("admin", "Quản trị hệ thống", [BpmRoles.Admin], []),
        new("thietke", "Lê Thị Hoa (thiết kế quy trình)", [BpmRoles.Designer], []),
        new("kiemtra", "Phạm Văn Kiên (thanh tra, kiểm tra)", [BpmRoles.Auditor], []),

        new("motcua.phuonglam", "Nguyễn Thị Lan (Một cửa xã Phương Lâm)", [BpmRoles.Reception],
            [("XA-PHUONGLAM.MOTCUA", "reception"), ("XA-PHUONGLAM.MOTCUA", "accountant")]),
        new("motcua2.phuonglam", "Lý Thị Hương (Một cửa xã Phương Lâm)", [BpmRoles.Reception],
            [("XA-PHUONGLAM.MOTCUA", "reception")]),
        new("tuphap.phuonglam", "Trần Văn Minh (Tư pháp – Hộ tịch xã Phương Lâm)", [BpmRoles.Specialist],
            [("XA-PHUONGLAM.TUPHAP", "specialist")]),
        new("kinhte.phuonglam", "Đỗ Thị Thu (Kinh tế xã Phương Lâm)", [BpmRoles.Specialist],
            [("XA-PHUONGLAM.KINHTE", "specialist")]),
        new("lanhdao.phuonglam", "Hoàng Văn Hùng (Chủ tịch UBND xã Phương Lâm)", [BpmRoles.Leader],
            [("XA-PHUONGLAM.LANHDAO", "leader")]),

        new("motcua.hoabinh", "Đinh Thị Thảo (Một cửa xã Hòa Bình)", [BpmRoles.Reception],
            [("XA-HOABINH.MOTCUA", "reception")]),
        new("tuphap.hoabinh", "Vũ Thị Mai (Tư pháp – Hộ tịch xã Hòa Bình)", [BpmRoles.Specialist],
            [("XA-HOABINH.TUPHAP", "specialist")]),

        new("cutru.phuonglam", "Phan Văn Tài (đăng ký cư trú, Công an xã Phương Lâm)", [BpmRoles.Specialist],
            [("CA-PHUONGLAM.CUTRU", "specialist")]),
        new("truongcongan.phuonglam", "Lê Quang Vinh (Trưởng Công an xã Phương Lâm)", [BpmRoles.Leader],
            [("CA-PHUONGLAM.LANHDAO", "leader")]),
        new("the.bhxh", "Trịnh Thị Nga (thẻ BHYT, Bảo hiểm xã hội khu vực)", [BpmRoles.Specialist],
            [("BHXH-KV.THE", "specialist")]),
        new("dangky.vpdkdd", "Mai Văn Đức (Văn phòng Đăng ký đất đai tỉnh)", [BpmRoles.Specialist],
            [("VPDKDD.DANGKY", "specialist")]),
        new("lanhdao.vpdkdd", "Cao Thị Yến (Lãnh đạo Văn phòng Đăng ký đất đai)", [BpmRoles.Leader],
            [("VPDKDD.LANHDAO", "leader")]),

        new("quay.stc", "Bùi Văn Nam (Quầy Sở Tài chính, Trung tâm PVHCC)", [BpmRoles.Reception],
            [("TTPVHCC.QUAY-STC", "reception"), ("TTPVHCC.QUAY-STC", "accountant")]),
        new("dkkd.stc", "Ngô Thị Hằng (Phòng Đăng ký kinh doanh)", [BpmRoles.Specialist],
            [("STC.DKKD", "specialist"), ("STC.DKKD", "clerk")]),
        new("lanhdao.dkkd", "Đặng Quốc Bảo (Lãnh đạo Phòng Đăng ký kinh doanh)", [BpmRoles.Leader],
            [("STC.DKKD.LANHDAO", "leader")]),
    ];
}
