namespace Bpm.Server.Hosting;

/// <summary>
/// A background pass every <paramref name="interval"/> in a scope of its own (the notifications
/// dispatch, the national portal's sync): a pass that fails is logged and the next one tries
/// again, so one bad pass never stops the service.
/// </summary>
internal abstract class PeriodicPass(IServiceScopeFactory scopes, TimeSpan interval, TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>One pass; returns what to log, or null when it did nothing.</summary>
    protected abstract Task<string?> PassAsync(IServiceProvider services, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (await PassAsync(scope.ServiceProvider, stoppingToken) is { } done)
                {
                    logger.LogInformation("{Pass}: {Done}", GetType().Name, done);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "{Pass} failed; the next pass tries again", GetType().Name);
            }
        }
    }
}
