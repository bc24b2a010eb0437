using System.Globalization;
using Bpm.Dossiers.Dossiers;
using Bpm.Engine.Calendar;
using Bpm.Persistence;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Reports;

/// <summary>
/// One dossier as the export writes it: enough for anyone to recompute the report. <see cref="DueAt"/>
/// is the instance's current due date (moved by an apology letter), the one lateness is judged
/// against; <see cref="ResolvedAt"/> is when the dossier closed, null while it is open.
/// </summary>
public sealed record DossierExportRow(
    string Code, string Level, string Unit, string Procedure, string Channel,
    DateTimeOffset ReceivedAt, DateTimeOffset? DueAt, DateTimeOffset? ResolvedAt, string Status);

/// <summary><c>bpm dossiers export</c>: every dossier, one CSV row each, by code, read from the database as a stream.</summary>
public static class DossierExport
{
    /// <summary>The CSV header, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["code", "level", "unit", "procedure", "channel", "receivedAt", "dueAt", "resolvedAt", "status"];

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz";

    public static async IAsyncEnumerable<DossierExportRow> RowsAsync(BpmDbContext db, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var catalog = await ReportCatalog.LoadAsync(db, cancellationToken);
        var rows = from d in db.Dossiers.AsNoTracking()
                   join i in db.Instances.AsNoTracking() on d.InstanceId equals i.InstanceId into instances
                   from i in instances.DefaultIfEmpty()
                   orderby d.Code
                   select new { d.Code, d.ReceivingUnit, d.ProcedureCode, d.Channel, d.ReceivedAt, DueAt = i == null ? d.DueAt : i.DueAt, d.ClosedAt, d.Status };
        await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return new DossierExportRow(r.Code, catalog.Level(r.ProcedureCode, r.ReceivingUnit), r.ReceivingUnit, r.ProcedureCode, r.Channel, r.ReceivedAt, r.DueAt, r.ClosedAt, r.Status);
        }
    }

    /// <summary>Writes the rows as CSV (UTF-8, RFC 4180); times are ISO 8601 in Vietnam's time, +07:00.</summary>
    public static async Task WriteCsvAsync(IAsyncEnumerable<DossierExportRow> rows, TextWriter writer, CancellationToken cancellationToken = default)
    {
        await using var csv = CsvWriter.Create(writer, null, leaveOpen: true);
        csv.WriteHeader([.. Columns]);
        await foreach (var r in rows.WithCancellation(cancellationToken))
        {
            await csv.WriteRecordAsync([r.Code, r.Level, r.Unit, r.Procedure, r.Channel, Time(r.ReceivedAt), Time(r.DueAt), Time(r.ResolvedAt), r.Status], cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }

    /// <summary>Reads an export back; throws <see cref="FormatException"/> naming the line and column of a bad field.</summary>
    public static List<DossierExportRow> ReadCsv(string text)
    {
        using var csv = CsvReader.FromText(text, CsvReaderOptions.Default with { TrackLineNumbers = true });
        if (!csv.Headers.SequenceEqual(Columns))
        {
            throw new FormatException($"line 1: the header must be {string.Join(",", Columns)}");
        }

        var rows = new List<DossierExportRow>();
        while (csv.Read())
        {
            var line = (int)csv.LineNumber;
            if (csv.FieldCount != Columns.Count)
            {
                throw new FormatException($"line {line}: {csv.FieldCount} fields, the header has {Columns.Count}");
            }

            rows.Add(new DossierExportRow(
                csv.GetString(0), csv.GetString(1), csv.GetString(2), csv.GetString(3), csv.GetString(4),
                ParseTime(csv.GetString(5), line, "receivedAt") ?? throw new FormatException($"line {line}: receivedAt is empty"),
                ParseTime(csv.GetString(6), line, "dueAt"), ParseTime(csv.GetString(7), line, "resolvedAt"), csv.GetString(8)));
        }

        return rows;
    }

    private static string Time(DateTimeOffset? at) =>
        at is { } moment ? moment.ToOffset(VietnameseWorkingCalendar.UtcOffset).ToString(TimeFormat, CultureInfo.InvariantCulture) : "";

    private static DateTimeOffset? ParseTime(string? text, int line, string column) =>
        string.IsNullOrEmpty(text) ? null
        : DateTimeOffset.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at.ToUniversalTime()
        : throw new FormatException($"line {line}: {column} '{text}' is not an ISO 8601 time with offset");

}
