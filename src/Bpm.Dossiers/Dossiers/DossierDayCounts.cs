using System.Globalization;
using Bpm.Engine;
using Bpm.Engine.Calendar;
using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Dossiers.Dossiers;

/// <summary>
/// Keeps <c>dossier_day_counts</c> (the report's incremental aggregates) in step with the dossiers:
/// a reception adds to its day's received, online and post counts; a closing step (returned,
/// refused, withdrawn) adds to its day's closing counts. <see cref="DossierEvents.AppendAsync"/>
/// calls it, in the step's own transaction, so the counts commit or roll back with the step.
/// </summary>
public static class DossierDayCounts
{
    /// <summary>Adds what <paramref name="eventType"/> changes in the counts; other events change nothing.</summary>
    /// <param name="lateWithoutApology">The instance row's flag when the caller knows it; null reads it (a late return only).</param>
    public static async Task CountAsync(BpmDbContext db, DossierRecord dossier, string eventType, DateTimeOffset at, CancellationToken cancellationToken, bool? lateWithoutApology = null)
    {
        Delta? delta = eventType switch
        {
            DossierEventType.Received => Reception(dossier.Channel),
            DossierEventType.Refused => new Delta { Refused = 1 },
            DossierEventType.Withdrawn => new Delta { Withdrawn = 1 },
            DossierEventType.Returned => Return(dossier.Evaluation, dossier.Evaluation == Punctuality.Late
                && (lateWithoutApology ?? await db.Instances.Where(i => i.InstanceId == dossier.InstanceId).Select(i => i.LateWithoutApology).FirstOrDefaultAsync(cancellationToken))),
            _ => null,
        };
        if (delta is not null)
        {
            var day = DayOf(eventType == DossierEventType.Received ? dossier.ReceivedAt : dossier.ClosedAt ?? at);
            if (db.DeferredWrites is { } deferred)
            {
                var row = new DossierDayCountRecord { Day = day, ReceivingUnit = dossier.ReceivingUnit, ProcedureCode = dossier.ProcedureCode };
                delta.AddTo(row);
                deferred.AddDayCount(row);
            }
            else
            {
                await db.Database.ExecuteSqlAsync(Upsert(db, day, dossier.ReceivingUnit, dossier.ProcedureCode, delta), cancellationToken);
            }
        }
    }

    /// <summary>
    /// The counts recomputed from every dossier (read as a stream): what the table must hold. The
    /// tests compare the two; <see cref="RebuildAsync"/> fills the table of a database that had
    /// dossiers before the table existed.
    /// </summary>
    public static async Task<List<DossierDayCountRecord>> RecountAsync(BpmDbContext db, CancellationToken cancellationToken = default)
    {
        var counts = new Dictionary<(string Day, string Unit, string Procedure), DossierDayCountRecord>();
        void Add(DateTimeOffset at, string unit, string procedure, Delta delta)
        {
            var key = (DayOf(at), unit, procedure);
            if (!counts.TryGetValue(key, out var row))
            {
                counts[key] = row = new DossierDayCountRecord { Day = key.Item1, ReceivingUnit = unit, ProcedureCode = procedure };
            }

            delta.AddTo(row);
        }

        var dossiers = from d in db.Dossiers.AsNoTracking()
                       join i in db.Instances.AsNoTracking() on d.InstanceId equals i.InstanceId into instances
                       from i in instances.DefaultIfEmpty()
                       select new { d.ReceivingUnit, d.ProcedureCode, d.Channel, d.ReceivedAt, d.ClosedAt, d.Status, d.Evaluation, LateWithoutApology = i != null && i.LateWithoutApology };
        await foreach (var d in dossiers.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            Add(d.ReceivedAt, d.ReceivingUnit, d.ProcedureCode, Reception(d.Channel));
            if (d.ClosedAt is { } closed)
            {
                Delta? closing = d.Status switch
                {
                    DossierStatus.Returned => Return(d.Evaluation, d.Evaluation == Punctuality.Late && d.LateWithoutApology),
                    DossierStatus.Refused => new Delta { Refused = 1 },
                    DossierStatus.Withdrawn => new Delta { Withdrawn = 1 },
                    _ => null,
                };
                if (closing is not null)
                {
                    Add(closed, d.ReceivingUnit, d.ProcedureCode, closing);
                }
            }
        }

        return [.. counts.Values.OrderBy(c => c.Day, StringComparer.Ordinal).ThenBy(c => c.ReceivingUnit, StringComparer.Ordinal).ThenBy(c => c.ProcedureCode, StringComparer.Ordinal)];
    }

    /// <summary>Replaces the table's rows with <see cref="RecountAsync"/>'s, in one transaction (<c>bpm report recount</c>).</summary>
    public static async Task<int> RebuildAsync(BpmDbContext db, CancellationToken cancellationToken = default)
    {
        var rows = await RecountAsync(db, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.DossierDayCounts.ExecuteDeleteAsync(cancellationToken);
        db.DossierDayCounts.AddRange(rows);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return rows.Count;
    }

    /// <summary>The day (UTC+7) a count belongs to, as the table stores it.</summary>
    public static string DayOf(DateTimeOffset at) =>
        DateOnly.FromDateTime(at.ToOffset(VietnameseWorkingCalendar.UtcOffset).DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Delta Reception(string channel) => new() { Received = 1, Online = channel == Channels.Online ? 1 : 0, Post = channel == Channels.Post ? 1 : 0 };

    private static Delta Return(string? evaluation, bool lateWithoutApology) => new()
    {
        Returned = 1,
        Early = evaluation == Punctuality.Early ? 1 : 0,
        OnTime = evaluation == Punctuality.OnTime ? 1 : 0,
        Late = evaluation == Punctuality.Late ? 1 : 0,
        LateWithoutApology = lateWithoutApology ? 1 : 0,
    };

    // One statement per dialect: insert the day's row with the delta or add the delta to it, under the row's lock.
    private static FormattableString Upsert(BpmDbContext db, string day, string unit, string procedure, Delta d) => db.Database.ProviderName switch
    {
        "Microsoft.EntityFrameworkCore.SqlServer" => $"""
            MERGE dossier_day_counts WITH (HOLDLOCK) AS c
            USING (SELECT {day} AS Day, {unit} AS ReceivingUnit, {procedure} AS ProcedureCode,
                          {d.Received} AS Received, {d.Online} AS Online, {d.Post} AS Post, {d.Early} AS Early, {d.OnTime} AS OnTime, {d.Late} AS Late,
                          {d.LateWithoutApology} AS LateWithoutApology, {d.Returned} AS Returned, {d.Withdrawn} AS Withdrawn, {d.Refused} AS Refused) AS n
            ON c.Day = n.Day AND c.ReceivingUnit = n.ReceivingUnit AND c.ProcedureCode = n.ProcedureCode
            WHEN MATCHED THEN UPDATE SET Received = c.Received + n.Received, Online = c.Online + n.Online, Post = c.Post + n.Post,
                Early = c.Early + n.Early, OnTime = c.OnTime + n.OnTime, Late = c.Late + n.Late, LateWithoutApology = c.LateWithoutApology + n.LateWithoutApology,
                Returned = c.Returned + n.Returned, Withdrawn = c.Withdrawn + n.Withdrawn, Refused = c.Refused + n.Refused
            WHEN NOT MATCHED THEN INSERT (Day, ReceivingUnit, ProcedureCode, Received, Online, Post, Early, OnTime, Late, LateWithoutApology, Returned, Withdrawn, Refused)
                VALUES (n.Day, n.ReceivingUnit, n.ProcedureCode, n.Received, n.Online, n.Post, n.Early, n.OnTime, n.Late, n.LateWithoutApology, n.Returned, n.Withdrawn, n.Refused);
            """,
        _ => $"""
            INSERT INTO dossier_day_counts ("Day", "ReceivingUnit", "ProcedureCode", "Received", "Online", "Post", "Early", "OnTime", "Late", "LateWithoutApology", "Returned", "Withdrawn", "Refused")
            VALUES ({day}, {unit}, {procedure}, {d.Received}, {d.Online}, {d.Post}, {d.Early}, {d.OnTime}, {d.Late}, {d.LateWithoutApology}, {d.Returned}, {d.Withdrawn}, {d.Refused})
            ON CONFLICT ("Day", "ReceivingUnit", "ProcedureCode") DO UPDATE SET
                "Received" = dossier_day_counts."Received" + excluded."Received", "Online" = dossier_day_counts."Online" + excluded."Online",
                "Post" = dossier_day_counts."Post" + excluded."Post", "Early" = dossier_day_counts."Early" + excluded."Early",
                "OnTime" = dossier_day_counts."OnTime" + excluded."OnTime", "Late" = dossier_day_counts."Late" + excluded."Late",
                "LateWithoutApology" = dossier_day_counts."LateWithoutApology" + excluded."LateWithoutApology",
                "Returned" = dossier_day_counts."Returned" + excluded."Returned", "Withdrawn" = dossier_day_counts."Withdrawn" + excluded."Withdrawn",
                "Refused" = dossier_day_counts."Refused" + excluded."Refused"
            """,
    };

    /// <summary>What one reception or closing adds to its day's row.</summary>
    private sealed record Delta
    {
        public int Received { get; init; }

        public int Online { get; init; }

        public int Post { get; init; }

        public int Early { get; init; }

        public int OnTime { get; init; }

        public int Late { get; init; }

        public int LateWithoutApology { get; init; }

        public int Returned { get; init; }

        public int Withdrawn { get; init; }

        public int Refused { get; init; }

        public void AddTo(DossierDayCountRecord row)
        {
            row.Received += Received;
            row.Online += Online;
            row.Post += Post;
            row.Early += Early;
            row.OnTime += OnTime;
            row.Late += Late;
            row.LateWithoutApology += LateWithoutApology;
            row.Returned += Returned;
            row.Withdrawn += Withdrawn;
            row.Refused += Refused;
        }
    }
}
