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

    /// <summary>Every <c>Bpm:Notifications:DispatchInterval</c> (15 s), one dispatch pass.</summary>
    private sealed class NoticeSender(IServiceScopeFactory scopes, NotificationChannels channels, IConfiguration configuration, TimeProvider time, ILogger<NoticeSender> logger)
        : PeriodicPass(scopes, configuration.GetValue("Bpm:Notifications:DispatchInterval", TimeSpan.FromSeconds(15)), time, logger)
    {
        // Resolved at start: a wrong transport fails the start, not the first pass.
        private readonly NotificationChannels _channels = channels;

        protected override async Task<string?> PassAsync(IServiceProvider services, CancellationToken cancellationToken)
        {
            _ = _channels;
            var pass = await services.GetRequiredService<NotificationDispatcher>().DispatchAsync(cancellationToken: cancellationToken);
            return pass.Sent + pass.Retrying + pass.GaveUp > 0 ? $"{pass.Sent} sent, {pass.Retrying} to retry, {pass.GaveUp} given up" : null;
        }
    }
}
