using System.Globalization;

namespace Bpm.Dossiers.Handoffs;

/// <summary>
/// Whether a request from a partner installation is what it says: a known partner, a timestamp
/// within the window, and a signature over this very method, path, time and body. A refusal says
/// which of them failed (in Vietnamese: it is the answer the partner's operators read).
/// </summary>
public sealed record SignedRequestCheck(HandoffPartner? Partner, string? Refusal)
{
    public static SignedRequestCheck Of(
        HandoffPartners partners, string? partnerId, string method, string path, string? timestamp, string? signature, string body, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(partnerId) || string.IsNullOrWhiteSpace(timestamp) || string.IsNullOrWhiteSpace(signature))
        {
            return Refused($"Yêu cầu liên thông thiếu tiêu đề {HandoffSignature.PartnerHeader}, {HandoffSignature.TimestampHeader} hoặc {HandoffSignature.SignatureHeader}.");
        }

        if (partners.Find(partnerId) is not { } partner)
        {
            return Refused($"Bên gửi '{partnerId}' không phải đối tác liên thông của hệ thống này ({HandoffOptions.Section}:Partners).");
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return Refused($"{HandoffSignature.TimestampHeader} '{timestamp}' không phải số giây Unix.");
        }

        var skew = now - DateTimeOffset.FromUnixTimeSeconds(seconds);
        var window = partners.Options.TimestampWindow;
        if (skew.Duration() > window)
        {
            return Refused($"Yêu cầu ký lúc {DateTimeOffset.FromUnixTimeSeconds(seconds):yyyy-MM-dd HH:mm:ss} UTC, lệch {(long)skew.Duration().TotalSeconds} giây so với đồng hồ máy chủ; chỉ nhận yêu cầu lệch không quá {(long)window.TotalSeconds} giây.");
        }

        var canonical = HandoffSignature.Canonical(method, path, seconds, HandoffSignature.Sha256(body));
        return partner.Signature.Verify(canonical, signature.Trim())
            ? new SignedRequestCheck(partner, null)
            : Refused($"Chữ ký {partner.Signature.Scheme} của '{partnerId}' không khớp với phương thức, đường dẫn, thời điểm và nội dung yêu cầu.");
    }

    private static SignedRequestCheck Refused(string reason) => new(null, reason);
}
