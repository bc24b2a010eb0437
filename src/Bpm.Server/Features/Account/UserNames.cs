using System.Text;

namespace Bpm.Server.Features.Account;

/// <summary>
/// A typed user name that can be looked up at all. Identity normalises names with
/// <see cref="string.Normalize()"/>, which throws on lone surrogates and non-characters (U+FFFE);
/// such a name, or one with control characters, cannot belong to an account, so the sign-in answers
/// it as any unknown name instead of failing.
/// </summary>
public static class UserNames
{
    public static bool CanExist(string name)
    {
        for (var i = 0; i < name.Length;)
        {
            if (Rune.DecodeFromUtf16(name.AsSpan(i), out var rune, out var length) != System.Buffers.OperationStatus.Done
                || Rune.IsControl(rune)
                || IsNonCharacter(rune.Value))
            {
                return false;
            }

            i += length;
        }

        return true;
    }

    private static bool IsNonCharacter(int value) => value is >= 0xFDD0 and <= 0xFDEF || (value & 0xFFFE) == 0xFFFE;
}
