namespace Bpm.Dossiers.Catalog;

/// <summary>The rule across rows (a code appears once) and the all-or-nothing outcome of a file.</summary>
internal static class CatalogRules
{
    public static CatalogLoadResult Finish(IReadOnlyList<(Procedure Procedure, CatalogRow Row)> rows, List<CatalogError> errors)
    {
        var firstRowOfCode = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (procedure, row) in rows)
        {
            if (procedure.Code.Length > 0 && !firstRowOfCode.TryAdd(procedure.Code, row.Row))
            {
                row.Error("code", $"'{procedure.Code}' is already the code of row {firstRowOfCode[procedure.Code]}");
            }
        }

        if (rows.Count == 0 && errors.Count == 0)
        {
            errors.Add(new CatalogError(0, 1, "procedures", "the file holds no procedure"));
        }

        return errors.Count > 0
            ? CatalogLoadResult.Failed([.. errors.OrderBy(e => e.Row).ThenBy(e => e.Line)])
            : new CatalogLoadResult([.. rows.Select(r => r.Procedure)], []);
    }
}
