using Bpm.Dossiers.Catalog;

namespace Bpm.Cli;

/// <summary><c>bpm catalog import FILE | list [--q TEXT]</c>: the procedure catalogue in the database.</summary>
internal static class CatalogCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0)
        {
            throw new UsageException("catalog needs import FILE or list [--q TEXT]");
        }

        var parsed = Arguments.Parse(args.AsSpan(1), ["--q"]);
        return args[0] switch
        {
            "import" => Import(parsed, stdout, stderr),
            "list" => List(parsed, stdout),
            _ => throw new UsageException($"unknown catalog command '{args[0]}'"),
        };
    }

    /// <summary>The whole file is checked first; one wrong row and nothing is imported.</summary>
    private static int Import(Arguments parsed, TextWriter stdout, TextWriter stderr)
    {
        var file = parsed.Single("catalog import");
        if (!File.Exists(file))
        {
            stderr.WriteLine($"bpm: no such file '{file}'");
            return Cli.Failed;
        }

        var loaded = CatalogFile.Load(file);
        if (!loaded.IsValid)
        {
            stderr.WriteLine($"bpm: {file}: {loaded.Errors.Count} error(s); nothing imported");
            foreach (var error in loaded.Errors)
            {
                stderr.WriteLine($"{file}:{error}");
            }

            return Cli.Failed;
        }

        using var db = Database.Open(parsed);
        var import = new ProcedureCatalog(db, TimeProvider.System).ImportAsync(loaded.Procedures).GetAwaiter().GetResult();
        stdout.WriteLine($"imported {import.Total} procedure(s) from {file} ({import.Added} new, {import.Replaced} replaced)");
        return Cli.Ok;
    }

    private static int List(Arguments parsed, TextWriter stdout)
    {
        if (parsed.Positional.Count > 0)
        {
            throw new UsageException($"catalog list takes no arguments, got '{parsed.Positional[0]}' (search with --q TEXT)");
        }

        using var db = Database.Open(parsed);
        var page = new ProcedureCatalog(db, TimeProvider.System).SearchAsync(parsed["--q"], 0, int.MaxValue).GetAwaiter().GetResult();
        foreach (var p in page.Items)
        {
            stdout.WriteLine($"{p.Code} {p.Name} [{p.Sector}]");
        }

        stdout.WriteLine($"{page.Total} procedure(s)");
        return Cli.Ok;
    }
}
