using System.Text.Json;
using Bpm.Persistence;

namespace Bpm.Cli.Tests;

/// <summary><c>bpm payments reconcile</c> on a migrated SQLite file holding one day's payments.</summary>
public sealed class PaymentsCommandTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"bpm-cli-payments-{Guid.NewGuid():N}.db");
    private readonly string _statement = Path.Combine(Path.GetTempPath(), $"bpm-cli-statement-{Guid.NewGuid():N}.csv");

    public PaymentsCommandTests() => Assert.Equal(0, Bpm("db", "migrate").Code);

    public void Dispose()
    {
        File.Delete(_statement);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    /// <summary>Paid by the simulated bank at <paramref name="paidAtUtc"/>.</summary>
    private static PaymentRecord Paid(string id, string transaction, long amount, DateTimeOffset paidAtUtc) => new()
    {
        Id = id, DossierCode = "000.00.12.H08-261201-0001", Items = "[]", AmountVnd = amount, Provider = "simulated-bank", Status = "paid",
        CreatedAt = paidAtUtc.AddHours(-1), ExpiresAt = paidAtUtc.AddDays(3), PaidAt = paidAtUtc, PaidBy = "bank", TransactionId = transaction,
    };

    private void Seed()
    {
        using var db = Database.Open(Arguments.Parse(["--database", _file], []));
        var day = new DateTimeOffset(2026, 12, 1, 0, 30, 0, TimeSpan.FromHours(7)).ToUniversalTime();
        db.Payments.AddRange(
            Paid("TT-A-1", "GD-A", 10_000, day),
            Paid("TT-B-1", "GD-B", 20_000, day.AddHours(5)),
            Paid("TT-C-1", "GD-C", 30_000, day.AddHours(23)),
            // 00:30 on 02/12 in Vietnam: the next day's.
            Paid("TT-D-1", "GD-D", 40_000, day.AddHours(24)));
        db.PaymentCallbacks.Add(new PaymentCallbackRecord
        {
            Provider = "simulated-bank", PaymentId = "TT-A-1", TransactionId = "GD-X", AmountVnd = 9_000, ReceivedAt = day.AddHours(1),
            Outcome = "rejected", Reason = "số tiền 9000 đồng khác số phải nộp 10000 đồng", Body = "{}",
        });
        db.SaveChanges();
    }

    [Fact]
    public void Reconcile_StatementWithEachKindOfDifference_ListsEachAndTheRejectedCallback()
    {
        Seed();
        File.WriteAllText(_statement, "transactionId,paymentId,amountVnd\nGD-A,TT-A-1,10000\nGD-B,TT-B-1,25000\nGD-Z,TT-Z-1,5000\n");

        var (code, output, _) = Bpm("payments", "reconcile", "--date", "01/12/2026", "--statement", _statement);

        Assert.Equal(0, code);
        var report = JsonDocument.Parse(output).RootElement;
        Assert.False(report.GetProperty("balanced").GetBoolean());
        Assert.Equal(3, report.GetProperty("bpm").GetProperty("count").GetInt32());
        Assert.Equal(60_000, report.GetProperty("bpm").GetProperty("amountVnd").GetInt64());
        Assert.Equal(40_000, report.GetProperty("statement").GetProperty("amountVnd").GetInt64());
        Assert.Equal(["GD-Z"], report.GetProperty("notInBpm").EnumerateArray().Select(l => l.GetProperty("transactionId").GetString()));
        Assert.Equal(["TT-C-1"], report.GetProperty("notOnStatement").EnumerateArray().Select(p => p.GetProperty("paymentId").GetString()));
        var differs = Assert.Single(report.GetProperty("amountsDiffer").EnumerateArray());
        Assert.Equal((20_000, 25_000), (differs.GetProperty("bpmAmountVnd").GetInt64(), differs.GetProperty("statementAmountVnd").GetInt64()));
        Assert.Contains("khác số phải nộp", Assert.Single(report.GetProperty("rejectedCallbacks").EnumerateArray()).GetProperty("reason").GetString());
    }

    [Fact]
    public void Reconcile_WithCsv_ReceiptsListedWithTheirEInvoiceInTheJsonAndTheCsv()
    {
        Seed();
        using (var db = Database.Open(Arguments.Parse(["--database", _file], [])))
        {
            var invoiced = db.Payments.Single(p => p.Id == "TT-A-1");
            invoiced.EInvoice = """{"provider":"simulated-einvoice","template":"GL-01","series":"GL26","number":"0001234","lookupCode":"AB12CD34EF","lookupUrl":null,"issuedAt":"2026-11-30T17:31:00+00:00"}""";
            var failed = db.Payments.Single(p => p.Id == "TT-B-1");
            (failed.EInvoiceAttempts, failed.EInvoiceError) = (2, "simulated-einvoice: không trả lời");
            db.SaveChanges();
        }

        var csv = _statement + ".receipts.csv";
        var (code, output, _) = Bpm("payments", "reconcile", "--date", "01/12/2026", "--csv", csv);
        var lines = File.ReadAllLines(csv);
        File.Delete(csv);

        Assert.Equal(0, code);
        var receipts = JsonDocument.Parse(output).RootElement.GetProperty("receipts").EnumerateArray().ToList();
        Assert.Equal(["TT-A-1", "TT-B-1", "TT-C-1"], receipts.Select(r => r.GetProperty("paymentId").GetString()));
        Assert.Equal("0001234", receipts[0].GetProperty("eInvoice").GetProperty("number").GetString());
        Assert.Equal("simulated-einvoice: không trả lời", receipts[1].GetProperty("eInvoiceError").GetString());
        Assert.Equal("paymentId,dossierCode,paidBy,transactionId,amountVnd,paidAt,eInvoiceProvider,eInvoiceTemplate,eInvoiceSeries,eInvoiceNumber,eInvoiceLookupCode,eInvoiceError", lines[0]);
        Assert.Equal("TT-A-1,000.00.12.H08-261201-0001,bank,GD-A,10000,01/12/2026 00:30,simulated-einvoice,GL-01,GL26,0001234,AB12CD34EF,", lines[1]);
        Assert.EndsWith(",,,,,,simulated-einvoice: không trả lời", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Reconcile_StatementMatchingTheDay_Balanced()
    {
        Seed();
        File.WriteAllText(_statement, "transactionId,paymentId,amountVnd\r\nGD-A,TT-A-1,10000\r\nGD-B,TT-B-1,20000\r\nGD-C,TT-C-1,30000\r\n");

        var (code, output, _) = Bpm("payments", "reconcile", "--date", "01/12/2026", "--statement", _statement);

        Assert.Equal(0, code);
        Assert.True(JsonDocument.Parse(output).RootElement.GetProperty("balanced").GetBoolean());
    }

    [Fact]
    public void Reconcile_BadStatementLine_Exit1NamingTheLineAndField()
    {
        File.WriteAllText(_statement, "transactionId,paymentId,amountVnd\nGD-A,TT-A-1,10.000\n");

        var (code, output, error) = Bpm("payments", "reconcile", "--date", "01/12/2026", "--statement", _statement);

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Equal($"bpm: {_statement}: line 2: amountVnd '10.000' is not a whole number of đồng above 0", error.TrimEnd());
    }

    [Theory]
    [InlineData("2026-13-01", "bpm: --date '2026-13-01' is not a date (dd/MM/yyyy)")]
    [InlineData(null, "bpm: payments reconcile needs --date")]
    public void Reconcile_BadOrNoDate_UsageError(string? date, string message)
    {
        var (code, _, error) = date is null ? Bpm("payments", "reconcile") : Bpm("payments", "reconcile", "--date", date);

        Assert.Equal(2, code);
        Assert.Equal(message, error.Split('\n')[0].TrimEnd());
    }

    private (int Code, string Out, string Err) Bpm(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = Cli.Run([.. args, "--database", _file], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
