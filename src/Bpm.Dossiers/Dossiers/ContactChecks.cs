using System.Text.RegularExpressions;

namespace Bpm.Dossiers.Dossiers;

/// <summary>Phone numbers, e-mail addresses and tax codes an applicant gives at reception.</summary>
public static partial class ContactChecks
{
    /// <summary>The number with spaces, dots and dashes removed and +84/84 turned into 0.</summary>
    public static string NormalisePhone(string phone)
    {
        var digits = new string(phone.Where(c => c is not (' ' or '.' or '-')).ToArray());
        return digits.StartsWith("+84", StringComparison.Ordinal) ? "0" + digits[3..]
            : digits.StartsWith("84", StringComparison.Ordinal) && digits.Length == 11 ? "0" + digits[2..]
            : digits;
    }

    /// <summary>
    /// A Vietnamese mobile number (10 digits: 03, 05, 07, 08, 09) or landline (11 digits: 02 and the
    /// area code, since the 2017 renumbering); null when it is one.
    /// </summary>
    public static string? CheckPhone(string phone)
    {
        var normal = NormalisePhone(phone);
        return MobileOrLandline().IsMatch(normal)
            ? null
            : $"Số điện thoại '{phone}' không đúng định dạng Việt Nam (di động 10 số bắt đầu 03, 05, 07, 08, 09; cố định 11 số bắt đầu 02).";
    }

    /// <summary>Whether <paramref name="phone"/> is a Vietnamese mobile number, the only kind SMS and Zalo reach.</summary>
    public static bool IsMobile(string phone) => Mobile().IsMatch(NormalisePhone(phone));

    public static string? CheckEmail(string email) =>
        EmailShape().IsMatch(email) ? null : $"Địa chỉ thư điện tử '{email}' không hợp lệ.";

    /// <summary>A business tax code: 10 digits, or 10 digits, a dash and 3 for a branch.</summary>
    public static string? CheckTaxCode(string taxCode) =>
        TaxCodeShape().IsMatch(taxCode) ? null : $"Mã số thuế '{taxCode}' phải gồm 10 chữ số, hoặc 10 chữ số, dấu gạch và 3 chữ số (đơn vị phụ thuộc).";

    [GeneratedRegex(@"^(0[35789][0-9]{8}|02[0-9]{9})$")]
    private static partial Regex MobileOrLandline();

    [GeneratedRegex(@"^0[35789][0-9]{8}$")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailShape();

    [GeneratedRegex(@"^[0-9]{10}(-[0-9]{3})?$")]
    private static partial Regex TaxCodeShape();
}
