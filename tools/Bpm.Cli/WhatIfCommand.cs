using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Bpm.Engine.Calendar;
using Bpm.Organisation;
using Bpm.Reports.Simulation;

namespace Bpm.Cli;

/// <summary>
/// <c>bpm simulate whatif --definition ID --candidate FILE.bpmn</c>: the candidate and the published
/// version against the last months' arrivals and the units' staff, side by side (docs/reports.md).
/// Reads the database; writes nothing.
/// </summary>
internal static class WhatIfCommand
{
    private const string Command = "simulate whatif";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static int Run(ReadOnlySpan<string> args, TextWriter stdout, TextWriter stderr)
    {
        var (rest, staffOptions) = TakeStaff(args);
        var parsed = Arguments.Parse(rest.ToArray(), ["--definition", "--candidate", "--months", "--seed", "--rate", "--format"]);
        if (parsed.Positional.Count > 0)
        {
            throw new UsageException($"{Command}: unexpected argument '{parsed.Positional[0]}'");
        }

        var format = parsed["--format"] ?? "table";
        if (format is not ("table" or "json"))
        {
            throw new UsageException($"--format '{format}': use table or json");
        }

        var definitionId = parsed.Required("--definition", Command);
        var candidateFile = parsed.Required("--candidate", Command);
        var rate = parsed["--rate"] is { } rateText
            ? decimal.TryParse(rateText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var r) ? r : throw new UsageException($"--rate '{rateText}' is not a number (dossiers per working day, e.g. 12.5)")
            : (decimal?)null;
        var overrides = staffOptions.Select(ParseStaff).ToDictionary(s => s.Pool, s => s.Officers, StringComparer.Ordinal);
        var candidateXml = File.ReadAllText(candidateFile);

        using var db = Database.Open(parsed);
        var staff = OrganisationStaff(parsed, stderr);
        var request = new WhatIfRequest(definitionId, candidateXml, parsed.Int("--months") ?? 3, parsed.Int("--seed") ?? 1, rate, staff, overrides);
        WhatIfReport report;
        try
        {
            var calendar = VietnameseWorkingCalendar.Load(RepositoryRoot.Find());
            report = new WhatIfComparison(db, calendar, TimeProvider.System).RunAsync(request).GetAwaiter().GetResult();
        }
        catch (WhatIfInputException e)
        {
            stderr.WriteLine($"bpm: {e.Field}: {e.Message}");
            return Cli.Failed;
        }

        if (format == "json")
        {
            stdout.WriteLine(JsonSerializer.Serialize(report, Json));
        }
        else
        {
            WhatIfTable.Write(stdout, report);
        }

        return Cli.Ok;
    }

    /// <summary><c>--staff</c> may be given several times, each with one or more <c>UNIT:role=N</c>.</summary>
    private static (List<string> Others, List<string> Staff) TakeStaff(ReadOnlySpan<string> args)
    {
        var rest = new List<string>();
        var staff = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] != "--staff")
            {
                rest.Add(args[i]);
                continue;
            }

            var taken = 0;
            while (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                staff.Add(args[++i]);
                taken++;
            }

            if (taken == 0)
            {
                throw new UsageException("--staff needs UNIT:role=N (e.g. XA-PHUONGLAM.MOTCUA:reception=2)");
            }
        }

        return (rest, staff);
    }

    private static (string Pool, int Officers) ParseStaff(string text)
    {
        var equals = text.LastIndexOf('=');
        var colon = equals < 0 ? -1 : text.LastIndexOf(':', equals);
        if (colon <= 0 || colon + 1 == equals
            || !int.TryParse(text.AsSpan(equals + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var officers) || officers < 1)
        {
            throw new UsageException($"--staff '{text}': expected UNIT:role=N with N a whole number of officers, at least 1");
        }

        return (WhatIfPools.Key(text[..colon], text[(colon + 1)..equals]), officers);
    }

    /// <summary>Officers per unit and role from the organisation tree, when the database holds one.</summary>
    private static Dictionary<string, int> OrganisationStaff(Arguments parsed, TextWriter stderr)
    {
        using var organisation = Database.OpenOrganisation(parsed);
        try
        {
            return UnitStaff.CountAsync(organisation).GetAwaiter().GetResult()
                .ToDictionary(c => WhatIfPools.Key(c.UnitCode, c.Role), c => c.Officers, StringComparer.Ordinal);
        }
        catch (DbException e)
        {
            // The command line's databases often hold workflows only (bpm db migrate creates no users): say so and go on with --staff and the default.
            stderr.WriteLine($"bpm: không đọc được cán bộ từ cây tổ chức ({e.Message}); đơn vị và vai trò không có trong --staff được tính 1 cán bộ");
            return [];
        }
    }
}
