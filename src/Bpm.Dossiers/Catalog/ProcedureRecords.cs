using System.Globalization;
using Bpm.Persistence;

namespace Bpm.Dossiers.Catalog;

/// <summary>Maps a <see cref="Procedure"/> to its rows and back; the folded name is written here, with the name.</summary>
internal static class ProcedureRecords
{
    public static ProcedureRecord ToRecord(Procedure p, DateTimeOffset importedAt) => new()
    {
        Code = p.Code,
        Name = p.Name,
        FoldedName = VietnameseFolding.Fold(p.Name),
        Sector = p.Sector,
        TimeLimitValue = p.TimeLimit?.Value,
        TimeLimitUnit = p.TimeLimit is { } limit ? CatalogNames.Name(limit.Unit) : null,
        TimeLimitSameDay = p.TimeLimit?.SameDay ?? false,
        TimeLimitNote = p.TimeLimit?.Note,
        OnlineLevel = p.OnlineLevel is { } online ? CatalogNames.Name(online) : null,
        Notes = p.Notes,
        ResultPapers = [.. p.ResultPapers],
        LegalBasis = [.. p.LegalBasis],
        ImportedAt = importedAt,
        Levels = [.. p.Levels.Select((l, i) => new ProcedureLevelRecord
        {
            Position = i,
            Level = CatalogNames.Name(l.Level),
            Agency = l.Agency,
            ValidFrom = l.ValidFrom,
            ValidTo = l.ValidTo,
            ReceivingUnits = [.. l.ReceivingUnits],
            Note = l.Note,
        })],
        Papers = [.. p.Papers.Select((x, i) => new ProcedurePaperRecord
        {
            PaperId = x.Id,
            Position = i,
            Name = x.Name,
            Form = CatalogNames.Name(x.Form),
            Count = x.Count,
            DigitisedResultReplaces = x.DigitisedResultReplaces,
            Required = x.Required,
            PresentOnly = x.PresentOnly,
            Note = x.Note,
        })],
        Fees = [.. p.Fees.Select((f, i) => new ProcedureFeeRecord
        {
            Position = i, Kind = CatalogNames.Name(f.Kind), Name = f.Name, AmountVnd = f.AmountVnd, Note = f.Note, Exemptions = f.Exemptions,
        })],
        Sources = [.. p.Sources.Select((s, i) => new ProcedureSourceRecord
        {
            Position = i, Title = s.Title, Url = s.Url, Reference = s.Reference, Date = s.Date,
        })],
    };

    public static Procedure ToProcedure(ProcedureRecord r) => new()
    {
        Code = r.Code,
        Name = r.Name,
        Sector = r.Sector,
        Levels = [.. r.Levels.OrderBy(l => l.Position).Select(ToLevel)],
        TimeLimit = TimeLimitOf(r),
        Fees = [.. r.Fees.OrderBy(f => f.Position).Select(f => new Fee(Parse<FeeKind>(f.Kind), f.Name, f.AmountVnd, f.Note, f.Exemptions))],
        Papers = [.. r.Papers.OrderBy(x => x.Position).Select(x => new Paper
        {
            Id = x.PaperId,
            Name = x.Name,
            Form = Parse<PaperForm>(x.Form),
            Count = x.Count,
            DigitisedResultReplaces = x.DigitisedResultReplaces,
            Required = x.Required,
            PresentOnly = x.PresentOnly,
            Note = x.Note,
        })],
        ResultPapers = r.ResultPapers,
        OnlineLevel = r.OnlineLevel is { } online ? Parse<OnlineLevel>(online) : null,
        LegalBasis = r.LegalBasis,
        Sources = [.. r.Sources.OrderBy(s => s.Position).Select(s => new Source(s.Title, s.Url, s.Reference, s.Date))],
        Notes = r.Notes,
    };

    public static ProcedureSummary ToSummary(ProcedureRecord r) =>
        new(r.Code, r.Name, r.Sector, [.. r.Levels.OrderBy(l => l.Position).Select(ToLevel)], TimeLimitOf(r), r.OnlineLevel is { } online ? Parse<OnlineLevel>(online) : null);

    private static ProcedureLevel ToLevel(ProcedureLevelRecord l) => new()
    {
        Level = Parse<AdministrativeLevel>(l.Level),
        Agency = l.Agency,
        ValidFrom = l.ValidFrom,
        ValidTo = l.ValidTo,
        ReceivingUnits = l.ReceivingUnits,
        Note = l.Note,
    };

    private static TimeLimit? TimeLimitOf(ProcedureRecord r) =>
        r is { TimeLimitValue: { } value, TimeLimitUnit: { } unit } ? new TimeLimit(WithoutTrailingZeros(value), Parse<TimeLimitUnit>(unit), r.TimeLimitSameDay, r.TimeLimitNote) : null;

    // A numeric(9,2) column gives back 15.00; the catalogue wrote 15, and the API should say so on every provider.
    private static decimal WithoutTrailingZeros(decimal value) =>
        decimal.Parse(value.ToString("0.##", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    // Rows are written only from validated procedures, so a value that does not parse means the table was edited by hand.
    private static T Parse<T>(string name)
        where T : struct, Enum =>
        CatalogNames.TryParse<T>(name, out var value) ? value : throw new InvalidDataException($"'{name}' in the procedure tables is not a {typeof(T).Name} ({CatalogNames.Of<T>()})");
}
