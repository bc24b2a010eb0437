using Bpm.Dossiers.Handoffs;
using Bpm.Engine;
using Bpm.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Features.Handoffs;

/// <summary>
/// Handoffs across installations (docs/handoffs.md): the endpoints partner installations call,
/// anonymous and signed — a handoff to start here, its cancel, and the answer to one sent from
/// here — and the background pass that sends this installation's own messages to its partners.
/// </summary>
public static class HandoffsApi
{
    public static IServiceCollection AddBpmHandoffs(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(HandoffOptions.Section).Get<HandoffOptions>() ?? new HandoffOptions();
        // Checked here, so that a wrong partner setting stops the server with the setting named.
        var partners = new HandoffPartners(options);
        services.AddSingleton(partners);
        services.AddSingleton(sp => new HandoffCoordinator(
            () => new BpmDbContext(sp.GetRequiredService<DbContextOptions<BpmDbContext>>()),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<DefinitionCache>(),
            sp.GetRequiredService<EngineOptions>(),
            partners));
        services.AddSingleton(sp => new PartnerHandoffs(
            () => new BpmDbContext(sp.GetRequiredService<DbContextOptions<BpmDbContext>>()),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<DefinitionCache>(),
            sp.GetRequiredService<EngineOptions>(),
            sp.GetRequiredService<HandoffCoordinator>()));
        services.AddHttpClient(nameof(HandoffSender));
        if (options.Partners.Count > 0 && configuration.GetValue("Bpm:Handoffs:DispatchEnabled", true))
        {
            services.AddHostedService<PartnerMessageSender>();
        }

        return services;
    }

    public static void MapHandoffsApi(this IEndpointRouteBuilder app)
    {
        var handoffs = app.MapGroup("/api/v1/handoffs").WithTags("Liên thông giữa các hệ thống").AllowAnonymous();
        handoffs.MapPost("/inbound", ReceiveAsync).WithSummary("Hệ thống đối tác chuyển hồ sơ liên thông đến (có chữ ký)");
        handoffs.MapPost("/inbound/cancel", CancelAsync).WithSummary("Hệ thống đối tác thu hồi hồ sơ liên thông đã chuyển (có chữ ký)");
        handoffs.MapPost("/callback", AnswerAsync).WithSummary("Hệ thống đối tác trả lời hồ sơ liên thông đã nhận (có chữ ký)");
    }

    private static Task<Results<Ok<HandoffAcknowledgement>, ProblemHttpResult>> ReceiveAsync(
        HttpRequest request, HandoffPartners partners, PartnerHandoffs handoffs, TimeProvider time, ILogger<PartnerHandoffs> logger, CancellationToken cancellationToken) =>
        HandleAsync<HandoffRequest>(request, partners, time, logger, (v, ct) => handoffs.ReceiveAsync(v.Partner, v.BodySha256, v.Message, ct), cancellationToken);

    private static Task<Results<Ok<HandoffAcknowledgement>, ProblemHttpResult>> CancelAsync(
        HttpRequest request, HandoffPartners partners, PartnerHandoffs handoffs, TimeProvider time, ILogger<PartnerHandoffs> logger, CancellationToken cancellationToken) =>
        HandleAsync<HandoffCancel>(request, partners, time, logger, (v, ct) => handoffs.CancelAsync(v.Partner, v.Message, ct), cancellationToken);

    private static Task<Results<Ok<HandoffAcknowledgement>, ProblemHttpResult>> AnswerAsync(
        HttpRequest request, HandoffPartners partners, PartnerHandoffs handoffs, TimeProvider time, ILogger<PartnerHandoffs> logger, CancellationToken cancellationToken) =>
        HandleAsync<HandoffAnswer>(request, partners, time, logger, (v, ct) => handoffs.TakeAnswerAsync(v.Partner, v.Message, ct), cancellationToken);

    private static async Task<Results<Ok<HandoffAcknowledgement>, ProblemHttpResult>> HandleAsync<T>(
        HttpRequest request, HandoffPartners partners, TimeProvider time, ILogger logger,
        Func<PartnerRequests.Verified<T>, CancellationToken, Task<PartnerOutcome>> handle, CancellationToken cancellationToken)
        where T : class
    {
        var (verified, problem) = await PartnerRequests.ReadAsync<T>(request, partners, time, logger, cancellationToken);
        if (verified is null)
        {
            return problem!;
        }

        var outcome = await handle(verified, cancellationToken);
        return outcome.Refusal is { } refusal
            ? PartnerRequests.Problem(refusal, logger, request, verified.Partner.Id)
            : TypedResults.Ok(outcome.Acknowledgement!);
    }

    /// <summary>Every <c>Bpm:Handoffs:DispatchInterval</c> (5 s), one send pass; a failing pass is logged and the next one tries again.</summary>
    private sealed class PartnerMessageSender(IServiceScopeFactory scopes, HandoffPartners partners, IHttpClientFactory clients, IConfiguration configuration, TimeProvider time, ILogger<HandoffSender> logger) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            var interval = configuration.GetValue("Bpm:Handoffs:DispatchInterval", TimeSpan.FromSeconds(5));
            using var timer = new PeriodicTimer(interval, time);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var sender = new HandoffSender(scope.ServiceProvider.GetRequiredService<BpmDbContext>(), partners, clients.CreateClient(nameof(HandoffSender)), time);
                    var pass = await sender.SendAsync(cancellationToken: stoppingToken);
                    if (pass.Acknowledged + pass.Retrying + pass.GaveUp > 0)
                    {
                        logger.LogInformation("Handoff messages: {Acknowledged} acknowledged, {Retrying} to retry, {GaveUp} refused for good", pass.Acknowledged, pass.Retrying, pass.GaveUp);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Handoff message pass failed; the next pass tries again");
                }
            }
        }
    }
}
