using Bpm.Reports;

namespace Bpm.Cli;

/// <summary><c>bpm dossiers export --format csv [--output FILE]</c>: every dossier, one row each, so anyone can recompute the report.</summary>
internal static class DossierExportCommand
{
    public static int Run(Arguments parsed, TextWriter stdout, TextWriter stderr)
    {
        if (parsed.Positional.Count > 0)
        {
            throw new UsageException($"dossiers export: unexpected argument '{parsed.Positional[0]}'");
        }

        if ((parsed["--format"] ?? "csv") is var format && format != "csv")
        {
            throw new UsageException($"--format '{format}': dossiers export writes csv");
        }

        using var db = Database.Open(parsed);
        if (parsed["--output"] is { } output)
        {
            using var file = new StreamWriter(output, append: false, new System.Text.UTF8Encoding(false));
            DossierExport.WriteCsvAsync(DossierExport.RowsAsync(db), file).GetAwaiter().GetResult();
            stderr.WriteLine($"wrote {output}");
        }
        else
        {
            DossierExport.WriteCsvAsync(DossierExport.RowsAsync(db), stdout).GetAwaiter().GetResult();
        }

        return Cli.Ok;
    }
}
