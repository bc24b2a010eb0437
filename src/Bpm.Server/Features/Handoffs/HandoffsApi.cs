using Bpm.Dossiers.Handoffs;
using Bpm.Engine;
using Bpm.Papers;
using Bpm.Server.Features.Dossiers;
using Bpm.Persistence;
using Bpm.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
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
        services.AddSingleton(sp => new PartnerPapers(
            () => new BpmDbContext(sp.GetRequiredService<DbContextOptions<BpmDbContext>>()),
            sp.GetRequiredService<IPaperStore>(),
            sp.GetRequiredService<TimeProvider>()));
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
        // Room for the largest file the store takes; a longer body is refused while it is read (413), one far longer by Kestrel.
        var maxFile = app.ServiceProvider.GetRequiredService<PaperOptions>().MaxFileBytes;
        handoffs.MapPost("/inbound/papers", ReceivePaperAsync).WithMetadata(new RequestSizeLimitAttribute(maxFile + DossierPapers.FramingBytes))
            .WithSummary("Hệ thống đối tác gửi tệp giấy tờ của hồ sơ liên thông đã chuyển (có chữ ký)");
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

    private static async Task<Results<Ok<HandoffAcknowledgement>, ProblemHttpResult>> ReceivePaperAsync(
        HttpRequest request, HandoffPartners partners, PartnerPapers papers, TimeProvider time, ILogger<PartnerPapers> logger, CancellationToken cancellationToken)
    {
        var (partner, body, sha256, problem) = await PartnerRequests.ReadFileAsync(request, partners, papers.MaxFileBytes, time, logger, cancellationToken);
        if (partner is null)
        {
            return problem!;
        }

        var outcome = await papers.ReceiveAsync(
            partner, request.Headers[HandoffPaperFile.HandoffKeyHeader].FirstOrDefault(), request.Headers[HandoffPaperFile.FileIdHeader].FirstOrDefault(), body!, sha256!, cancellationToken);
        return outcome.Refusal is { } refusal
            ? PartnerRequests.Problem(refusal, logger, request, partner.Id)
            : TypedResults.Ok(outcome.Acknowledgement!);
    }

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

    /// <summary>Every <c>Bpm:Handoffs:DispatchInterval</c> (5 s), one send pass.</summary>
    private sealed class PartnerMessageSender(IServiceScopeFactory scopes, HandoffPartners partners, IHttpClientFactory clients, IConfiguration configuration, TimeProvider time, ILogger<PartnerMessageSender> logger)
        : PeriodicPass(scopes, configuration.GetValue("Bpm:Handoffs:DispatchInterval", TimeSpan.FromSeconds(5)), time, logger)
    {
        private readonly TimeProvider _time = time;

        protected override async Task<string?> PassAsync(IServiceProvider services, CancellationToken cancellationToken)
        {
            var sender = new HandoffSender(services.GetRequiredService<BpmDbContext>(), partners, clients.CreateClient(nameof(HandoffSender)), _time, services.GetRequiredService<IPaperStore>());
            var pass = await sender.SendAsync(cancellationToken: cancellationToken);
            return pass.Acknowledged + pass.Retrying + pass.GaveUp > 0
                ? $"{pass.Acknowledged} acknowledged, {pass.Retrying} to retry, {pass.GaveUp} refused for good"
                : null;
        }
    }
}
