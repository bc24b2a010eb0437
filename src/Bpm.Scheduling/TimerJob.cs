using Bpm.Engine;
using Bpm.Persistence;
using Quartz;

namespace Bpm.Scheduling;

/// <summary>
/// Fires one engine timer: runs <see cref="FireTimer"/> through the command executor, in the
/// command's own transaction. Firing a timer whose step has finished does nothing (the engine
/// ignores unknown timers), so a redelivery is harmless.
/// </summary>
internal sealed class TimerJob(Func<BpmDbContext> createContext, TimeProvider time, DefinitionCache definitions, EngineOptions engineOptions) : IJob
{
    public const string InstanceKey = "instanceId";
    public const string TimerKey = "timerId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        var instanceId = data.GetString(InstanceKey)!;
        var timerId = data.GetString(TimerKey)!;
        await using var db = createContext();
        var executor = new CommandExecutor(db, time, definitions, engineOptions);
        var result = await executor.ExecuteAsync(instanceId, new FireTimer(timerId) { Actor = "system" }, cancellationToken);
        if (!result.Applied && result.Rejection?.Code is not ("not-running" or "not-found"))
        {
            throw new JobExecutionException($"timer {timerId} of instance {instanceId}: {result.Rejection?.Message}");
        }
    }
}
