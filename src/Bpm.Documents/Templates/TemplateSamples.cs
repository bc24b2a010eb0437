namespace Bpm.Documents.Templates;

/// <summary>
/// A filled-in model for each shipped template: an edited template is rendered against it before it
/// is stored, so that a misspelt field fails when the agency saves, not when a form is issued.
/// The tests render the shipped templates with the same models.
/// </summary>
public static class TemplateSamples
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    /// <summary>The agency block every sample carries.</summary>
    public static readonly Agency Agency = new("UBND TỈNH BÌNH ĐỊNH", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", "Quy Nhơn");

    /// <summary>The sample model of <paramref name="templateName"/>, one of <see cref="TemplateNames.Shipped"/>.</summary>
    public static object For(string templateName) => templateName switch
    {
        DocumentTemplates.ReceiptSlip => ReceiptSlip(),
        DocumentTemplates.SupplementRequest => SupplementRequest(),
        DocumentTemplates.RefusalNotice => RefusalNotice(),
        DocumentTemplates.ApologyLetter => ApologyLetter(),
        DocumentTemplates.ControlSlip => ControlSlip(),
        DocumentTemplates.TrackingBook => TrackingBook(),
        _ => throw new ArgumentOutOfRangeException(nameof(templateName), templateName, "no sample model"),
    };

    /// <summary>Form 01 for <paramref name="applicant"/>.</summary>
    public static ReceiptSlip ReceiptSlip(string applicant = "Nguyễn Văn An") => new(
        Agency,
        "000.00.01.H08-260305-0001",
        applicant,
        "12 Trần Hưng Đạo, phường Quy Nhơn, tỉnh Gia Lai",
        "0905123456",
        "an.nguyen@example.vn",
        "Cấp giấy phép xây dựng nhà ở riêng lẻ",
        [new("Đơn đề nghị cấp giấy phép xây dựng", "Bản chính", 1), new("Giấy chứng nhận quyền sử dụng đất", "Bản sao", 1)],
        1,
        "15 ngày làm việc",
        new DateTimeOffset(2026, 3, 5, 8, 0, 0, Vietnam),
        new DateTimeOffset(2026, 3, 26, 14, 30, 0, Vietnam),
        "Bộ phận Một cửa (trực tiếp)",
        "Trần Thị Bình");

    /// <summary>Form 02.</summary>
    public static SupplementRequest SupplementRequest() => new(
        Agency,
        "000.00.01.H08-260305-0001",
        "Nguyễn Văn An",
        "Cấp giấy phép xây dựng nhà ở riêng lẻ",
        new DateTimeOffset(2026, 3, 5, 8, 0, 0, Vietnam),
        [new("Bản vẽ thiết kế xây dựng", "Thành phần bắt buộc theo quy định, chưa nộp")],
        new DateOnly(2026, 3, 20),
        "Trần Thị Bình",
        "02563822222",
        new DateOnly(2026, 3, 6));

    /// <summary>Form 03.</summary>
    public static RefusalNotice RefusalNotice() => new(
        Agency,
        "Nguyễn Văn An",
        "Cấp giấy phép xây dựng nhà ở riêng lẻ",
        ["Thửa đất thuộc khu vực đã có quyết định thu hồi đất."],
        "Trần Thị Bình",
        new DateOnly(2026, 3, 5))
    {
        DossierCode = "000.00.01.H08-260305-0002",
    };

    /// <summary>Form 04.</summary>
    public static ApologyLetter ApologyLetter() => new(
        Agency,
        "15/PXL-TTHCC",
        "Ông Nguyễn Văn An",
        new DateOnly(2026, 3, 5),
        "000.00.01.H08-260305-0001",
        "Cấp giấy phép xây dựng nhà ở riêng lẻ",
        new DateOnly(2026, 3, 26),
        "Cần lấy ý kiến cơ quan quản lý đê điều",
        new DateOnly(2026, 4, 2),
        "Lê Văn Cường",
        "GIÁM ĐỐC",
        new DateOnly(2026, 3, 25));

    /// <summary>Form 05, with three hand-overs, one late.</summary>
    public static ControlSlip ControlSlip() => new(
        Agency,
        "000.00.01.H08-260305-0001",
        "Sở Xây dựng",
        "Sở Tài nguyên và Môi trường",
        [
            Handover.Timed("Bộ phận Một cửa", "Phòng Quản lý xây dựng", "Trần Thị Bình", "Phạm Văn Dũng",
                At(3, 5, 10, 0), At(3, 5, 10, 15), At(3, 5, 16, 30)),
            Handover.Timed("Phòng Quản lý xây dựng", "Sở Tài nguyên và Môi trường", "Phạm Văn Dũng", "",
                At(3, 16, 15, 0), At(3, 17, 8, 0), At(3, 13, 16, 30), "Chờ ý kiến cơ quan quản lý đê điều"),
            Handover.Timed("Phòng Quản lý xây dựng", "Bộ phận Một cửa", "Phạm Văn Dũng", "Trần Thị Bình",
                At(3, 24, 16, 0), At(3, 25, 8, 0), At(3, 25, 16, 30), "Trả sớm 1 ngày"),
        ]);

    /// <summary>Form 06, two dossiers, one still open.</summary>
    public static TrackingBook TrackingBook() => new(
        Agency,
        "Bộ phận Tiếp nhận và Trả kết quả",
        new DateOnly(2026, 3, 1),
        new DateOnly(2026, 3, 31),
        [
            new("000.00.01.H08-260305-0001", "Cấp giấy phép xây dựng nhà ở riêng lẻ", 1, "Nguyễn Văn An",
                "12 Trần Hưng Đạo, phường Quy Nhơn, tỉnh Gia Lai; 0905123456", "Sở Xây dựng",
                At(3, 5, 8, 0), At(3, 26, 14, 30), At(3, 5, 10, 0), At(3, 25, 8, 0), At(3, 25, 9, 30), "Trước hạn"),
            new("000.00.01.H08-260306-0002", "Đăng ký thành lập hộ kinh doanh", 1, "Công ty TNHH Ánh Dương",
                "45 Lê Lợi, phường Quy Nhơn; 0256 3811 222", "Phòng Tài chính - Kế hoạch",
                At(3, 6, 9, 15), At(3, 11, 9, 15), At(3, 6, 10, 0), null, null, ""),
        ],
        new DateOnly(2026, 4, 1));

    private static DateTimeOffset At(int month, int day, int hour, int minute) => new(2026, month, day, hour, minute, 0, Vietnam);
}
