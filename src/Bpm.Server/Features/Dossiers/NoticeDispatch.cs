using Bpm.Documents.Templates;
using Bpm.Notifications;
using Bpm.Persistence;
using Bpm.Server.Hosting;

namespace Bpm.Server.Features.Dossiers;

/// <summary>The applicant's notices: composing them at each step, and a background pass that sends what is due.</summary>
public static class NoticeDispatch
{
    public static IServiceCollection AddBpmNotices(this IServiceCollection services, IConfiguration configuration, BpmPaths paths)
    {
        var options = configuration.GetSection(NotificationOptions.Section).Get<NotificationOptions>() ?? new NotificationOptions();
        services.AddSingleton(options);
        // The forms' template source: a unit's own notice text (database, memory or folder) wins over the shipped one.
        services.AddSingleton(sp => new NotificationComposer(sp.GetRequiredService<TemplateSource>()));
        // Built at start so that a misconfigured transport stops the server with the setting named.
        services.AddSingleton(sp => new NotificationChannels(options, paths.DataPath, sp.GetRequiredService<IHttpClientFactory>().CreateClient("notifications"), sp.GetRequiredService<TimeProvider>()));
        services.AddHttpClient("notifications");
        services.AddScoped<DossierNotices>();
        services.AddScoped(sp => new NotificationDispatcher(sp.GetRequiredService<BpmDbContext>(), sp.GetRequiredService<NotificationChannels>(), sp.GetRequiredService<TimeProvider>()));
        if (configuration.GetValue("Bpm:Notifications:DispatchEnabled", true))
        {
            services.AddHostedService<NoticeSender>();
        }

        return services;
    }

    /// <summary>Every <c>Bpm:Notifications:DispatchInterval</c> (15 s), one dispatch pass; a failing pass is logged and the next one tries again.</summary>
    private sealed class NoticeSender(IServiceScopeFactory scopes, NotificationChannels channels, IConfiguration configuration, TimeProvider time, ILogger<NoticeSender> logger) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            _ = channels; // resolved at start: a wrong transport fails the start, not the first pass
            var interval = configuration.GetValue("Bpm:Notifications:DispatchInterval", TimeSpan.FromSeconds(15));
            using var timer = new PeriodicTimer(interval, time);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var pass = await scope.ServiceProvider.GetRequiredService<NotificationDispatcher>().DispatchAsync(cancellationToken: stoppingToken);
                    if (pass.Sent + pass.Retrying + pass.GaveUp > 0)
                    {
                        logger.LogInformation("Notifications: {Sent} sent, {Retrying} to retry, {GaveUp} given up", pass.Sent, pass.Retrying, pass.GaveUp);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Notification dispatch pass failed; the next pass tries again");
                }
            }
        }
    }
}
