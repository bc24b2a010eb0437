using System.Globalization;
using System.Text.RegularExpressions;

namespace Bpm.Dossiers.Catalog;

/// <summary>
/// The checks both file formats share, for one procedure: each reports into the row's error list
/// and returns a placeholder when the value is wrong, so that one pass finds every error of the row.
/// </summary>
internal sealed partial class CatalogRow(int row, int line, List<CatalogError> errors)
{
    public int Row { get; } = row;

    public int Line { get; } = line;

    public bool HasErrors { get; private set; }

    public void Error(string field, string message)
    {
        HasErrors = true;
        errors.Add(new CatalogError(Row, Line, field, message));
    }

    public string Text(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Error(field, "is required");
            return "";
        }

        return value.Trim();
    }

    public static string? OptionalText(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public T Enum<T>(string field, string? value)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Error(field, $"is required ({CatalogNames.Of<T>()})");
            return default;
        }

        if (CatalogNames.TryParse<T>(value.Trim(), out var parsed))
        {
            return parsed;
        }

        Error(field, $"'{value.Trim()}' is not one of {CatalogNames.Of<T>()}");
        return default;
    }

    public DateOnly? Date(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Error(field, $"'{value.Trim()}' is not a date (yyyy-MM-dd)");
        return null;
    }

    /// <summary>A paper count; one already reported as missing or not a number reads as 1.</summary>
    public int Count(string field, long? value)
    {
        if (value is > int.MaxValue)
        {
            Error(field, $"{value} is more than {int.MaxValue}");
            return 1;
        }

        return (int)(value ?? 1);
    }

    public string Code(string field, string? value)
    {
        var code = Text(field, value);
        if (code.Length > 0 && !ProcedureCodePattern().IsMatch(code))
        {
            Error(field, $"'{code}' is not a national procedure code (d.dddddd, e.g. 1.001193)");
        }

        return code;
    }

    public string PaperId(string field, string? value)
    {
        var id = Text(field, value);
        if (id.Length > 0 && !PaperIdPattern().IsMatch(id))
        {
            Error(field, $"'{id}' is not a paper id (lower-case ASCII letters, digits and single hyphens, e.g. giay-chung-sinh)");
        }

        return id;
    }

    public string UnitCode(string field, string value)
    {
        if (!UnitCodePattern().IsMatch(value))
        {
            Error(field, $"'{value}' is not an organisation-unit code (upper-case segments joined by dots, e.g. XA-PHUONGLAM.MOTCUA)");
        }

        return value;
    }

    /// <summary>The rules that span fields: at least one level, legal basis and source; unique paper ids; periods in order.</summary>
    public void CheckRules(Procedure procedure)
    {
        if (procedure.Levels.Count == 0)
        {
            Error("levels", "needs at least one level");
        }

        for (var i = 0; i < procedure.Levels.Count; i++)
        {
            if (procedure.Levels[i] is { ValidFrom: { } from, ValidTo: { } to } && from > to)
            {
                Error($"levels[{i}].validTo", $"{to:yyyy-MM-dd} is before validFrom {from:yyyy-MM-dd}");
            }
        }

        if (procedure.TimeLimit is { Value: <= 0 })
        {
            Error("timeLimit.value", "must be greater than 0");
        }

        var paperIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < procedure.Papers.Count; i++)
        {
            var paper = procedure.Papers[i];
            if (paper.Id.Length > 0 && !paperIds.TryAdd(paper.Id, i))
            {
                Error($"papers[{i}].id", $"'{paper.Id}' is already the id of papers[{paperIds[paper.Id]}]");
            }

            if (paper.Count < 1)
            {
                Error($"papers[{i}].count", "must be at least 1");
            }
        }

        for (var i = 0; i < procedure.Fees.Count; i++)
        {
            if (procedure.Fees[i].AmountVnd is < 0)
            {
                Error($"fees[{i}].amountVnd", "must not be negative");
            }
        }

        if (procedure.LegalBasis.Count == 0)
        {
            Error("legalBasis", "needs at least one legal text");
        }

        if (procedure.Sources.Count == 0)
        {
            Error("sources", "needs at least one source");
        }

        for (var i = 0; i < procedure.Sources.Count; i++)
        {
            if (procedure.Sources[i] is { Url: null, Reference: null })
            {
                Error($"sources[{i}]", "needs a url or a reference");
            }
        }
    }

    [GeneratedRegex(@"^[0-9]\.[0-9]{6}$")]
    private static partial Regex ProcedureCodePattern();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex PaperIdPattern();

    [GeneratedRegex(@"^[A-Z0-9-]+(\.[A-Z0-9-]+)*$")]
    private static partial Regex UnitCodePattern();
}
