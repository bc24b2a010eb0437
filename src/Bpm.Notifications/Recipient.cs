using System.Text.RegularExpressions;

namespace Bpm.Notifications;

/// <summary>
/// Who a notice goes to and how they want it. <c>Preferred</c> are the channels they chose (empty:
/// none at all). Without a preference (null) the applicant gets an SMS when
/// there is a phone and an e-mail when there is an address; Zalo only with their consent (it goes
/// to the phone number's Zalo account).
/// </summary>
public sealed partial record Recipient(string Name, string? Phone, string? Email, bool ZaloConsent = false, IReadOnlyList<ChannelKind>? Preferred = null)
{
    /// <summary>The phone as the gateways take it, <c>84…</c>, or null when it is not a Vietnamese mobile number.</summary>
    public string? MobileNumber => Phone is null ? null : MobileFormat(Phone);

    /// <summary>Vietnamese mobile numbers: 10 digits from 03, 05, 07, 08 or 09, written 0…, 84… or +84….</summary>
    internal static string? MobileFormat(string phone)
    {
        var digits = Separators().Replace(phone.Trim(), "");
        var national = digits.StartsWith("+84", StringComparison.Ordinal) ? "0" + digits[3..]
            : digits.StartsWith("84", StringComparison.Ordinal) && digits.Length == 11 ? "0" + digits[2..]
            : digits;
        return Mobile().IsMatch(national) ? "84" + national[1..] : null;
    }

    [GeneratedRegex(@"[\s.\-()]")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^0[35789]\d{8}$")]
    private static partial Regex Mobile();
}
