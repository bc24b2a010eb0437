namespace Bpm.Notifications;

/// <summary>
/// The template files of each notice, <c>workflows/templates/thong-bao-*.scriban</c> beside the
/// forms (and overridable per unit like them). An SMS or Zalo message is one
/// <c>*.sms.txt.scriban</c> text; an e-mail is <c>*.email.txt.scriban</c>, whose first line is the
/// subject and the rest the body.
/// </summary>
public static class NoticeTemplates
{
    public static string Sms(NoticeKind kind) => $"{Stem(kind)}.sms.txt.scriban";

    public static string Email(NoticeKind kind) => $"{Stem(kind)}.email.txt.scriban";

    /// <summary>Every template file the notices need, for checks at start-up.</summary>
    public static IEnumerable<string> All() => Enum.GetValues<NoticeKind>().SelectMany(k => new[] { Sms(k), Email(k) });

    private static string Stem(NoticeKind kind) => kind switch
    {
        NoticeKind.Receipt => "thong-bao-tiep-nhan",
        NoticeKind.SupplementRequest => "thong-bao-bo-sung",
        NoticeKind.Apology => "thong-bao-xin-loi",
        NoticeKind.ResultReady => "thong-bao-co-ket-qua",
        NoticeKind.Refusal => "thong-bao-tu-choi",
        NoticeKind.PaymentDue => "thong-bao-nop-phi",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no template for this notice"),
    };
}
