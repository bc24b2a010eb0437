using System.Globalization;
using System.Text;

namespace Bpm.Papers;

/// <summary>
/// Makes a declared file name safe to show and to offer as a download name. The store never builds
/// a path from it; the rules protect the people who later download the paper and the messages that
/// quote it. Names no honest client sends (NUL, "..", over 255 characters, nothing usable) are refused
/// rather than repaired, because a repaired one could name a different file than the user meant.
/// </summary>
internal static class PaperFileName
{
    public const int MaxLength = 255;

    private static readonly HashSet<string> ReservedDeviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    /// <summary>The sanitised name, or a refusal.</summary>
    public static (string? Name, PaperRefusal? Refusal) Sanitise(string? declared)
    {
        if (string.IsNullOrWhiteSpace(declared))
        {
            return Refuse(declared, "thiếu tên tệp");
        }

        if (declared.Contains('\0'))
        {
            return Refuse(declared, "tên tệp chứa ký tự NUL, không rõ phần mở rộng thật");
        }

        if (declared.Length > MaxLength)
        {
            return Refuse(declared, $"tên tệp dài {declared.Length} ký tự, quá {MaxLength} ký tự");
        }

        var segments = declared.Split('/', '\\');
        if (segments.Any(s => s.Trim() == ".."))
        {
            return Refuse(declared, "tên tệp chứa đường dẫn lên thư mục cha (\"..\")");
        }

        // Browsers may send "C:\fakepath\scan.pdf"; the last segment is the file's name.
        var name = new StringBuilder();
        foreach (var c in segments[^1].Normalize(NormalizationForm.FormC))
        {
            var category = char.GetUnicodeCategory(c);
            if (category == UnicodeCategory.Format)
            {
                continue; // bidi overrides and zero-width marks disguise "hoso‮fdp.exe" as "hosoexe.pdf"
            }

            name.Append(char.IsControl(c) || c is '<' or '>' or ':' or '"' or '|' or '?' or '*' ? '_' : c);
        }

        var safe = name.ToString().Trim().TrimStart('.').TrimEnd('.', ' ');
        if (safe.Length == 0)
        {
            return Refuse(declared, "tên tệp không còn ký tự dùng được");
        }

        var stem = safe.Split('.', 2)[0].TrimEnd();
        return (ReservedDeviceNames.Contains(stem) ? "_" + safe : safe, null);
    }

    private static (string?, PaperRefusal?) Refuse(string? declared, string reason) =>
        (null, PaperRefusal.For(PaperRefusalCodes.NameInvalid, declared, reason));
}
