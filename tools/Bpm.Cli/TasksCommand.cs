using Bpm.Engine;
using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Cli;

/// <summary><c>bpm tasks list [--unit U] [--instance I]</c> and <c>bpm tasks complete INSTANCE TASK [--outcome O] [--by USER]</c>.</summary>
internal static class TasksCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var sub = args.Length == 0 ? "" : args[0];
        var parsed = Arguments.Parse(args.AsSpan(Math.Min(1, args.Length)), ["--unit", "--instance", "--outcome", "--by"]);
        using var db = Database.Open(parsed);
        return sub switch
        {
            "list" => List(db, parsed, stdout),
            "complete" => Complete(db, parsed, stdout, stderr),
            _ => throw new UsageException("tasks needs: list [--unit U] [--instance I] | complete INSTANCE_ID TASK_ID|ELEMENT_ID [--outcome O] [--by USER]"),
        };
    }

    private static int List(BpmDbContext db, Arguments args, TextWriter stdout)
    {
        var query = db.Tasks.AsNoTracking().Where(t => t.Status == TaskRecord.Open);
        if (args["--unit"] is { } unit)
        {
            query = query.Where(t => t.Unit == unit);
        }

        if (args["--instance"] is { } instance)
        {
            query = query.Where(t => t.InstanceId == instance);
        }

        foreach (var t in query.OrderBy(t => t.DueAt).ThenBy(t => t.InstanceId).ThenBy(t => t.TaskId).ToList())
        {
            var due = t.DueAt is { } d ? d.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) : "-";
            stdout.WriteLine($"{t.InstanceId} {t.TaskId} {t.ElementId} unit={t.Unit ?? "-"} role={t.Role ?? "-"} due={due} key={t.BusinessKey ?? "-"}");
        }

        return Cli.Ok;
    }

    /// <summary>The task may be named by its id or, for convenience, by the element id of its open task.</summary>
    private static int Complete(BpmDbContext db, Arguments args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Positional.Count != 2)
        {
            throw new UsageException("tasks complete needs INSTANCE_ID and TASK_ID (or the task's element id)");
        }

        var (instanceId, task) = (args.Positional[0], args.Positional[1]);
        var taskId = db.Tasks.AsNoTracking().Any(t => t.InstanceId == instanceId && t.TaskId == task)
            ? task
            : db.Tasks.AsNoTracking().Where(t => t.InstanceId == instanceId && t.ElementId == task && t.Status == TaskRecord.Open).Select(t => t.TaskId).FirstOrDefault() ?? task;
        var command = new CompleteTask(taskId, args["--outcome"]) { Actor = args["--by"] ?? Environment.UserName };
        var result = EngineSettings.Executor(db, TimeProvider.System).ExecuteAsync(instanceId, command).GetAwaiter().GetResult();
        return Report.Result(result, stdout, stderr);
    }
}
