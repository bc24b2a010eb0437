namespace Bpm.Cli;

/// <summary>Placeholder until the working calendar lands.</summary>
internal static class CalendarCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, string repositoryRoot)
    {
        _ = (args, stdout, repositoryRoot);
        stderr.WriteLine("bpm: the calendar commands are not available yet");
        return Cli.Failed;
    }
}
