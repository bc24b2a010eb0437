using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Bpm.Dossiers.Codes;

/// <summary>
/// A receiving agency's identifier in the national format of Circular 10/2016/TT-BTTTT, the first
/// part of a dossier code: <c>V1V2V3.Z1Z2.Y1Y2.MX1X2</c>, e.g. <c>000.00.12.H08</c> — three groups
/// of digits and a letter with two digits, as Circular 01/2018/TT-VPCP art. 19 writes it.
/// </summary>
public sealed partial record UnitIdentifier
{
    private UnitIdentifier(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, [NotNullWhen(true)] out UnitIdentifier? identifier)
    {
        identifier = text is not null && Pattern().IsMatch(text) ? new UnitIdentifier(text) : null;
        return identifier is not null;
    }

    public static UnitIdentifier Parse(string text) =>
        TryParse(text, out var identifier) ? identifier
            : throw new FormatException($"'{text}' is not a unit identifier in the national format (e.g. 000.00.12.H08)");

    public override string ToString() => Value;

    [GeneratedRegex(@"^[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2}$")]
    private static partial Regex Pattern();
}
