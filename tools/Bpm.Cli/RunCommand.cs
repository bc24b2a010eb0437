using System.Text.Json;
using Bpm.Engine;
using Bpm.Engine.Calendar;

namespace Bpm.Cli;

/// <summary><c>bpm run FILE --script SCRIPT.json</c>: runs one instance in memory and prints its journal as JSON lines.</summary>
internal static class RunCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string? file = null;
        string? scriptPath = null;
        var calendarName = "vietnam";
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--script" when i + 1 < args.Length:
                    scriptPath = args[++i];
                    break;
                case "--calendar" when i + 1 < args.Length:
                    calendarName = args[++i];
                    break;
                case var a when a.StartsWith('-'):
                    return Cli.UsageError(stderr, $"unknown option '{a}'");
                case var a when file is null:
                    file = a;
                    break;
                default:
                    return Cli.UsageError(stderr, $"unexpected argument '{args[i]}'");
            }
        }

        if (file is null || scriptPath is null)
        {
            return Cli.UsageError(stderr, "usage: bpm run FILE --script SCRIPT.json [--calendar vietnam|24x7]");
        }

        IWorkingCalendar calendar;
        switch (calendarName)
        {
            case "vietnam":
                calendar = VietnameseWorkingCalendar.Load(RepositoryRoot.Find());
                break;
            case "24x7":
                calendar = AroundTheClockCalendar.Instance;
                break;
            default:
                return Cli.UsageError(stderr, $"--calendar '{calendarName}' must be vietnam or 24x7");
        }

        var loaded = BpmnLoader.LoadFile(file);
        if (!loaded.IsValid)
        {
            foreach (var d in loaded.Errors)
            {
                stderr.WriteLine($"{file}:{d}");
            }

            return Cli.Failed;
        }

        Script script;
        try
        {
            script = Script.Parse(File.ReadAllText(scriptPath));
        }
        catch (Exception e) when (e is ScriptException or JsonException)
        {
            stderr.WriteLine($"{scriptPath}: {e.Message}");
            return Cli.Failed;
        }

        var host = new InMemoryHost(loaded.Definition!, script.Start, new EngineOptions { Calendar = calendar });
        var printed = 0;
        void Flush()
        {
            for (; printed < host.Journal.Count; printed++)
            {
                stdout.WriteLine(JournalJson.Event(host.Journal[printed]));
            }
        }

        var key = script.BusinessKey ?? (script.Variables.TryGetValue("dossierCode", out var code) && code.ValueKind == JsonValueKind.String ? code.GetString() : null);
        host.Start(script.Variables, key);
        foreach (var step in script.Steps)
        {
            var rejection = Apply(host, step);
            Flush();
            if (rejection is not null)
            {
                stderr.WriteLine($"{scriptPath}: step {step.Index}: {rejection.Message}");
                stdout.WriteLine(JournalJson.Final(host.State));
                return Cli.Failed;
            }
        }

        Flush();
        stdout.WriteLine(JournalJson.Final(host.State));
        return Cli.Ok;
    }

    private static CommandRejection? Apply(InMemoryHost host, ScriptStep step)
    {
        switch (step)
        {
            case CompleteStep c:
                return host.CompleteTask(c.ElementId, c.Outcome, c.Variables, c.By, c.Error).Rejection;
            case AdvanceStep a:
                var to = a.To ?? a.By!.Value.AddTo(host.Now);
                if (to < host.Now)
                {
                    return new CommandRejection("time-backwards", $"cannot move the clock back from {JournalJson.Instant(host.Now)} to {JournalJson.Instant(to)}");
                }

                return host.AdvanceTo(to).Select(r => r.Rejection).FirstOrDefault(r => r is not null);
            case MessageStep m:
                return host.Message(m.Name, m.Key, m.Payload).Rejection;
            case CancelStep c:
                return host.Cancel(c.Reason, c.By).Rejection;
            default:
                return new CommandRejection("unknown-step", "unknown step");
        }
    }
}
