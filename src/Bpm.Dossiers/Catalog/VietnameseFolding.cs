using System.Globalization;
using System.Text;

namespace Bpm.Dossiers.Catalog;

/// <summary>
/// Folds Vietnamese text for search: no tone marks or vowel diacritics (ă â ê ô ơ ư lose theirs),
/// <c>đ</c> as <c>d</c>, lower case, single spaces. Composed and decomposed input fold alike.
/// </summary>
public static class VietnameseFolding
{
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = folded.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                folded.Append(' ');
                pendingSpace = false;
            }

            folded.Append(Base(c));
        }

        return folded.ToString();
    }

    // Đ has no Unicode decomposition; the look-alike Ð (U+00D0, eth) turns up in text typed with the wrong keyboard.
    private static char Base(char c) => c switch
    {
        'Đ' or 'đ' or 'Ð' or 'ð' => 'd',
        _ => char.ToLowerInvariant(c),
    };
}
