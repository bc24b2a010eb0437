using Bpm.Reports.Simulation;

namespace Bpm.Cli;

/// <summary>
/// <c>bpm corpus generate --seed N --output DIR</c>: the province's 2,257 internal procedures as
/// <c>.bpmn</c> files (one per definition, named after it), for <c>bpm definitions import</c> and
/// the corpus benchmark. The directory must be empty or new, so that no old file joins the corpus.
/// </summary>
internal static class CorpusCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] != "generate")
        {
            throw new UsageException(args.Length == 0 ? "corpus needs generate --seed N --output DIR" : $"unknown corpus command '{args[0]}': use 'corpus generate'");
        }

        var parsed = Arguments.Parse(args.AsSpan(1), ["--seed", "--output"]);
        if (parsed.Positional.Count > 0)
        {
            throw new UsageException($"corpus generate: unexpected argument '{parsed.Positional[0]}'");
        }

        var seed = parsed.Int("--seed") ?? throw new UsageException("corpus generate needs --seed");
        var output = parsed.Required("--output", "corpus generate");
        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any())
        {
            stderr.WriteLine($"bpm: '{output}' is not empty; give a new or empty directory");
            return Cli.Failed;
        }

        Directory.CreateDirectory(output);
        var corpus = ProcedureCorpus.Generate(seed);
        foreach (var procedure in corpus)
        {
            File.WriteAllText(Path.Combine(output, procedure.DefinitionId + ".bpmn"), procedure.Xml);
        }

        foreach (var level in corpus.GroupBy(p => p.Level))
        {
            stdout.WriteLine($"{level.Key}: {level.Count()} procedures, {level.Count(p => p.InterConnected)} inter-connected");
        }

        stdout.WriteLine($"{corpus.Count} procedures written to {output}");
        return Cli.Ok;
    }
}
