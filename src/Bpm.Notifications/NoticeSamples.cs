namespace Bpm.Notifications;

/// <summary>
/// A filled-in notice of each kind (a birth registration at Phương Lâm): a unit's edited notice
/// template is rendered against it before it is stored, as the forms are against
/// <c>TemplateSamples</c>, and the snapshot tests render the shipped templates with the same notices.
/// </summary>
public static class NoticeSamples
{
    public const string Agency = "Ủy ban nhân dân xã Phương Lâm";
    public const string Code = "000.00.12.H08-261201-0007";
    public const string Procedure = "Đăng ký khai sinh";

    public static INotice For(NoticeKind kind) => kind switch
    {
        NoticeKind.Receipt => Receipt(),
        NoticeKind.SupplementRequest => new SupplementNotice(Code, Agency, Procedure, ["Giấy chứng sinh (bản chính)", "Giấy tờ chứng minh nơi cư trú"], "Giấy chứng sinh nộp kèm là bản chụp", "https://dichvucong.example/tra-cuu"),
        NoticeKind.Apology => new ApologyNotice(Code, Agency, Procedure, new DateOnly(2026, 12, 3), new DateOnly(2026, 12, 8), "Phải xác minh thông tin cư trú với Công an xã"),
        NoticeKind.ResultReady => new ResultReadyNotice(Code, Agency, Procedure, ByPost: false, "Bộ phận Một cửa xã Phương Lâm, 12 Trần Phú"),
        NoticeKind.Refusal => new RefusalNotice(Code, Agency, Procedure, ["Trẻ đã được đăng ký khai sinh tại xã Phương Lâm ngày 02/11/2026"]),
        NoticeKind.PaymentDue => new PaymentDueNotice(Code, Agency, Procedure, "TT-" + Code + "-1", 8000m, new DateOnly(2026, 12, 4), "chuyển khoản qua Cổng Dịch vụ công quốc gia hoặc nộp tiền mặt tại Bộ phận Một cửa"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no sample"),
    };

    /// <summary>The sample notice of <paramref name="templateName"/>, one of <see cref="NoticeTemplates.All"/>; null for any other name.</summary>
    public static INotice? ForTemplate(string templateName) =>
        Enum.GetValues<NoticeKind>().Where(k => NoticeTemplates.Sms(k) == templateName || NoticeTemplates.Email(k) == templateName).Select(For).FirstOrDefault();

    /// <summary>Received 01/12/2026 09:30 in Vietnam (02:30 UTC), appointment 02/12/2026 09:30.</summary>
    public static ReceiptNotice Receipt(DateTimeOffset? appointmentAt = default) => new(
        Code, Agency, Procedure,
        new DateTimeOffset(2026, 12, 1, 2, 30, 0, TimeSpan.Zero),
        appointmentAt ?? new DateTimeOffset(2026, 12, 2, 2, 30, 0, TimeSpan.Zero),
        "https://dichvucong.example/tra-cuu");
}
