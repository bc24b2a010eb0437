using System.Globalization;

namespace Bpm.Payments;

/// <summary>A statement line that is not one: where and why.</summary>
public sealed class StatementException(string message) : Exception(message);

/// <summary>
/// A provider's daily statement as CSV: a header <c>transactionId,paymentId,amountVnd</c>, then one
/// transaction a line (whole đồng, no separators). Read by <c>bpm payments reconcile --statement</c>
/// and the reconciliation page; a malformed line is refused naming the line and the field.
/// </summary>
public static class Statement
{
    public const string Header = "transactionId,paymentId,amountVnd";

    /// <exception cref="StatementException">The header or a line is wrong; the message names <paramref name="source"/>, the line and the field.</exception>
    public static IReadOnlyList<StatementLine> Parse(string text, string source)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        if (lines[0].Trim().TrimStart('\uFEFF') != Header)
        {
            throw new StatementException($"{source}: line 1: the header must be '{Header}'");
        }

        var read = new List<StatementLine>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }

            var fields = lines[i].Split(',').Select(f => f.Trim()).ToArray();
            var where = $"{source}: line {i + 1}";
            if (fields.Length != 3)
            {
                throw new StatementException($"{where}: {fields.Length} fields, expected 3 ({Header})");
            }

            if (fields[0].Length == 0 || fields[1].Length == 0)
            {
                throw new StatementException($"{where}: {(fields[0].Length == 0 ? "transactionId" : "paymentId")} is empty");
            }

            if (!long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
            {
                throw new StatementException($"{where}: amountVnd '{fields[2]}' is not a whole number of đồng above 0");
            }

            if (!seen.Add(fields[0]))
            {
                throw new StatementException($"{where}: transactionId {fields[0]} is there twice");
            }

            read.Add(new StatementLine(fields[0], fields[1], amount));
        }

        return read;
    }
}
