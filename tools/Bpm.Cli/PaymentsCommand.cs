using System.Globalization;
using System.Text.Json;
using Bpm.Payments;

namespace Bpm.Cli;

/// <summary>
/// <c>bpm payments reconcile --date dd/MM/yyyy [--provider NAME] [--statement FILE.csv]</c>: the day's
/// reconciliation (docs/payments.md) as JSON — what Bpm recorded as paid by the provider that day
/// (Vietnam's time) against the provider's statement, the differences, and the callbacks rejected.
/// Without a statement every payment is listed as not on it. A bad date or statement line is exit code 1 (2 for usage) with the place named.
/// </summary>
internal static class PaymentsCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] != "reconcile")
        {
            throw new UsageException(args.Length == 0 ? "payments needs reconcile --date dd/MM/yyyy" : $"unknown payments command '{args[0]}': use 'payments reconcile'");
        }

        var parsed = Arguments.Parse(args.AsSpan(1), ["--date", "--provider", "--statement", "--csv"]);
        if (parsed.Positional.Count > 0)
        {
            throw new UsageException($"payments reconcile: unexpected argument '{parsed.Positional[0]}'");
        }

        var text = parsed.Required("--date", "payments reconcile");
        if (!DateOnly.TryParseExact(text, ["dd/MM/yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            throw new UsageException($"--date '{text}' is not a date (dd/MM/yyyy)");
        }

        IReadOnlyList<StatementLine> statement = [];
        if (parsed["--statement"] is { } file)
        {
            if (!File.Exists(file))
            {
                stderr.WriteLine($"bpm: {file}: no such statement file");
                return Cli.Failed;
            }

            try
            {
                statement = Statement.Parse(File.ReadAllText(file), file);
            }
            catch (StatementException e)
            {
                stderr.WriteLine($"bpm: {e.Message}");
                return Cli.Failed;
            }
        }

        using var db = Database.Open(parsed);
        var report = Reconciliation.ForDayAsync(db, parsed["--provider"] ?? SimulatedBank.ProviderName, day, statement).GetAwaiter().GetResult();
        if (parsed["--csv"] is { } csv)
        {
            // The day's receipts with their e-invoices, for the accounts office.
            File.WriteAllText(csv, Reconciliation.ReceiptsCsv(report));
        }

        stdout.WriteLine(JsonSerializer.Serialize(Shape(report, parsed["--statement"] is not null), Json));
        return Cli.Ok;
    }

    // The report's pairs are tuples, which JSON does not name; written out field by field instead.
    private static object Shape(ReconciliationReport r, bool withStatement) => new
    {
        day = r.Day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        r.Provider,
        statementGiven = withStatement,
        r.Balanced,
        bpm = new { count = r.PaidCount, amountVnd = r.PaidAmountVnd },
        statement = new { count = r.StatementCount, amountVnd = r.StatementAmountVnd },
        notInBpm = r.NotInBpm,
        notOnStatement = r.NotOnStatement.Select(p => new { paymentId = p.Id, p.TransactionId, p.AmountVnd, p.PaidAt }),
        amountsDiffer = r.AmountsDiffer.Select(d => new { paymentId = d.Payment.Id, d.Line.TransactionId, bpmAmountVnd = d.Payment.AmountVnd, statementAmountVnd = d.Line.AmountVnd }),
        rejectedCallbacks = r.Rejected.Select(c => new { c.PaymentId, c.TransactionId, c.AmountVnd, c.ReceivedAt, c.Reason }),
        receipts = r.Receipts.Select(p => new { paymentId = p.Id, p.DossierCode, p.PaidBy, p.TransactionId, p.AmountVnd, p.PaidAt, eInvoice = EInvoice.FromJson(p.EInvoice), p.EInvoiceError }),
    };
}
