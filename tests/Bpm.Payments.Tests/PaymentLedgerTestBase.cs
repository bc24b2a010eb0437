using System.Text;
using Bpm.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Bpm.Payments.Tests;

/// <summary>The fee step's payments on a real database: paid, unpaid, late, forged, of another amount, twice, at once.</summary>
public abstract class PaymentLedgerTestBase<TDatabase>(TDatabase database)
    where TDatabase : IDatabaseFixture
{
    private static readonly FeeItem[] BirthCopies = [new("LP-KS", 8000, "Lệ phí cấp bản sao trích lục khai sinh"), new("PHI-BS", 3000, "Phí cấp bản sao")];

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 2, 30, 0, TimeSpan.Zero));
    private readonly SimulatedBank _bank = new(Encoding.UTF8.GetBytes("khoa-bi-mat-cua-ngan-hang-gia-lap"));

    private PaymentLedger Ledger() => new(database.CreateContext(), _time, [_bank]);

    private static string NewDossier() => $"000.00.12.H08-261201-{Random.Shared.Next(10000):D4}" + Guid.NewGuid().ToString("N")[..6];

    private async Task<string> RequestAsync(string? dossier = null)
    {
        var (payment, instruction) = await Ledger().RequestAsync(dossier ?? NewDossier(), BirthCopies, SimulatedBank.ProviderName, TimeSpan.FromDays(2));
        Assert.Equal(11000, instruction.AmountVnd);
        return payment.Id;
    }

    private Task<PaymentOutcome> CallbackAsync(string paymentId, string transactionId, long amount, Func<string, string>? tamper = null, string? signature = null)
    {
        var body = SimulatedBank.Body(new ProviderCallback(paymentId, transactionId, amount, _time.GetUtcNow()));
        var sent = tamper?.Invoke(body) ?? body;
        return Ledger().AcceptCallbackAsync(SimulatedBank.ProviderName, sent, signature ?? _bank.Sign(body));
    }

    private async Task<Persistence.PaymentRecord> PaymentAsync(string id)
    {
        await using var db = database.CreateContext();
        return await db.Payments.AsNoTracking().SingleAsync(p => p.Id == id);
    }

    private async Task<List<Persistence.PaymentCallbackRecord>> CallbacksAsync(string paymentId)
    {
        await using var db = database.CreateContext();
        return await db.PaymentCallbacks.AsNoTracking().Where(c => c.PaymentId == paymentId).OrderBy(c => c.Id).ToListAsync();
    }

    [SkippableFact]
    public async Task Request_TwiceForOneDossier_NumberedInOrderWithTheItemsTotal()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var dossier = NewDossier();

        var first = await RequestAsync(dossier);
        var second = await RequestAsync(dossier);

        Assert.Equal($"TT-{dossier}-1", first);
        Assert.Equal($"TT-{dossier}-2", second);
        var payment = await PaymentAsync(first);
        Assert.Equal((11000L, PaymentStatus.Pending), (payment.AmountVnd, payment.Status));
        Assert.Contains("Lệ phí cấp bản sao trích lục khai sinh", payment.Items);
    }

    [SkippableFact]
    public async Task Callback_SignedRightAmountInTime_PaidWithReceipt()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var id = await RequestAsync();

        var outcome = await CallbackAsync(id, "GD-0001", 11000);

        Assert.True(outcome.IsPaid, outcome.Reason);
        var payment = await PaymentAsync(id);
        Assert.Equal((PaymentStatus.Paid, "bank", "GD-0001"), (payment.Status, payment.PaidBy, payment.TransactionId));
        Assert.Contains("GD-0001", payment.Receipt);
        Assert.Equal(PaymentOutcome.PaidOutcome, Assert.Single(await CallbacksAsync(id)).Outcome);
    }

    [SkippableFact]
    public async Task Callback_SameTransactionAgain_DuplicateNotPaidTwice()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var id = await RequestAsync();
        await CallbackAsync(id, "GD-0002", 11000);
        var paidAt = (await PaymentAsync(id)).PaidAt;
        _time.Advance(TimeSpan.FromMinutes(3));

        var again = await CallbackAsync(id, "GD-0002", 11000);

        Assert.Equal(PaymentOutcome.DuplicateOutcome, again.Outcome);
        Assert.Equal(paidAt, (await PaymentAsync(id)).PaidAt);
        Assert.Equal([PaymentOutcome.PaidOutcome, PaymentOutcome.DuplicateOutcome], (await CallbacksAsync(id)).Select(c => c.Outcome));
    }

    [SkippableFact]
    public async Task Callback_SecondTransactionForAPaidPayment_RejectedForRefund()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var id = await RequestAsync();
        await CallbackAsync(id, "GD-0003", 11000);

        var second = await CallbackAsync(id, "GD-0004", 11000);

        Assert.Equal(PaymentOutcome.RejectedOutcome, second.Outcome);
        Assert.Contains("GD-0004 cần hoàn tiền", second.Reason);
        Assert.Equal("GD-0003", (await PaymentAsync(id)).TransactionId);
    }

    [SkippableFact]
    public async Task Callback_Forged_RejectedAndLoggedNothingPaid()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var id = await RequestAsync();

        var changedAmount = await CallbackAsync(id, "GD-0005", 11000, tamper: b => b.Replace("11000", "1000", StringComparison.Ordinal));
        var wrongKey = await CallbackAsync(id, "GD-0006", 11000, signature: new SimulatedBank(Encoding.UTF8.GetBytes("khoa-khac")).Sign("x"));
        var unsigned = await Ledger().AcceptCallbackAsync(SimulatedBank.ProviderName, SimulatedBank.Body(new ProviderCallback(id, "GD-0007", 11000, _time.GetUtcNow())), null);

        Assert.All(new[] { changedAmount, wrongKey, unsigned }, o =>
        {
            Assert.Equal(PaymentOutcome.RejectedOutcome, o.Outcome);
            Assert.StartsWith("chữ ký không đúng", o.Reason, StringComparison.Ordinal);
        });
        Assert.Equal(PaymentStatus.Pending, (await PaymentAsync(id)).Status);
        await using var db = database.CreateContext();
        Assert.True(await db.PaymentCallbacks.CountAsync(c => c.Body.Contains(id) && c.Outcome == PaymentOutcome.RejectedOutcome) >= 3);
    }

    [SkippableFact]
    public async Task Callback_OtherAmount_RejectedNamingBoth()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var id = await RequestAsync();

        var outcome = await CallbackAsync(id, "GD-0008", 10000);

        Assert.Equal("số tiền 10000 đồng khác số phải nộp 11000 đồng", outcome.Reason);
        Assert.Equal(PaymentStatus.Pending, (await PaymentAsync(id)).Status);
    }

    [SkippableFact]
    public async Task Callback_AfterTheExpiry_RejectedAsLate()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var id = await RequestAsync();
        _time.Advance(TimeSpan.FromDays(2) + TimeSpan.FromSeconds(1));

        var outcome = await CallbackAsync(id, "GD-0009", 11000);
        var expired = await Ledger().ExpireAsync();

        Assert.Equal(PaymentOutcome.RejectedOutcome, outcome.Outcome);
        Assert.StartsWith("đến sau hạn thanh toán", outcome.Reason, StringComparison.Ordinal);
        Assert.True(expired >= 1);
        Assert.Equal(PaymentStatus.Expired, (await PaymentAsync(id)).Status);
    }

    [SkippableFact]
    public async Task Callback_UnknownPaymentOrUnreadable_Rejected()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);

        var unknown = await CallbackAsync("TT-khong-co", "GD-0010", 11000);
        var body = "{ \"paymentId\": ";
        var unreadable = await Ledger().AcceptCallbackAsync(SimulatedBank.ProviderName, body, _bank.Sign(body));

        Assert.Equal("không có khoản thanh toán mã 'TT-khong-co'", unknown.Reason);
        Assert.StartsWith("không đọc được nội dung", unreadable.Reason, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Callbacks_TwoTransactionsAtOnce_ExactlyOnePays()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var id = await RequestAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => CallbackAsync(id, $"GD-1{i}", 11000))));

        Assert.Single(outcomes, o => o.IsPaid);
        Assert.All(outcomes.Where(o => !o.IsPaid), o => Assert.Equal(PaymentOutcome.RejectedOutcome, o.Outcome));
        Assert.Equal(6, (await CallbacksAsync(id)).Count);
    }

    [SkippableFact]
    public async Task Cash_AtTheDesk_PaidOnceAndReceiptNumberNotReused()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var id = await RequestAsync();
        var other = await RequestAsync();
        var receipt = "BL-" + Guid.NewGuid().ToString("N")[..8];

        var cash = await Ledger().PayCashAsync(id, 11000, receipt, "motcua.phuonglam");
        var reused = await Ledger().PayCashAsync(other, 11000, receipt, "motcua.phuonglam");
        var bankLate = await CallbackAsync(id, "GD-0011", 11000);

        Assert.True(cash.IsPaid, cash.Reason);
        var payment = await PaymentAsync(id);
        Assert.Equal(("cash", "motcua.phuonglam"), (payment.PaidBy, payment.ReceivedBy));
        Assert.Equal(PaymentOutcome.RejectedOutcome, reused.Outcome);
        Assert.Contains(receipt, reused.Reason);
        Assert.Equal(PaymentOutcome.RejectedOutcome, bankLate.Outcome);
    }

    [SkippableFact]
    public async Task Reconciliation_StatementAgainstBpm_FindsEachDifference()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        // A day of its own far from the other tests' days, so only this test's payments fall in it.
        _time.SetUtcNow(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(Random.Shared.Next(3000)));
        var day = DateOnly.FromDateTime(_time.GetUtcNow().ToOffset(TimeSpan.FromHours(7)).DateTime);
        var matched = await RequestAsync();
        var notOnStatement = await RequestAsync();
        var differs = await RequestAsync();
        await CallbackAsync(matched, "R-1", 11000);
        await CallbackAsync(notOnStatement, "R-2", 11000);
        await CallbackAsync(differs, "R-3", 11000);
        await CallbackAsync("TT-khong-co", "R-4", 11000);

        await using var db = database.CreateContext();
        var report = await Reconciliation.ForDayAsync(db, SimulatedBank.ProviderName, day,
            [new("R-1", matched, 11000), new("R-3", differs, 12000), new("R-9", "TT-ngoai", 5000)]);

        Assert.False(report.Balanced);
        Assert.Equal((3, 33000L, 3, 28000L), (report.PaidCount, report.PaidAmountVnd, report.StatementCount, report.StatementAmountVnd));
        Assert.Equal(["R-9"], report.NotInBpm.Select(l => l.TransactionId));
        Assert.Equal([notOnStatement], report.NotOnStatement.Select(p => p.Id));
        Assert.Equal([differs], report.AmountsDiffer.Select(d => d.Payment.Id));
        Assert.Contains(report.Rejected, c => c.TransactionId == "R-4");
    }
}

public sealed class SqlitePaymentLedgerTests(SqliteFixture database)
    : PaymentLedgerTestBase<SqliteFixture>(database), IClassFixture<SqliteFixture>;

public sealed class PostgreSqlPaymentLedgerTests(PostgresFixture database)
    : PaymentLedgerTestBase<PostgresFixture>(database), IClassFixture<PostgresFixture>;
