using System.Globalization;

namespace Bpm.Engine;

/// <summary>One fee or charge of a fee step (<c>bpm:feeItems</c>), in Vietnamese đồng.</summary>
/// <param name="Code">The fee's code.</param>
/// <param name="Amount">The amount in VND.</param>
/// <param name="Name">Its name as printed on the receipt.</param>
public sealed record FeeItem(string Code, long Amount, string? Name)
{
    /// <summary>Parses <c>CODE:AMOUNT[:NAME];…</c>.</summary>
    public static bool TryParseList(string text, out IReadOnlyList<FeeItem> items, out string? error)
    {
        var list = new List<FeeItem>();
        items = list;
        error = null;
        foreach (var entry in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split(':', 3, StringSplitOptions.TrimEntries);
            if (parts.Length < 2 || parts[0].Length == 0
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
            {
                error = $"'{entry}' is not CODE:AMOUNT[:NAME] with a whole amount in VND";
                return false;
            }

            list.Add(new FeeItem(parts[0], amount, parts.Length == 3 ? parts[2] : null));
        }

        if (list.Count == 0)
        {
            error = "no fee items";
            return false;
        }

        return true;
    }
}
