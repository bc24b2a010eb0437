using System.Globalization;
using System.Text;

namespace Bpm.Notifications;

/// <summary>Vietnamese text without its marks, case kept ("Đã tiếp nhận" → "Da tiep nhan"), for SMS contracts that take no diacritics.</summary>
public static class Unaccented
{
    public static string Of(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            // đ and Đ have no decomposition; Ð (eth) is their common look-alike.
            builder.Append(c switch { 'đ' => 'd', 'Đ' or 'Ð' => 'D', _ => c });
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
