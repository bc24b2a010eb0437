using Bpm.Integration;
using Bpm.Integration.NationalPortal;
using Bpm.Integration.Population;
using Bpm.Persistence;
using Bpm.Server.Hosting;

namespace Bpm.Server.Features.Integration;

/// <summary>The national portal and population database adapters chosen by <c>Bpm:Integration</c>, and the portal's background sync.</summary>
public static class IntegrationSetup
{
    public static IServiceCollection AddBpmIntegration(this IServiceCollection services, IConfiguration configuration, BpmPaths paths)
    {
        var options = configuration.GetSection(IntegrationOptions.Section).Get<IntegrationOptions>() ?? new IntegrationOptions();
        services.AddSingleton(options);
        services.AddHttpClient("national-portal", http => http.Timeout = options.Portal.Timeout);
        services.AddHttpClient("population-registry", http => http.Timeout = options.Population.Timeout);
        // Built at start: a wrong transport, a missing base address or a bad mapping file stops the server naming the setting.
        services.AddSingleton(_ => PortalMapping.Load(Path.GetFullPath(options.Portal.Mapping, paths.RepositoryRoot)));
        services.AddSingleton(sp => Portal(options.Portal, paths, sp.GetRequiredService<IHttpClientFactory>()));
        services.AddSingleton(sp => Population(options.Population, paths, sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<TimeProvider>()));
        services.AddScoped(sp => new PortalSync(sp.GetRequiredService<BpmDbContext>(), sp.GetRequiredService<INationalPortal>(), sp.GetRequiredService<PortalMapping>(), sp.GetRequiredService<TimeProvider>()));
        if (options.Portal.SyncEnabled)
        {
            services.AddHostedService<PortalSyncService>();
        }

        return services;
    }

    internal static INationalPortal Portal(IntegrationOptions.PortalOptions options, BpmPaths paths, IHttpClientFactory http) => options.Transport switch
    {
        "file" => new FileNationalPortal(Path.GetFullPath(options.File, paths.DataPath)),
        "http" when options.BaseAddress is { IsAbsoluteUri: true } root => new HttpNationalPortal(http.CreateClient("national-portal"), WithSlash(root), options.Token),
        "http" => throw new IntegrationConfigurationException($"{IntegrationOptions.Section}:Portal:Transport is http, but {IntegrationOptions.Section}:Portal:BaseAddress is not an absolute URL"),
        var other => throw new IntegrationConfigurationException($"{IntegrationOptions.Section}:Portal:Transport is '{other}'; it must be file or http"),
    };

    internal static IPopulationRegistry Population(IntegrationOptions.PopulationOptions options, BpmPaths paths, IHttpClientFactory http, TimeProvider time) => options.Transport switch
    {
        "file" => new FilePopulationRegistry(Path.GetFullPath(options.File, paths.RepositoryRoot), time),
        "http" when options.BaseAddress is { IsAbsoluteUri: true } root => new HttpPopulationRegistry(http.CreateClient("population-registry"), WithSlash(root), options.Token, time),
        "http" => throw new IntegrationConfigurationException($"{IntegrationOptions.Section}:Population:Transport is http, but {IntegrationOptions.Section}:Population:BaseAddress is not an absolute URL"),
        var other => throw new IntegrationConfigurationException($"{IntegrationOptions.Section}:Population:Transport is '{other}'; it must be file or http"),
    };

    // A base without its final slash would drop its last segment when "dossiers/status" is resolved against it.
    private static Uri WithSlash(Uri root) => root.AbsoluteUri.EndsWith('/') ? root : new Uri(root.AbsoluteUri + "/");

    /// <summary>Every <c>Bpm:Integration:Portal:SyncInterval</c> (15 s), one sync pass.</summary>
    private sealed class PortalSyncService(IServiceScopeFactory scopes, INationalPortal portal, IntegrationOptions options, TimeProvider time, ILogger<PortalSyncService> logger)
        : PeriodicPass(scopes, options.Portal.SyncInterval, time, logger)
    {
        // Resolved at start: a wrong transport or mapping fails the start, not the first pass.
        private readonly INationalPortal _portal = portal;

        protected override async Task<string?> PassAsync(IServiceProvider services, CancellationToken cancellationToken)
        {
            var pass = await services.GetRequiredService<PortalSync>().SyncAsync(cancellationToken: cancellationToken);
            return pass.Synced + pass.Retrying + pass.GaveUp > 0 ? $"{_portal.Name}: {pass.Synced} statuses taken, {pass.Retrying} to retry, {pass.GaveUp} given up" : null;
        }
    }
}
