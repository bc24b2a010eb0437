using Bpm.Engine;
using Bpm.Persistence;

namespace Bpm.Cli;

/// <summary><c>bpm instances start ID --key CODE [--version N] [--by USER]</c>.</summary>
internal static class InstancesCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] != "start")
        {
            throw new UsageException("instances needs: start DEFINITION_ID --key DOSSIER_CODE [--version N] [--by USER]");
        }

        var parsed = Arguments.Parse(args.AsSpan(1), ["--key", "--version", "--by"]);
        var definitionId = parsed.Single("instances start");
        var key = parsed.Required("--key", "instances start");
        var version = parsed.Int("--version");
        using var db = Database.Open(parsed);
        var command = new StartInstance(Guid.NewGuid().ToString("N"), key) { Actor = parsed["--by"] ?? Environment.UserName };
        var result = EngineSettings.Executor(db, TimeProvider.System).StartAsync(definitionId, version, command).GetAwaiter().GetResult();
        return Report.Result(result, stdout, stderr);
    }
}
