using Bpm.Engine;

namespace Bpm.Cli;

/// <summary><c>bpm validate FILE...</c>: <c>OK FILE</c>, or one <c>FILE:LINE: ELEMENT_ID: message</c> line per problem.</summary>
internal static class ValidateCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var warnings = !args.Contains("--no-warnings");
        var files = args.Where(a => a != "--no-warnings").ToList();
        if (files.Count == 0)
        {
            return Cli.UsageError(stderr, "validate needs at least one FILE");
        }

        if (files.FirstOrDefault(f => f.StartsWith('-')) is { } option)
        {
            return Cli.UsageError(stderr, $"unknown option '{option}'");
        }

        var exit = Cli.Ok;
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                stdout.WriteLine($"{file}:0: -: no such file");
                exit = Cli.Failed;
                continue;
            }

            var result = BpmnLoader.LoadFile(file);
            if (result.IsValid)
            {
                stdout.WriteLine($"OK {file}");
            }
            else
            {
                exit = Cli.Failed;
            }

            foreach (var d in result.Diagnostics.Where(d => warnings || d.Severity == Severity.Error))
            {
                stdout.WriteLine($"{file}:{d}");
            }
        }

        return exit;
    }
}
