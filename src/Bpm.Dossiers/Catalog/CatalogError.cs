namespace Bpm.Dossiers.Catalog;

/// <summary>
/// One thing wrong in a catalogue file: the procedure's <see cref="Row"/> (1-based, in the
/// <c>procedures</c> array or among the CSV data records; 0 for the file as a whole), the
/// <see cref="Line"/> of the file where that row starts, the <see cref="Field"/> (a path such as
/// <c>papers[2].form</c>) and what is wrong.
/// </summary>
public sealed record CatalogError(int Row, int Line, string Field, string Message)
{
    public override string ToString() => Row == 0 ? $"line {Line}: {Field}: {Message}" : $"row {Row} (line {Line}): {Field}: {Message}";
}

/// <summary>What a catalogue file holds: every procedure when <see cref="Errors"/> is empty, none otherwise.</summary>
public sealed record CatalogLoadResult(IReadOnlyList<Procedure> Procedures, IReadOnlyList<CatalogError> Errors)
{
    public bool IsValid => Errors.Count == 0;

    public static CatalogLoadResult Failed(IReadOnlyList<CatalogError> errors) => new([], errors);
}
