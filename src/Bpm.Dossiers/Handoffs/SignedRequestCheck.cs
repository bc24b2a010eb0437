using System.Globalization;

namespace Bpm.Dossiers.Handoffs;

/// <summary>
/// Whether a request from a partner installation is what it says: a known partner, a timestamp
/// within the window, a key of that partner valid now (the one <see cref="HandoffSignature.KeyIdHeader"/>
/// names, or any valid one when it names none) and a signature with it over this very method,
/// path, time and body. A refusal says which of them failed (in Vietnamese: it is the answer the
/// partner's operators read).
/// </summary>
public sealed record SignedRequestCheck(HandoffPartner? Partner, string? Refusal)
{
    public static SignedRequestCheck Of(
        HandoffPartners partners, string? partnerId, string method, string path, string? timestamp, string? signature, string body, DateTimeOffset now, string? keyId = null) =>
        OfHashed(partners, partnerId, method, path, timestamp, signature, HandoffSignature.Sha256(body), now, keyId);

    /// <param name="bodySha256">The lowercase hex SHA-256 of the body as received (a file's bytes, say).</param>
    public static SignedRequestCheck OfHashed(
        HandoffPartners partners, string? partnerId, string method, string path, string? timestamp, string? signature, string bodySha256, DateTimeOffset now, string? keyId = null)
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

        IEnumerable<HandoffKey> candidates;
        if (string.IsNullOrWhiteSpace(keyId))
        {
            candidates = partner.VerifyKeys.Where(k => k.ValidAt(now));
        }
        else if (partner.VerifyKeys.FirstOrDefault(k => k.Id == keyId.Trim()) is not { } named)
        {
            return Refused($"Khóa '{keyId}' ({HandoffSignature.KeyIdHeader}) không phải khóa đã cấu hình của đối tác '{partnerId}' ({HandoffOptions.Section}:Partners:…:Keys).");
        }
        else if (!named.ValidAt(now))
        {
            return Refused(named.NotAfter is { } until && now >= until
                ? $"Khóa '{named.Id}' của đối tác '{partnerId}' đã hết hiệu lực lúc {until.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC."
                : $"Khóa '{named.Id}' của đối tác '{partnerId}' chưa có hiệu lực (từ {named.NotBefore!.Value.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC).");
        }
        else
        {
            candidates = [named];
        }

        var canonical = HandoffSignature.Canonical(method, path, seconds, bodySha256);
        var keys = candidates.ToList();
        if (keys.Count == 0)
        {
            return Refused($"Đối tác '{partnerId}' không có khóa nào còn hiệu lực trên hệ thống này vào lúc {now.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC.");
        }

        return keys.Any(k => k.Signature.Verify(canonical, signature.Trim()))
            ? new SignedRequestCheck(partner, null)
            : Refused($"Chữ ký {keys[0].Signature.Scheme} của '{partnerId}' không khớp với phương thức, đường dẫn, thời điểm và nội dung yêu cầu.");
    }

    private static SignedRequestCheck Refused(string reason) => new(null, reason);
}
