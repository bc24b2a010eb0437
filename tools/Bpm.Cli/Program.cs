using Bpm.Cli;

// Minimal dispatcher for the calendar branch; the lead's Program.cs replaces it on merge.
if (args.Length > 0 && args[0] == "calendar")
{
    return CalendarCommand.Run(args[1..], Console.Out, Console.Error, Directory.GetCurrentDirectory());
}

Console.Error.WriteLine("usage: bpm calendar ...");
return 2;
