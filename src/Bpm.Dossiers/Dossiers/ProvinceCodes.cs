namespace Bpm.Dossiers.Dossiers;

/// <summary>
/// The province codes that open a 12-digit citizen identity number: the province where the birth
/// was registered, as listed in the appendix of Circular 59/2021/TT-BCA (the 63 provinces before
/// the 2025 merger; numbers already issued keep them).
/// </summary>
public static class ProvinceCodes
{
    private static readonly HashSet<string> Codes =
    [
        "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020", "022",
        "024", "025", "026", "027", "030", "031", "033", "034", "035", "036", "037", "038", "040", "042",
        "044", "045", "046", "048", "049", "051", "052", "054", "056", "058", "060", "062", "064", "066",
        "067", "068", "070", "072", "074", "075", "077", "079", "080", "082", "083", "084", "086", "087",
        "089", "091", "092", "093", "094", "095", "096",
    ];

    public static bool IsOfficial(string code) => Codes.Contains(code);
}
