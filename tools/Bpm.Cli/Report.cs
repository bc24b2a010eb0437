using Bpm.Persistence;

namespace Bpm.Cli;

/// <summary>Prints a persisted command's outcome: the instance and its open tasks, or why it did not apply.</summary>
internal static class Report
{
    public static int Result(ExecutionResult result, TextWriter stdout, TextWriter stderr)
    {
        if (!result.Applied)
        {
            stderr.WriteLine($"bpm: {result.Rejection!.Code}: {result.Rejection.Message}");
            return Cli.Failed;
        }

        var state = result.State!;
        var open = state.Bookmarks.Where(b => b.Kind == Engine.BookmarkKind.Task).Select(b => $"{b.Id}@{b.ElementId}").Order(StringComparer.Ordinal);
        stdout.WriteLine($"{result.InstanceId} {state.Status.ToString().ToLowerInvariant()} open tasks: {string.Join(' ', open)}");
        return Cli.Ok;
    }
}
