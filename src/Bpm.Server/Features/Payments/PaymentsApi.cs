using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Text.Json;
using Bpm.Payments;
using Bpm.Persistence;
using Bpm.Server.Features.Dossiers;
using Bpm.Server.Hosting;
using Bpm.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bpm.Server.Features.Payments;

/// <summary>
/// Fee steps paid (docs/payments.md): staff ask for a dossier's fees, the provider calls back
/// signed, or the desk takes cash; a paid payment completes the fee step.
/// </summary>
public static class PaymentsApi
{
    /// <summary>A callback is a few hundred bytes; anything larger is not one.</summary>
    public const int MaxCallbackBytes = 16 * 1024;

    public sealed record PaymentResponse(
        string Id, string DossierCode, long AmountVnd, string Status, string Provider, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? PaidAt, string? PaidBy, string? TransactionId,
        JsonElement Items, string? PayUrl, EInvoice? EInvoice, string? EInvoiceError);

    public sealed record CashRequest([property: Range(1, long.MaxValue)] long AmountVnd, [property: Required, MaxLength(100)] string ReceiptNumber);

    public sealed record OutcomeResponse(string Outcome, string? Reason, PaymentResponse? Payment);

    public static IServiceCollection AddBpmPayments(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(PaymentOptions.Section).Get<PaymentOptions>() ?? new PaymentOptions();
        options.SimulatedBankEnabled ??= environment.IsDevelopment();
        var key = options.SimulatedBankKey is { Length: > 0 } configured
            ? Encoding.UTF8.GetBytes(configured)
            : System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        services.AddSingleton(Options.Create(options));
        services.AddSingleton(new SimulatedBank(key));
        services.AddScoped(sp => new PaymentLedger(sp.GetRequiredService<BpmDbContext>(), sp.GetRequiredService<TimeProvider>(), [sp.GetRequiredService<SimulatedBank>()]));
        // A real provider's adapter replaces this registration; the simulated one is named as such wherever it shows.
        services.AddSingleton<IEInvoiceProvider>(sp => new SimulatedEInvoiceProvider(sp.GetRequiredService<TimeProvider>()));
        services.AddScoped(sp => new EInvoiceIssuer(sp.GetRequiredService<BpmDbContext>(), sp.GetRequiredService<IEInvoiceProvider>()));
        if (configuration.GetValue("Bpm:Payments:EInvoiceRetryEnabled", true))
        {
            services.AddHostedService<EInvoiceRetry>();
        }

        return services;
    }

    /// <summary>Every <c>Bpm:Payments:EInvoiceRetryInterval</c> (1 min), paid payments still without an e-invoice are tried again.</summary>
    private sealed class EInvoiceRetry(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<EInvoiceRetry> logger)
        : PeriodicPass(scopes, configuration.GetValue("Bpm:Payments:EInvoiceRetryInterval", TimeSpan.FromMinutes(1)), time, logger)
    {
        protected override async Task<string?> PassAsync(IServiceProvider services, CancellationToken cancellationToken)
        {
            var issued = await services.GetRequiredService<EInvoiceIssuer>().RetryAsync(cancellationToken: cancellationToken);
            return issued > 0 ? $"{issued} e-invoices issued on retry" : null;
        }
    }

    public static IEndpointRouteBuilder MapPaymentsApi(this IEndpointRouteBuilder app)
    {
        var dossiers = app.MapGroup("/api/v1/dossiers/{code}/payments").WithTags("Thu phí, lệ phí");
        dossiers.MapGet("/", ListAsync).RequireAuthorization(Policies.Authenticated).WithSummary("Các khoản phí, lệ phí của hồ sơ");
        dossiers.MapPost("/", RequestAsync).RequireAuthorization(Policies.Staff).WithSummary("Đề nghị nộp phí, lệ phí ở bước thu phí của hồ sơ");
        var payments = app.MapGroup("/api/v1/payments").WithTags("Thu phí, lệ phí");
        payments.MapPost("/{id}/cash", CashAsync).RequireAuthorization(Policies.Staff).WithSummary("Thu tiền mặt tại Bộ phận Một cửa");
        payments.MapPost("/callbacks/{provider}", CallbackAsync).AllowAnonymous().WithSummary("Ngân hàng / nền tảng thanh toán báo kết quả (có chữ ký)");
        app.MapGet("/simulated-bank/pay/{id}", SimulatedPayPageAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/simulated-bank/pay/{id}", SimulatedPayAsync).AllowAnonymous().WithTags("Ngân hàng giả lập").WithSummary("Ngân hàng giả lập: người nộp thanh toán (chỉ để thử)")
            .Produces<OutcomeResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<Results<Ok<List<PaymentResponse>>, ProblemHttpResult>> ListAsync(string code, BpmDbContext db, CallerAccessor callers, PaymentLedger ledger, CancellationToken cancellationToken)
    {
        var caller = await callers.GetAsync(cancellationToken);
        if (!await db.Dossiers.AsNoTracking().VisibleTo(db, caller).AnyAsync(d => d.Code == code, cancellationToken))
        {
            return Problems.NotFound(DossierAccess.NotFound(code));
        }

        var payments = await db.Payments.AsNoTracking().Where(p => p.DossierCode == code).OrderBy(p => p.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(payments.Select(p => Response(p, ledger)).ToList());
    }

    /// <summary>Also called by the dossier page's payments (DossierPayments.razor), so the desk and the API ask the same way.</summary>
    internal static async Task<Results<Created<PaymentResponse>, ProblemHttpResult>> RequestAsync(
        string code, BpmDbContext db, DefinitionCache definitions, CommandExecutor executor, CallerAccessor callers, PaymentLedger ledger, DossierNotices notices,
        IOptions<PaymentOptions> options, CancellationToken cancellationToken)
    {
        var caller = await callers.GetAsync(cancellationToken);
        if (!await db.Dossiers.AsNoTracking().VisibleTo(db, caller).AnyAsync(d => d.Code == code, cancellationToken))
        {
            return Problems.NotFound(DossierAccess.NotFound(code));
        }

        var step = await FeeSteps.OpenAsync(db, code, cancellationToken);
        if (step is null)
        {
            return Problems.Conflict($"Hồ sơ {code} không đang ở bước thu phí, lệ phí.");
        }

        if (await db.Payments.AnyAsync(p => p.DossierCode == code && p.Status == PaymentStatus.Pending, cancellationToken))
        {
            return Problems.Conflict($"Hồ sơ {code} đã có khoản đề nghị nộp đang chờ thanh toán; thu khoản đó hoặc chờ nó hết hạn.");
        }

        var (breakdown, error) = await FeeSteps.BreakdownAsync(db, definitions, step, cancellationToken);
        if (breakdown is null)
        {
            return Problems.Conflict(error is null
                ? $"Bước '{step.Name ?? step.ElementId}' không có khoản phí nào (bpm:feeItems hay bpm:feeSchedule)."
                : $"Không tính được phí, lệ phí của bước '{step.Name ?? step.ElementId}' từ thông tin hồ sơ: {error}.");
        }

        if (breakdown.Lines.Count == 0)
        {
            return Problems.Conflict($"Biểu phí '{breakdown.ScheduleId}' không thu khoản nào với thông tin của hồ sơ {code}; kiểm tra điều kiện của các khoản phí.");
        }

        // The payment-due notice commits with the request, so a request the applicant is not told about cannot be left behind.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (payment, instruction) = await ledger.RequestAsync(code, breakdown, options.Value.Provider, options.Value.ValidFor, cancellationToken);
        if (instruction is not null)
        {
            var dossier = await db.Dossiers.AsNoTracking().FirstAsync(d => d.Code == code, cancellationToken);
            await notices.EnqueuePaymentDueAsync(db, dossier, payment.Id, payment.AmountVnd, payment.ExpiresAt, HowToPay(instruction, options.Value), payment.CreatedAt, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        if (instruction is null)
        {
            // Every fee exempt: nothing to collect, so the fee step goes on at once.
            await FeeSteps.CompleteAsync(db, executor, payment, cancellationToken);
        }

        return TypedResults.Created($"/api/v1/dossiers/{code}/payments", Response(payment, ledger));
    }

    /// <summary>Also called by the dossier page's cash form (DossierPayments.razor).</summary>
    internal static async Task<Results<Ok<OutcomeResponse>, ProblemHttpResult>> CashAsync(
        string id, CashRequest request, BpmDbContext db, CommandExecutor executor, CallerAccessor callers, PaymentLedger ledger, EInvoiceIssuer invoices, CancellationToken cancellationToken)
    {
        var caller = await callers.GetAsync(cancellationToken);
        var payment = await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (payment is null || !await db.Dossiers.AsNoTracking().VisibleTo(db, caller).AnyAsync(d => d.Code == payment.DossierCode, cancellationToken))
        {
            return Problems.NotFound($"Không có khoản thanh toán mã '{id}'.");
        }

        var outcome = await ledger.PayCashAsync(id, request.AmountVnd, request.ReceiptNumber.Trim(), caller.UserName, cancellationToken);
        return await SettledAsync(outcome, db, executor, ledger, invoices, cancellationToken);
    }

    private static async Task<Results<Ok<OutcomeResponse>, ProblemHttpResult>> CallbackAsync(
        string provider, HttpRequest request, BpmDbContext db, CommandExecutor executor, PaymentLedger ledger, EInvoiceIssuer invoices, CancellationToken cancellationToken)
    {
        if (!ledger.Has(provider))
        {
            return Problems.NotFound($"Không có nhà cung cấp thanh toán '{provider}'.");
        }

        var body = await BoundedBody.ReadAsync(request, MaxCallbackBytes, cancellationToken);
        if (body is null)
        {
            return Problems.TooLarge("body", $"Thông báo thanh toán dài quá {MaxCallbackBytes} byte.");
        }

        var outcome = await ledger.AcceptCallbackAsync(provider, body, request.Headers["X-Signature"].FirstOrDefault(), cancellationToken);
        return await SettledAsync(outcome, db, executor, ledger, invoices, cancellationToken);
    }

    /// <summary>The simulated bank's pay page, where the notice's link leads; its button posts to <see cref="SimulatedPayAsync"/>.</summary>
    private static async Task<IResult> SimulatedPayPageAsync(string id, BpmDbContext db, IOptions<PaymentOptions> options, CancellationToken cancellationToken)
    {
        if (options.Value.SimulatedBankEnabled != true)
        {
            return SimulatedBankOff;
        }

        var payment = await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        return new RazorComponentResult<SimulatedBankPage>(new { Id = id, Payment = payment }) { StatusCode = payment is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK };
    }

    /// <summary>The simulated bank pays: a signed callback made and taken in-process. The pay page's form gets the page back with the outcome; any other caller the JSON answer.</summary>
    private static async Task<IResult> SimulatedPayAsync(
        string id, HttpRequest request, BpmDbContext db, CommandExecutor executor, PaymentLedger ledger, EInvoiceIssuer invoices, SimulatedBank bank, IOptions<PaymentOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (options.Value.SimulatedBankEnabled != true)
        {
            return SimulatedBankOff;
        }

        var payment = await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (payment is null)
        {
            return request.HasFormContentType
                ? new RazorComponentResult<SimulatedBankPage>(new { Id = id }) { StatusCode = StatusCodes.Status404NotFound }
                : Problems.NotFound($"Không có khoản thanh toán mã '{id}'.");
        }

        var body = SimulatedBank.Body(new ProviderCallback(payment.Id, "GIALAP-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant(), payment.AmountVnd, time.GetUtcNow()));
        var outcome = await ledger.AcceptCallbackAsync(bank.Name, body, bank.Sign(body), cancellationToken);
        var settled = (await SettledAsync(outcome, db, executor, ledger, invoices, cancellationToken)).Result;
        if (!request.HasFormContentType)
        {
            return settled;
        }

        var now = await db.Payments.AsNoTracking().FirstAsync(p => p.Id == id, cancellationToken);
        return new RazorComponentResult<SimulatedBankPage>(new { Id = id, Payment = now, Outcome = outcome })
        {
            StatusCode = outcome.Outcome == PaymentOutcome.RejectedOutcome ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK,
        };
    }

    private static ProblemHttpResult SimulatedBankOff => Problems.NotFound("Ngân hàng giả lập không bật trên máy chủ này (Bpm:Payments:SimulatedBankEnabled).");

    /// <summary>Paid (or paid before, by this same transaction): the fee step goes on. Rejected: 422 with the reason, nothing paid.</summary>
    private static async Task<Results<Ok<OutcomeResponse>, ProblemHttpResult>> SettledAsync(PaymentOutcome outcome, BpmDbContext db, CommandExecutor executor, PaymentLedger ledger, EInvoiceIssuer invoices, CancellationToken cancellationToken)
    {
        if (outcome.Outcome == PaymentOutcome.RejectedOutcome)
        {
            return Problems.Unprocessable("Không ghi nhận thanh toán", outcome.Reason ?? "", new Dictionary<string, object?> { ["outcome"] = outcome.Outcome });
        }

        // Also on a duplicate: a first callback may have been recorded while completing the step failed.
        await FeeSteps.CompleteAsync(db, executor, outcome.Payment!, cancellationToken);
        // After the payment committed: a provider's failure is recorded on the payment and retried, never undoes it.
        await invoices.IssueAsync(outcome.Payment!.Id, cancellationToken);
        var payment = await db.Payments.AsNoTracking().FirstAsync(p => p.Id == outcome.Payment!.Id, cancellationToken);
        return TypedResults.Ok(new OutcomeResponse(outcome.Outcome, outcome.Reason, Response(payment, ledger)));
    }

    /// <summary>The applicant's ways to pay: the provider's link (absolute under <see cref="PaymentOptions.PayBaseUrl"/>), or cash at the desk.</summary>
    internal static string HowToPay(PaymentInstruction instruction, PaymentOptions options)
    {
        var link = options.PayBaseUrl is { IsAbsoluteUri: true } root && !Uri.IsWellFormedUriString(instruction.PayUrl, UriKind.Absolute)
            ? new Uri(root, instruction.PayUrl).ToString()
            : instruction.PayUrl;
        return $"thanh toán trực tuyến tại {link} ({instruction.Note}), hoặc nộp tiền mặt tại Bộ phận Một cửa";
    }

    private static PaymentResponse Response(PaymentRecord p, PaymentLedger ledger) => new(
        p.Id, p.DossierCode, p.AmountVnd, p.Status, p.Provider, p.CreatedAt, p.ExpiresAt, p.PaidAt, p.PaidBy, p.TransactionId,
        JsonDocument.Parse(p.Items).RootElement.Clone(),
        p.Status == PaymentStatus.Pending && ledger.Has(p.Provider) ? ledger.Provider(p.Provider).Instruct(p.Id, p.AmountVnd, p.ExpiresAt).PayUrl : null,
        EInvoice.FromJson(p.EInvoice), p.EInvoiceError);
}
