using System.Text.Json;
using System.Text.Json.Serialization;
using Bpm.Documents;
using Bpm.Engine;
using Bpm.Organisation;
using Bpm.Persistence;
using Bpm.Scheduling;
using Microsoft.EntityFrameworkCore;
using Bpm.Server.Components;
using Bpm.Server.Features.Account;
using Bpm.Server.Features.Catalog;
using Bpm.Server.Features.Dossiers;
using Bpm.Server.Features.Definitions;
using Bpm.Server.Features.Desk;
using Bpm.Server.Features.Documents;
using Bpm.Server.Features.Handoffs;
using Bpm.Server.Features.Home;
using Bpm.Server.Features.Inbox;
using Bpm.Server.Features.Instances;
using Bpm.Server.Features.Integration;
using Bpm.Server.Features.Organisation;
using Bpm.Server.Features.Reports;
using Bpm.Server.Features.Tasks;
using Bpm.Server.Security;
using Bpm.Server.Seeding;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Scalar.AspNetCore;

using Bpm.Server.Features.Payments;
using Bpm.Server.Features.Public;

namespace Bpm.Server.Hosting;

/// <summary>What Program.cs calls: services, middleware and endpoints of the server.</summary>
public static class ServerExtensions
{
    /// <summary>The default address when none is configured (<c>--urls</c>, <c>ASPNETCORE_URLS</c>).</summary>
    public const string DefaultUrl = "http://localhost:5080";

    public static void AddBpmServer(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]) && string.IsNullOrWhiteSpace(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        if (!builder.Environment.IsDevelopment() && builder.Configuration["Logging:Console:FormatterName"] is null)
        {
            // Structured logs by default outside development: one JSON object per line, scopes included.
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
        }

        builder.AddBpmRequestLimits();

        var services = builder.Services;
        var paths = BpmPaths.Resolve(builder.Configuration, builder.Environment.ContentRootPath);
        var database = DatabaseOptions.Resolve(builder.Configuration, paths);
        services.AddSingleton(paths);
        services.AddSingleton(database);
        MovableClock.AddIfSwitchedOn(builder);
        services.TryAddSingletonTimeProvider();

        services.AddDbContext<OrganisationDbContext>(database.ConfigureOrganisation);
        services.AddSingleton(database.WorkflowOptions());
        services.AddScoped<BpmDbContext>();
        services.AddSingleton<DefinitionCache>();
        services.AddSingleton(new EngineOptions { Calendar = ServerCalendar.Load(paths) });
        builder.AddBpmDocuments(paths);
        services.AddScoped<DefinitionStore>();
        services.AddScoped<Bpm.Dossiers.Catalog.ProcedureCatalog>();
        services.AddScoped<Bpm.Server.Features.Dossiers.ReceivingUnits>();
        services.AddScoped<Bpm.Dossiers.Dossiers.DossierReception>();
        services.AddScoped<DossierForms>();
        var papers = builder.Configuration.GetSection(Bpm.Papers.PaperOptions.Section).Get<Bpm.Papers.PaperOptions>() ?? new Bpm.Papers.PaperOptions();
        papers.Validate();
        services.AddSingleton(papers);
        services.AddSingleton<Bpm.Papers.IPaperStore>(sp => new Bpm.Papers.FileSystemPaperStore(paths.DataPath, papers, sp.GetRequiredService<TimeProvider>()));
        services.AddScoped<JournalVerifier>();
        services.AddScoped(sp => new InstanceMigrator(sp.GetRequiredService<BpmDbContext>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<DefinitionCache>(), sp.GetRequiredService<EngineOptions>()));
        services.AddSingleton(new InstanceCache(builder.Configuration.GetValue(InstanceCache.SizeSetting, InstanceCache.DefaultSize)));
        services.AddScoped(sp => new CommandExecutor(
            sp.GetRequiredService<BpmDbContext>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<DefinitionCache>(),
            sp.GetRequiredService<EngineOptions>(),
            instances: sp.GetRequiredService<InstanceCache>()));
        services.AddScoped<StartupSeeder>();
        services.AddBpmPayments(builder.Configuration, builder.Environment);
        services.AddBpmNotices(builder.Configuration, paths);
        services.AddBpmHandoffs(builder.Configuration);
        services.AddBpmIntegration(builder.Configuration, paths);
        if (builder.Configuration.GetValue("Bpm:Timers:Enabled", true))
        {
            // SLA and other timers: Quartz on Bpm's database, fed from the outbox (src/Bpm.Scheduling).
            services.AddSingleton(new TimerStoreOptions(database.Provider, database.ConnectionString, $"{Environment.MachineName}-{Environment.ProcessId}"));
            services.AddSingleton<Func<BpmDbContext>>(sp => () => new BpmDbContext(sp.GetRequiredService<DbContextOptions<BpmDbContext>>()));
            services.AddHostedService<SchedulingWorker>();

            // Apology letters (form 04) rendered from workflows/templates when a leader signs one.
            services.AddSingleton(new DocumentRenderer(Path.Combine(paths.RepositoryRoot, "workflows", "templates")));
            services.AddSingleton<Func<OutboxMessage, CancellationToken, Task>>(sp => new ApologyLetterConsumer(
                sp.GetRequiredService<Func<BpmDbContext>>(),
                sp.GetRequiredService<DocumentRenderer>(),
                unit => AgencyOf(sp, unit),
                sp.GetRequiredService<TimeProvider>()).DeliverAsync);

            // Inter-connected handoffs: a handoff step starts the target agency's process for the dossier (docs/handoffs.md).
            services.AddSingleton<Func<OutboxMessage, CancellationToken, Task>>(sp => sp.GetRequiredService<Bpm.Dossiers.Handoffs.HandoffCoordinator>().DeliverAsync);
        }

        services.AddHttpContextAccessor();
        services.AddBpmUi();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            c.ProblemDetails.Extensions.TryAdd("traceId", Components.PageProblemWriter.RequestId(c.HttpContext)));
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        services.AddAntiforgery();
        // Keys in the data folder so that sign-in cookies survive a restart; several hosts share the folder or set another key ring.
        services.AddDataProtection().SetApplicationName("Bpm").PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(paths.DataPath, "keys")));
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Bpm API";
            document.Info.Description = "Quy trình nội bộ, hồ sơ và công việc của bộ phận Một cửa.";
            return Task.CompletedTask;
        }));
        services.AddHealthChecks()
            .AddDbContextCheck<BpmDbContext>("workflow-database")
            .AddDbContextCheck<OrganisationDbContext>("organisation-database");

        builder.AddBpmAuthentication();
        builder.AddBpmRateLimits();
        builder.AddBpmTelemetry();
    }

    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StartupSeeder>().RunAsync(app.Lifetime.ApplicationStopping);
    }

    public static void UseBpmServer(this WebApplication app)
    {
        app.UseBpmForwardedHeaders();
        app.UseBpmHeadAsGet();
        app.UseBpmSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseBpmRateLimits();
        app.UseBpmRequestLimits();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseBpmCrossSiteRequestCheck();
        app.UseAuthentication();
        app.UseBpmSessionValidation();
        app.UseAuthorization();
        app.UseAntiforgery();
    }

    public static void MapBpmEndpoints(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference("/api-docs", o => o.WithTitle("Bpm API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        app.MapHealthChecks("/health", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync });

        MovableClock.MapIfSwitchedOn(app);
        app.MapBpmUi();
        app.MapDesignerPlaceholder();
        app.MapAccountPages();
        app.MapSingleSignOn();
        app.MapDashboardExports();
        var api = app.MapGroup("").WithRequestLimits();
        api.MapAuthApi();
        api.MapOrganisationApi();
        api.MapDefinitionsApi();
        api.MapInstancesApi();
        api.MapTasksApi();
        api.MapDocumentsApi();
        api.MapUnitTemplatesApi();
        api.MapCatalogApi();
        api.MapPaymentsApi();
        api.MapHandoffsApi();
        api.MapDossiersApi();
        api.MapPublicApi();
        api.MapDeskApi();
        api.MapPopulationApi();
        api.MapInboxLiveApi();
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (services.All(s => s.ServiceType != typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }

    /// <summary>The agency block of a letter: the deciding unit and the unit above it, from the organisation tree.</summary>
    private static Agency AgencyOf(IServiceProvider services, string? unitCode)
    {
        using var scope = services.CreateScope();
        var units = scope.ServiceProvider.GetRequiredService<OrganisationDbContext>().Units;
        var unit = unitCode is null ? null : units.FirstOrDefault(u => u.Code == unitCode);
        var parent = unit?.ParentCode is { } code ? units.FirstOrDefault(u => u.Code == code) : null;
        return new Agency(parent?.Name ?? "", unit?.Name ?? unitCode ?? "", "");
    }
}
