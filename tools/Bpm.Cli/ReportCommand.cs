using System.Globalization;
using System.Text;
using Bpm.Reports;

namespace Bpm.Cli;

/// <summary>
/// <c>bpm report onestop --from DATE --to DATE [--by DIMENSION] [--format json|csv|xlsx] [--output FILE]</c>:
/// the one-stop report over the dossiers in the database (docs/reports.md);
/// <c>bpm report apologies --from DATE --to DATE</c>: the period's late dossiers by whether their
/// applicant was sent the apology notice, and the codes of those who were not (docs/notifications.md).
/// </summary>
internal static class ReportCommand
{
    /// <summary>
    /// <c>bpm report recount</c>: rebuilds the report's day counts from every dossier, for a
    /// database that held dossiers before the counts were kept (the DossierDayCounts migration).
    /// </summary>
    private static int Recount(string[] args, TextWriter stdout)
    {
        var parsed = Arguments.Parse(args.AsSpan(1), []);
        if (parsed.Positional.Count > 0)
        {
            throw new UsageException($"report recount: unexpected argument '{parsed.Positional[0]}'");
        }

        using var db = Database.Open(parsed);
        var rows = Bpm.Dossiers.Dossiers.DossierDayCounts.RebuildAsync(db).GetAwaiter().GetResult();
        stdout.WriteLine($"recounted: {rows} day counts (day × receiving unit × procedure)");
        return 0;
    }

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy"];
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web) { WriteIndented = true };

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length > 0 && args[0] == "recount")
        {
            return Recount(args, stdout);
        }

        if (args.Length == 0 || args[0] is not ("onestop" or "apologies"))
        {
            throw new UsageException(args.Length == 0 ? "report needs onestop --from DATE --to DATE" : $"unknown report '{args[0]}': use 'report onestop', 'report apologies' or 'report recount'");
        }

        var parsed = Arguments.Parse(args.AsSpan(1), args[0] == "onestop" ? ["--from", "--to", "--by", "--format", "--output"] : ["--from", "--to"]);
        if (parsed.Positional.Count > 0)
        {
            throw new UsageException($"report {args[0]}: unexpected argument '{parsed.Positional[0]}'");
        }

        var period = new ReportPeriod(Day(parsed, "--from", $"report {args[0]}"), Day(parsed, "--to", $"report {args[0]}"));
        if (period.From > period.To)
        {
            throw new UsageException($"--from {period.From:dd/MM/yyyy} is after --to {period.To:dd/MM/yyyy}");
        }

        if (args[0] == "apologies")
        {
            using var apologyDb = Database.Open(parsed);
            var apologies = new OneStopReport(apologyDb).ApologyNoticesAsync(period).GetAwaiter().GetResult();
            stdout.WriteLine(System.Text.Json.JsonSerializer.Serialize(apologies, Json));
            return Cli.Ok;
        }

        var format = parsed["--format"] ?? "json";
        if (format is not ("json" or "csv" or "xlsx"))
        {
            throw new UsageException($"--format '{format}': use json, csv or xlsx");
        }

        var by = parsed["--by"] ?? "level";
        var output = parsed["--output"];
        if (format == "xlsx" && output is null)
        {
            throw new UsageException("--format xlsx needs --output FILE (a workbook is not text)");
        }

        using var db = Database.Open(parsed);
        var report = new OneStopReport(db);
        var byLevel = report.ByAsync(period, ReportDimension.Level).GetAwaiter().GetResult();
        var rows = by switch
        {
            "level" => byLevel,
            "agency" or "unit" or "sector" or "procedure" => report.ByAsync(period, Enum.Parse<ReportDimension>(by, ignoreCase: true)).GetAwaiter().GetResult(),
            "day" or "month" or "quarter" or "year" => report.ByPeriodAsync(period, Enum.Parse<PeriodUnit>(by, ignoreCase: true)).GetAwaiter().GetResult(),
            _ => throw new UsageException($"--by '{by}': use level, agency, unit, sector, procedure, day, month, quarter or year"),
        };
        var document = new OneStopDocument(period, by, rows, report.LateByAgencyAsync(period).GetAwaiter().GetResult());

        using var buffer = new MemoryStream();
        switch (format)
        {
            case "json":
                ReportWriters.WriteJson(document, byLevel, buffer);
                buffer.WriteByte((byte)'\n');
                break;
            case "csv":
                using (var writer = new StreamWriter(buffer, new UTF8Encoding(false), leaveOpen: true))
                {
                    ReportWriters.WriteCsv(document, writer);
                }

                break;
            default:
                ReportWriters.WriteXlsx(document, buffer);
                break;
        }

        if (output is null)
        {
            stdout.Write(Encoding.UTF8.GetString(buffer.ToArray()));
        }
        else
        {
            File.WriteAllBytes(output, buffer.ToArray());
            stderr.WriteLine($"wrote {output}");
        }

        return Cli.Ok;
    }

    private static DateOnly Day(Arguments parsed, string option, string what)
    {
        var text = parsed.Required(option, what);
        return DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new UsageException($"{option} '{text}' is not a date (yyyy-MM-dd or dd/MM/yyyy)");
    }
}
