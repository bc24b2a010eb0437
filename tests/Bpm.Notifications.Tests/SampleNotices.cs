using Bpm.Notifications;

namespace Bpm.Notifications.Tests;

/// <summary>The shipped sample notices (<see cref="NoticeSamples"/>) and an applicant to send them to.</summary>
internal static class SampleNotices
{
    public const string Agency = NoticeSamples.Agency;
    public const string Code = NoticeSamples.Code;
    public const string Procedure = NoticeSamples.Procedure;

    public static INotice For(NoticeKind kind) => NoticeSamples.For(kind);

    public static ReceiptNotice Receipt(DateTimeOffset? appointmentAt = default) => NoticeSamples.Receipt(appointmentAt);

    public static Recipient Applicant(string? phone = "0912 345 678", string? email = "an.nguyen@example.vn", bool zalo = false, IReadOnlyList<ChannelKind>? preferred = null) =>
        new("Nguyễn Văn An", phone, email, zalo, preferred);
}
