namespace Bpm.Dossiers.Catalog;

/// <summary>
/// A catalogued administrative procedure, as <c>workflows/catalog/procedures.schema.json</c>
/// describes it (field meanings: <c>workflows/catalog/README.md</c>).
/// </summary>
public sealed record Procedure
{
    /// <summary>The national code on the National Public Service Portal, <c>d.dddddd</c> (e.g. <c>1.001193</c>).</summary>
    public required string Code { get; init; }

    public required string Name { get; init; }

    public required string Sector { get; init; }

    public required IReadOnlyList<ProcedureLevel> Levels { get; init; }

    /// <summary>Null when the sources give no time limit.</summary>
    public TimeLimit? TimeLimit { get; init; }

    public IReadOnlyList<Fee> Fees { get; init; } = [];

    public IReadOnlyList<Paper> Papers { get; init; } = [];

    public IReadOnlyList<string> ResultPapers { get; init; } = [];

    /// <summary>Null when not known.</summary>
    public OnlineLevel? OnlineLevel { get; init; }

    public IReadOnlyList<string> LegalBasis { get; init; } = [];

    public IReadOnlyList<Source> Sources { get; init; } = [];

    public string? Notes { get; init; }
}

/// <summary>Where a procedure is handled during a period; <see cref="ValidFrom"/>/<see cref="ValidTo"/> null when open.</summary>
public sealed record ProcedureLevel
{
    public required AdministrativeLevel Level { get; init; }

    public required string Agency { get; init; }

    public DateOnly? ValidFrom { get; init; }

    public DateOnly? ValidTo { get; init; }

    /// <summary>Organisation-unit codes where a dossier can be received.</summary>
    public IReadOnlyList<string> ReceivingUnits { get; init; } = [];

    public string? Note { get; init; }
}

/// <summary>The legal processing time; <see cref="SameDay"/> for "ngay trong ngày" (after 15:00, the next working day).</summary>
public sealed record TimeLimit(decimal Value, TimeLimitUnit Unit, bool SameDay = false, string? Note = null);

/// <summary>A fee (phí) or charge (lệ phí); <see cref="AmountVnd"/> null when it depends on something <see cref="Note"/> names.</summary>
public sealed record Fee(FeeKind Kind, string Name, long? AmountVnd, string? Note, string? Exemptions);

/// <summary>A required paper (thành phần hồ sơ); <see cref="Id"/> is unique within its procedure.</summary>
public sealed record Paper
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required PaperForm Form { get; init; }

    public required int Count { get; init; }

    /// <summary>An earlier digitised result or a national database entry can replace it.</summary>
    public required bool DigitisedResultReplaces { get; init; }

    /// <summary>False for papers of a particular case only.</summary>
    public required bool Required { get; init; }

    /// <summary>Shown at the desk and given back, not handed in.</summary>
    public bool PresentOnly { get; init; }

    public string? Note { get; init; }
}

/// <summary>Where a row's facts come from: a <see cref="Url"/> or a <see cref="Reference"/>.</summary>
public sealed record Source(string Title, string? Url, string? Reference, DateOnly? Date);

public enum AdministrativeLevel
{
    Province,
    Commune,

    /// <summary>Districts existed until 30 June 2025.</summary>
    District,
}

public enum TimeLimitUnit
{
    WorkingDays,
    WorkingHours,

    /// <summary>Calendar days ("ngày" without "làm việc").</summary>
    Days,
}

public enum FeeKind
{
    /// <summary>Phí.</summary>
    Fee,

    /// <summary>Lệ phí.</summary>
    Charge,
}

public enum PaperForm
{
    Original,
    Copy,
    CertifiedCopy,
    OriginalOrCopy,
}

public enum OnlineLevel
{
    Full,
    Partial,
    None,
}
