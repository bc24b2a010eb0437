namespace Bpm.Persistence;

/// <summary>
/// A catalogued administrative procedure (Bpm.Dossiers' <c>Procedure</c>), keyed by its national
/// code. Enum values are kept as the catalogue files write them (<c>workingDays</c>, <c>full</c>).
/// </summary>
public sealed class ProcedureRecord
{
    public required string Code { get; set; }

    public required string Name { get; set; }

    /// <summary>The name folded for search (no diacritics, <c>đ</c> as <c>d</c>, lower case), written with <see cref="Name"/>.</summary>
    public required string FoldedName { get; set; }

    public required string Sector { get; set; }

    public decimal? TimeLimitValue { get; set; }

    public string? TimeLimitUnit { get; set; }

    public bool TimeLimitSameDay { get; set; }

    public string? TimeLimitNote { get; set; }

    public string? OnlineLevel { get; set; }

    public string? Notes { get; set; }

    public List<string> ResultPapers { get; set; } = [];

    public List<string> LegalBasis { get; set; } = [];

    public required DateTimeOffset ImportedAt { get; set; }

    public List<ProcedureLevelRecord> Levels { get; set; } = [];

    public List<ProcedurePaperRecord> Papers { get; set; } = [];

    public List<ProcedureFeeRecord> Fees { get; set; } = [];

    public List<ProcedureSourceRecord> Sources { get; set; } = [];
}

/// <summary>Where a procedure is handled during a period; <see cref="Position"/> keeps the file's order.</summary>
public sealed class ProcedureLevelRecord
{
    public string ProcedureCode { get; set; } = "";

    public int Position { get; set; }

    public required string Level { get; set; }

    public required string Agency { get; set; }

    public DateOnly? ValidFrom { get; set; }

    public DateOnly? ValidTo { get; set; }

    public List<string> ReceivingUnits { get; set; } = [];

    public string? Note { get; set; }
}

/// <summary>A required paper; its id is unique within the procedure, so reception can name papers by it.</summary>
public sealed class ProcedurePaperRecord
{
    public string ProcedureCode { get; set; } = "";

    public required string PaperId { get; set; }

    public int Position { get; set; }

    public required string Name { get; set; }

    public required string Form { get; set; }

    public int Count { get; set; }

    public bool DigitisedResultReplaces { get; set; }

    public bool Required { get; set; }

    public bool PresentOnly { get; set; }

    public string? Note { get; set; }
}

/// <summary>A fee (phí) or charge (lệ phí) of a procedure.</summary>
public sealed class ProcedureFeeRecord
{
    public string ProcedureCode { get; set; } = "";

    public int Position { get; set; }

    public required string Kind { get; set; }

    public required string Name { get; set; }

    public long? AmountVnd { get; set; }

    public string? Note { get; set; }

    public string? Exemptions { get; set; }
}

/// <summary>Where a procedure's facts come from.</summary>
public sealed class ProcedureSourceRecord
{
    public string ProcedureCode { get; set; } = "";

    public int Position { get; set; }

    public required string Title { get; set; }

    public string? Url { get; set; }

    public string? Reference { get; set; }

    public DateOnly? Date { get; set; }
}
