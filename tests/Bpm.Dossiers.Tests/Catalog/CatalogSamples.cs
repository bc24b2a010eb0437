using Bpm.Dossiers.Catalog;

namespace Bpm.Dossiers.Tests.Catalog;

/// <summary>Small catalogue files for the readers' tests: valid ones, and the same with one thing wrong.</summary>
internal static class CatalogSamples
{
    /// <summary>A valid procedure as JSON; <paramref name="code"/> and the paper ids can be changed to break it.</summary>
    public static string JsonProcedure(string code = "1.001193", string name = "Thủ tục đăng ký khai sinh", string level = "commune", string secondPaperId = "to-khai") => $$"""
            {
              "code": "{{code}}",
              "name": "{{name}}",
              "sector": "Hộ tịch",
              "levels": [ { "level": "{{level}}", "agency": "Ủy ban nhân dân cấp xã", "validFrom": "2025-07-01", "validTo": null, "receivingUnits": ["XA-PHUONGLAM.MOTCUA"] } ],
              "timeLimit": { "value": 1, "unit": "workingDays", "sameDay": true },
              "fees": [ { "kind": "charge", "name": "Lệ phí đăng ký khai sinh", "amountVnd": 0, "note": null, "exemptions": null } ],
              "papers": [
                { "id": "giay-chung-sinh", "name": "Giấy chứng sinh", "form": "original", "count": 1, "digitisedResultReplaces": true, "required": true },
                { "id": "{{secondPaperId}}", "name": "Tờ khai đăng ký khai sinh", "form": "original", "count": 1, "digitisedResultReplaces": false, "required": true }
              ],
              "resultPapers": [ "Giấy khai sinh" ],
              "onlineLevel": "full",
              "legalBasis": [ "Luật Hộ tịch số 60/2014/QH13" ],
              "sources": [ { "title": "Cổng Dịch vụ công quốc gia", "url": "https://dichvucong.gov.vn/", "date": "2026-04-16" } ]
            }
        """;

    public static string JsonFile(params string[] procedures) =>
        "{\n  \"version\": 1,\n  \"procedures\": [\n" + string.Join(",\n", procedures) + "\n  ]\n}\n";

    public const string CsvHeader = "code,name,sector,levels,timeLimit,timeLimitNote,onlineLevel,fees,papers,resultPapers,legalBasis,sources,notes";

    /// <summary>A valid procedure as one CSV record (it spans two lines: the papers cell holds two).</summary>
    public static string CsvProcedure(string code = "1.001193", string name = "Thủ tục đăng ký khai sinh", string paperForm = "original", string secondPaperId = "to-khai") =>
        $"{code},{name},Hộ tịch,commune | Ủy ban nhân dân cấp xã | 2025-07-01 | | XA-PHUONGLAM.MOTCUA,1 workingDays sameDay,,full," +
        "charge | Lệ phí đăng ký khai sinh | 0," +
        $"\"giay-chung-sinh | Giấy chứng sinh | {paperForm} | 1 | true | true\n{secondPaperId} | Tờ khai đăng ký khai sinh | original | 1 | true | false\"," +
        "Giấy khai sinh,Luật Hộ tịch số 60/2014/QH13,Cổng Dịch vụ công quốc gia | https://dichvucong.gov.vn/ | 2026-04-16,";

    public static string CsvFile(params string[] records) => CsvHeader + "\n" + string.Join("\n", records) + "\n";

    /// <summary>Procedures in the CSV format of docs/dossiers.md, every cell quoted.</summary>
    public static string ToCsv(IEnumerable<Procedure> procedures)
    {
        var csv = new System.Text.StringBuilder(CsvHeader).Append('\n');
        foreach (var p in procedures)
        {
            string?[] cells =
            [
                p.Code, p.Name, p.Sector,
                Lines(p.Levels.Select(l => Parts(CatalogNames.Name(l.Level), l.Agency, Date(l.ValidFrom), Date(l.ValidTo), string.Join(' ', l.ReceivingUnits), l.Note))),
                p.TimeLimit is { } t ? $"{t.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)} {CatalogNames.Name(t.Unit)}{(t.SameDay ? " sameDay" : "")}" : null,
                p.TimeLimit?.Note,
                p.OnlineLevel is { } online ? CatalogNames.Name(online) : null,
                Lines(p.Fees.Select(f => Parts(CatalogNames.Name(f.Kind), f.Name, f.AmountVnd?.ToString(System.Globalization.CultureInfo.InvariantCulture), f.Note, f.Exemptions))),
                Lines(p.Papers.Select(x => Parts(x.Id, x.Name, CatalogNames.Name(x.Form), x.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Bool(x.Required), Bool(x.DigitisedResultReplaces), Bool(x.PresentOnly), x.Note))),
                Lines(p.ResultPapers),
                Lines(p.LegalBasis),
                Lines(p.Sources.Select(s => Parts(s.Title, s.Url ?? s.Reference, Date(s.Date)))),
                p.Notes,
            ];
            csv.AppendJoin(',', cells.Select(c => "\"" + (c ?? "").Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")).Append('\n');
        }

        return csv.ToString();
    }

    private static string Lines(IEnumerable<string> items) => string.Join('\n', items);

    private static string Parts(params string?[] parts) => string.Join(" | ", parts.Select(p => p ?? ""));

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string Bool(bool value) => value ? "true" : "false";
}
