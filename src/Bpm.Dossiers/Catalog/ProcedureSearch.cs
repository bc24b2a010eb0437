namespace Bpm.Dossiers.Catalog;

/// <summary>
/// What a catalogue search for <c>q</c> matches: every word of the folded query appears in the
/// procedure's folded name or in its code, in any order.
/// </summary>
public sealed class ProcedureSearch
{
    private ProcedureSearch(IReadOnlyList<string> terms) => Terms = terms;

    /// <summary>The folded words of the query; empty matches every procedure.</summary>
    public IReadOnlyList<string> Terms { get; }

    public static ProcedureSearch For(string? query) =>
        new(string.IsNullOrWhiteSpace(query) ? [] : VietnameseFolding.Fold(query).Split(' '));

    public bool Matches(Procedure procedure)
    {
        var name = VietnameseFolding.Fold(procedure.Name);
        return Terms.All(t => name.Contains(t, StringComparison.Ordinal) || procedure.Code.Contains(t, StringComparison.Ordinal));
    }
}
