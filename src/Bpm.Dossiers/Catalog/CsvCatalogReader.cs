using System.Globalization;
using CsvHelper;

namespace Bpm.Dossiers.Catalog;

/// <summary>
/// Reads the CSV format of the catalogue (docs/dossiers.md): one record per procedure, comma
/// separated, RFC 4180 quoting, a header naming the columns. List cells hold one item per line;
/// an item's parts are separated by <c>|</c>. A record's row is its 1-based place among the data
/// records, its line the line of the file where it starts.
/// </summary>
public static class CsvCatalogReader
{
    public static readonly string[] Columns =
        ["code", "name", "sector", "levels", "timeLimit", "timeLimitNote", "onlineLevel", "fees", "papers", "resultPapers", "legalBasis", "sources", "notes"];

    private static readonly string[] RequiredColumns = ["code", "name", "sector", "levels", "papers", "legalBasis", "sources"];

    public static CatalogLoadResult Read(string csv)
    {
        var errors = new List<CatalogError>();
        var malformed = new Dictionary<long, CsvMalformedRecord>();
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Skip,
            OnMalformedRecord = record => malformed.TryAdd(record.RecordNumber, record),
        };
        using var reader = CsvReader.FromText(csv, options);
        var header = reader.Headers.Select(h => h.Trim()).ToArray();
        var unknown = header.Where(h => !Columns.Contains(h)).ToList();
        var missing = RequiredColumns.Where(c => !header.Contains(c)).ToList();
        if (unknown.Count > 0 || missing.Count > 0)
        {
            errors.AddRange(unknown.Select(h => new CatalogError(0, 1, h, $"is not a column of the catalogue format ({string.Join(", ", Columns)})")));
            errors.AddRange(missing.Select(c => new CatalogError(0, 1, c, "column is missing from the header")));
            return CatalogLoadResult.Failed(errors);
        }

        var records = new List<(long Line, long Row, string[] Cells)>();
        while (reader.Read())
        {
            records.Add((reader.LineNumber, reader.RowNumber, [.. Enumerable.Range(0, header.Length).Select(i => i < reader.FieldCount ? reader.GetString(i) : "")]));
        }

        // The reader numbers records without the ones it skipped as malformed (and may find those
        // while scanning ahead), so a record's row in the file counts the skipped ones before its line.
        var skippedLines = malformed.Values.Where(m => m.Skipped).Select(m => m.LineNumber).ToList();
        int RowInFile(long numbered, long line) => (int)numbered + skippedLines.Count(l => l < line);

        var rows = new List<(Procedure, CatalogRow)>();
        foreach (var (line, numbered, cells) in records)
        {
            var row = new CatalogRow(RowInFile(numbered, line), (int)line, errors);
            rows.Add((ReadProcedure(new Cells(cells, header), row), row));
        }

        foreach (var record in malformed.Values)
        {
            // RecordNumber counts the header.
            errors.Add(new CatalogError(RowInFile(record.RecordNumber - 1, record.LineNumber), (int)record.LineNumber, "(record)", Describe(record, header.Length)));
        }

        return CatalogRules.Finish(rows, errors);
    }

    private static string Describe(CsvMalformedRecord record, int columns) => record.Reason switch
    {
        CsvMalformedReason.FieldCountMismatch => $"has a different number of fields than the header's {columns}",
        CsvMalformedReason.UnterminatedQuote => "has a quoted field that is never closed",
        CsvMalformedReason.StrayQuote => "has a quote inside an unquoted field (quote the whole field and double the quote)",
        CsvMalformedReason.TextAfterClosingQuote => "has text after the closing quote of a field",
        _ => $"is malformed ({record.Reason})",
    };

    private static Procedure ReadProcedure(Cells cells, CatalogRow row)
    {
        var procedure = new Procedure
        {
            Code = row.Code("code", cells["code"]),
            Name = row.Text("name", cells["name"]),
            Sector = row.Text("sector", cells["sector"]),
            Levels = Items(cells["levels"]).Select((parts, i) => ReadLevel(parts, $"levels[{i}]", row)).ToList(),
            TimeLimit = ReadTimeLimit(cells["timeLimit"], cells["timeLimitNote"], row),
            Fees = Items(cells["fees"]).Select((parts, i) => ReadFee(parts, $"fees[{i}]", row)).ToList(),
            Papers = Items(cells["papers"]).Select((parts, i) => ReadPaper(parts, $"papers[{i}]", row)).ToList(),
            ResultPapers = Lines(cells["resultPapers"]),
            OnlineLevel = cells["onlineLevel"] is { Length: > 0 } online ? row.Enum<OnlineLevel>("onlineLevel", online) : null,
            LegalBasis = Lines(cells["legalBasis"]),
            Sources = Items(cells["sources"]).Select((parts, i) => ReadSource(parts, $"sources[{i}]", row)).ToList(),
            Notes = CatalogRow.OptionalText(cells["notes"]),
        };
        row.CheckRules(procedure);
        return procedure;
    }

    /// <summary><c>level | agency | validFrom | validTo | receivingUnits (space separated) | note</c>.</summary>
    private static ProcedureLevel ReadLevel(Parts parts, string path, CatalogRow row)
    {
        parts.AtMost(6, path, row);
        return new ProcedureLevel
        {
            Level = row.Enum<AdministrativeLevel>($"{path}.level", parts[0]),
            Agency = row.Text($"{path}.agency", parts[1]),
            ValidFrom = row.Date($"{path}.validFrom", parts[2]),
            ValidTo = row.Date($"{path}.validTo", parts[3]),
            ReceivingUnits = (parts[4] ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select((u, i) => row.UnitCode($"{path}.receivingUnits[{i}]", u)).ToList(),
            Note = CatalogRow.OptionalText(parts[5]),
        };
    }

    /// <summary><c>VALUE UNIT [sameDay]</c>, e.g. <c>3 workingDays</c>; empty when not known.</summary>
    private static TimeLimit? ReadTimeLimit(string? text, string? note, CatalogRow row)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is < 2 or > 3 || (words.Length == 3 && words[2] != "sameDay")
            || !decimal.TryParse(words[0], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            row.Error("timeLimit", $"'{text.Trim()}' is not VALUE UNIT [sameDay], e.g. 3 workingDays");
            return null;
        }

        return new TimeLimit(value, row.Enum<TimeLimitUnit>("timeLimit.unit", words[1]), words.Length == 3, CatalogRow.OptionalText(note));
    }

    /// <summary><c>kind | name | amountVnd (empty when it depends) | note | exemptions</c>.</summary>
    private static Fee ReadFee(Parts parts, string path, CatalogRow row)
    {
        parts.AtMost(5, path, row);
        return new Fee(
            row.Enum<FeeKind>($"{path}.kind", parts[0]),
            row.Text($"{path}.name", parts[1]),
            parts.Long(2, $"{path}.amountVnd", row, required: false),
            CatalogRow.OptionalText(parts[3]),
            CatalogRow.OptionalText(parts[4]));
    }

    /// <summary><c>id | name | form | count | required | digitisedResultReplaces [| presentOnly [| note]]</c>.</summary>
    private static Paper ReadPaper(Parts parts, string path, CatalogRow row)
    {
        parts.AtMost(8, path, row);
        return new Paper
        {
            Id = row.PaperId($"{path}.id", parts[0]),
            Name = row.Text($"{path}.name", parts[1]),
            Form = row.Enum<PaperForm>($"{path}.form", parts[2]),
            Count = row.Count($"{path}.count", parts.Long(3, $"{path}.count", row, required: true)),
            Required = parts.Bool(4, $"{path}.required", row, required: true),
            DigitisedResultReplaces = parts.Bool(5, $"{path}.digitisedResultReplaces", row, required: true),
            PresentOnly = parts.Bool(6, $"{path}.presentOnly", row, required: false),
            Note = CatalogRow.OptionalText(parts[7]),
        };
    }

    /// <summary><c>title | url or reference | date</c>: a second part starting with http:// or https:// is a url.</summary>
    private static Source ReadSource(Parts parts, string path, CatalogRow row)
    {
        parts.AtMost(3, path, row);
        var where = CatalogRow.OptionalText(parts[1]);
        var isUrl = where?.StartsWith("http://", StringComparison.Ordinal) == true || where?.StartsWith("https://", StringComparison.Ordinal) == true;
        return new Source(row.Text($"{path}.title", parts[0]), isUrl ? where : null, isUrl ? null : where, row.Date($"{path}.date", parts[2]));
    }

    private static List<string> Lines(string? cell) =>
        (cell ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    private static IEnumerable<Parts> Items(string? cell) => Lines(cell).Select(l => new Parts(l.Split('|').Select(p => p.Trim()).ToArray()));

    /// <summary>The cells of one record by column name; a column absent from the header reads as empty.</summary>
    private sealed class Cells(string[] cells, string[] header)
    {
        public string? this[string column] => Array.IndexOf(header, column) is var i and >= 0 ? cells[i] : null;
    }

    /// <summary>The <c>|</c>-separated parts of one item of a list cell; a part past the end reads as empty.</summary>
    private sealed class Parts(string[] parts)
    {
        public string? this[int index] => index < parts.Length && parts[index].Length > 0 ? parts[index] : null;

        public void AtMost(int count, string path, CatalogRow row)
        {
            if (parts.Length > count)
            {
                row.Error(path, $"has {parts.Length} parts separated by '|', at most {count} expected");
            }
        }

        public long? Long(int index, string field, CatalogRow row, bool required)
        {
            if (this[index] is not { } text)
            {
                if (required)
                {
                    row.Error(field, "is required");
                }

                return null;
            }

            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            row.Error(field, $"'{text}' is not a whole number");
            return null;
        }

        public bool Bool(int index, string field, CatalogRow row, bool required)
        {
            switch (this[index])
            {
                case "true":
                    return true;
                case "false":
                    return false;
                case null when !required:
                    return false;
                case null:
                    row.Error(field, "is required (true or false)");
                    return false;
                case var text:
                    row.Error(field, $"'{text}' is not true or false");
                    return false;
            }
        }
    }
}
