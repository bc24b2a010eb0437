using System.Text;
using System.Text.Json;
using Bpm.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Bpm.Payments.Tests;

/// <summary>A computed breakdown recorded with its request, and the e-invoice of a paid payment (bank and cash), failures included, on a real database.</summary>
public abstract class FeesAndEInvoicesTestBase<TDatabase>(TDatabase database)
    where TDatabase : IDatabaseFixture
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 2, 30, 0, TimeSpan.Zero));
    private readonly SimulatedBank _bank = new(Encoding.UTF8.GetBytes("khoa-bi-mat-cua-ngan-hang-gia-lap"));

    private static readonly FeeSchedule Copies = BpmnLoader.Load("""
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpm="urn:bpm-vn:bpmn:1.0" id="d">
        <process id="p" isExecutable="true">
        <extensionElements>
          <bpm:feeSchedule id="BP-KS">
            <bpm:input name="hoNgheo" default="false"/>
            <bpm:fee code="PHI-BANSAO" name="Phí cấp bản sao trích lục khai sinh" amount="8000 * soBanSao" unit="bản"/>
            <bpm:exemption name="Miễn cho người thuộc hộ nghèo" fees="PHI-BANSAO" when="hoNgheo" percent="100" basis="(giả định của phép thử)"/>
          </bpm:feeSchedule>
        </extensionElements>
        <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="fee"/>
        <userTask id="fee" bpm:unit="U" bpm:role="accountant" bpm:kind="fee" bpm:feeSchedule="BP-KS"/>
        <sequenceFlow id="f2" sourceRef="fee" targetRef="e"/><endEvent id="e"/>
        </process>
        </definitions>
        """).Definition!.Main.NodesById["fee"].FeeSchedule!;

    private PaymentLedger Ledger() => new(database.CreateContext(), _time, [_bank]);

    private EInvoiceIssuer Issuer(IEInvoiceProvider? provider = null) => new(database.CreateContext(), provider ?? new SimulatedEInvoiceProvider(_time));

    private static string NewDossier() => $"000.00.12.H08-261201-{Random.Shared.Next(10000):D4}" + Guid.NewGuid().ToString("N")[..6];

    private static FeeBreakdown Breakdown(int copies, bool poor)
    {
        var variables = new Dictionary<string, JsonElement> { ["soBanSao"] = JsonSerializer.SerializeToElement(copies), ["hoNgheo"] = JsonSerializer.SerializeToElement(poor) };
        Assert.True(Copies.TryCompute(variables, out var breakdown, out var error), error);
        return breakdown!;
    }

    private async Task<string> PaidByBankAsync()
    {
        var (payment, _) = await Ledger().RequestAsync(NewDossier(), Breakdown(3, poor: false), SimulatedBank.ProviderName, TimeSpan.FromDays(2));
        var body = SimulatedBank.Body(new ProviderCallback(payment.Id, "GD-" + Guid.NewGuid().ToString("N")[..10], 24000, _time.GetUtcNow()));
        Assert.True((await Ledger().AcceptCallbackAsync(SimulatedBank.ProviderName, body, _bank.Sign(body))).IsPaid);
        return payment.Id;
    }

    private async Task<Persistence.PaymentRecord> PaymentAsync(string id)
    {
        await using var db = database.CreateContext();
        return await db.Payments.AsNoTracking().SingleAsync(p => p.Id == id);
    }

    [SkippableFact]
    public async Task Request_ComputedBreakdown_RecordedWithRuleAndTotal()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);

        var (payment, instruction) = await Ledger().RequestAsync(NewDossier(), Breakdown(3, poor: false), SimulatedBank.ProviderName, TimeSpan.FromDays(2));

        Assert.Equal(24000, instruction!.AmountVnd);
        var stored = await PaymentAsync(payment.Id);
        Assert.Equal((24000L, PaymentStatus.Pending), (stored.AmountVnd, stored.Status));
        var item = Assert.Single(PaymentItems.Read(stored.Items));
        Assert.Equal(new PaymentItem("PHI-BANSAO", "Phí cấp bản sao trích lục khai sinh", 24000, "8000 * soBanSao, tính theo bản", 24000, null), item);
    }

    [SkippableFact]
    public async Task Request_EveryFeeExempt_RecordedPaidByExemptWithTheBasisAndNoInstruction()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);

        var (payment, instruction) = await Ledger().RequestAsync(NewDossier(), Breakdown(2, poor: true), SimulatedBank.ProviderName, TimeSpan.FromDays(2));

        Assert.Null(instruction);
        var stored = await PaymentAsync(payment.Id);
        Assert.Equal((0L, PaymentStatus.Paid, PaymentItems.ExemptPaidBy), (stored.AmountVnd, stored.Status, stored.PaidBy));
        var item = Assert.Single(PaymentItems.Read(stored.Items));
        Assert.Equal((16000L, 0L, "(giả định của phép thử)"), (item.BaseAmountVnd!.Value, item.AmountVnd, item.Exemption!.Basis));
        // Nothing was collected, so there is nothing to invoice.
        Assert.Null(await Issuer().IssueAsync(payment.Id));
    }

    [SkippableFact]
    public async Task Issue_AfterBankPayment_RecordedOnceAndTheSameOnRetry()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var id = await PaidByBankAsync();

        var invoice = await Issuer().IssueAsync(id);
        var again = await Issuer().IssueAsync(id);

        Assert.NotNull(invoice);
        Assert.Equal(invoice, again);
        Assert.Equal((SimulatedEInvoiceProvider.ProviderName, "GL26", 7), (invoice.Provider, invoice.Series, invoice.Number.Length));
        var stored = await PaymentAsync(id);
        Assert.Equal((invoice, 1, (string?)null), (EInvoice.FromJson(stored.EInvoice), stored.EInvoiceAttempts, stored.EInvoiceError));
    }

    [SkippableFact]
    public async Task Issue_AfterCash_RecordedAndListedInTheDaysReceipts()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var (payment, _) = await Ledger().RequestAsync(NewDossier(), Breakdown(1, poor: false), SimulatedBank.ProviderName, TimeSpan.FromDays(2));
        var receipt = "BL-" + Guid.NewGuid().ToString("N")[..8];
        Assert.True((await Ledger().PayCashAsync(payment.Id, 8000, receipt, "quay.motcua")).IsPaid);

        var invoice = await Issuer().IssueAsync(payment.Id);
        await using var db = database.CreateContext();
        var report = await Reconciliation.ForDayAsync(db, SimulatedBank.ProviderName, new DateOnly(2026, 12, 1), []);

        Assert.NotNull(invoice);
        var listed = Assert.Single(report.Receipts, p => p.Id == payment.Id);
        Assert.Equal(invoice, EInvoice.FromJson(listed.EInvoice));
        var line = Reconciliation.ReceiptsCsv(report).Split('\n').Single(l => l.StartsWith(payment.Id + ",", StringComparison.Ordinal));
        Assert.Equal($"{payment.Id},{payment.DossierCode},cash,{receipt},8000,01/12/2026 09:30,{SimulatedEInvoiceProvider.ProviderName},GL-01,GL26,{invoice.Number},{invoice.LookupCode},", line);
    }

    [SkippableFact]
    public async Task Issue_ProviderFails_PaymentStaysPaidErrorKeptAndRetryIssues()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var id = await PaidByBankAsync();

        var failed = await Issuer(new FailingProvider()).IssueAsync(id);
        var afterFailure = await PaymentAsync(id);
        var retried = await Issuer().RetryAsync(batch: 1000);
        var afterRetry = await PaymentAsync(id);

        Assert.Null(failed);
        Assert.Equal((PaymentStatus.Paid, 1, "failing: máy chủ hóa đơn không trả lời"), (afterFailure.Status, afterFailure.EInvoiceAttempts, afterFailure.EInvoiceError));
        Assert.Null(afterFailure.EInvoice);
        Assert.True(retried >= 1);
        Assert.Equal((2, (string?)null), (afterRetry.EInvoiceAttempts, afterRetry.EInvoiceError));
        Assert.NotNull(EInvoice.FromJson(afterRetry.EInvoice));
    }

    private sealed class FailingProvider : IEInvoiceProvider
    {
        public string Name => "failing";

        public Task<EInvoice> IssueAsync(EInvoiceRequest request, CancellationToken cancellationToken) =>
            throw new HttpRequestException("máy chủ hóa đơn không trả lời");
    }
}

public sealed class SqliteFeesAndEInvoicesTests(SqliteFixture database)
    : FeesAndEInvoicesTestBase<SqliteFixture>(database), IClassFixture<SqliteFixture>;

public sealed class PostgreSqlFeesAndEInvoicesTests(PostgresFixture database)
    : FeesAndEInvoicesTestBase<PostgresFixture>(database), IClassFixture<PostgresFixture>;
