using Bpm.Persistence;

namespace Bpm.Cli;

/// <summary><c>bpm verify --instance ID | --all</c>: checks journal hash chains; exit 1 names the first broken row.</summary>
internal static class VerifyCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = Arguments.Parse(args, ["--instance"], ["--all"]);
        if ((parsed["--instance"] is null) == !parsed.Has("--all") || parsed.Positional.Count > 0)
        {
            throw new UsageException("verify needs --instance ID or --all");
        }

        using var db = Database.Open(parsed);
        if (parsed["--instance"] is { } wanted && !db.Instances.Any(i => i.InstanceId == wanted))
        {
            stderr.WriteLine($"bpm: no instance '{wanted}'");
            return Cli.Failed;
        }

        var verifier = new JournalVerifier(db);
        var verdicts = parsed["--instance"] is { } id
            ? [verifier.VerifyAsync(id).GetAwaiter().GetResult()]
            : verifier.VerifyAllAsync().GetAwaiter().GetResult();
        foreach (var verdict in verdicts)
        {
            stdout.WriteLine(verdict.ToString());
        }

        return verdicts.All(v => v.Intact) ? Cli.Ok : Cli.Failed;
    }
}
