using System.Diagnostics;
using Bpm.Persistence;
using Bpm.Persistence.Providers;
using Bpm.Reports;
using Npgsql;

namespace Bpm.Benchmarks;

/// <summary>
/// <c>million --connection CS --dossiers N</c>: fills a PostgreSQL database that already holds one
/// dossier received through the API (the template: a birth registration handed over to the
/// specialist) with N more, written by SQL into the same tables the server reads — dossiers, their
/// instances, two task rows and two dossier events each, and the report's day counts
/// (<c>dossier_day_counts</c>) they add up to — then times the one-year one-stop report
/// in process. The inbox and a dossier by code are timed over HTTP with <c>bpm-load get</c> against
/// the server on the same database (docs/benchmarks.md, "A million dossiers"). No journal rows are
/// cloned: no read timed here touches the journal.
/// </summary>
internal static class MillionDossiers
{
    private const string Usage = "usage: million --connection CS [--dossiers N] [--batch N] [--report-only true]";

    /// <summary>The desks the dossiers are spread over (the simulated province's 171); desk 0 is the template's, so its staff see their share.</summary>
    private const int Desks = 171;

    public static async Task<int> RunAsync(string[] args)
    {
        string? connection = null;
        int dossiers = 1_000_000, batch = 100_000;
        var reportOnly = false;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--connection": connection = args[i + 1]; break;
                case "--dossiers" when int.TryParse(args[i + 1], out var n) && n > 0: dossiers = n; break;
                case "--batch" when int.TryParse(args[i + 1], out var b) && b > 0: batch = b; break;
                case "--report-only" when bool.TryParse(args[i + 1], out var r): reportOnly = r; break;
                default:
                    Console.Error.WriteLine($"unknown or invalid argument '{args[i]}'\n{Usage}");
                    return 1;
            }
        }

        if (connection is null || args.Length % 2 != 0)
        {
            Console.Error.WriteLine(Usage);
            return 1;
        }

        await using var source = NpgsqlDataSource.Create(connection);
        if (!reportOnly)
        {
            await LoadAsync(source, dossiers, batch);
        }

        await ReportAsync(connection);
        return 0;
    }

    private static async Task LoadAsync(NpgsqlDataSource source, int dossiers, int batch)
    {
        var template = await ScalarAsync(source, """
            SELECT d."Code" FROM dossiers d
            WHERE EXISTS (SELECT 1 FROM tasks t WHERE t."InstanceId" = d."InstanceId" AND t."ElementId" = 'Task_ThamDinh')
            ORDER BY d."ReceivedAt" LIMIT 1
            """) as string ?? throw new InvalidOperationException("no template: receive a birth registration and hand it over through the API first (bpm-load cycle)");
        var first = Convert.ToInt64(await ScalarAsync(source, "SELECT count(*) FROM dossiers WHERE \"Code\" LIKE 'SIM-%'"), System.Globalization.CultureInfo.InvariantCulture) + 1;
        Console.WriteLine($"template dossier {template}; loading {dossiers:N0} from SIM-{first:D9}, {batch:N0} a transaction, load={PersistedBenchmark.LoadAverage()}");
        var clock = Stopwatch.StartNew();
        for (var from = first; from < first + dossiers; from += batch)
        {
            var to = Math.Min(first + dossiers - 1, from + batch - 1);
            await using var connection = await source.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            foreach (var sql in Statements)
            {
                await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
                command.Parameters.AddWithValue("template", template);
                command.Parameters.AddWithValue("from", from);
                command.Parameters.AddWithValue("to", to);
                command.Parameters.AddWithValue("desks", Desks);
                await command.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
            Console.WriteLine($"  up to SIM-{to:D9}: {clock.Elapsed.TotalSeconds:F0} s");
        }

        await using (var analyze = source.CreateCommand("ANALYZE"))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        Console.WriteLine($"loaded {dossiers:N0} dossiers in {clock.Elapsed.TotalSeconds:F0} s; total {await ScalarAsync(source, "SELECT count(*) FROM dossiers")} dossiers, {await ScalarAsync(source, "SELECT count(*) FROM tasks")} tasks");
    }

    /// <summary>
    /// Row g: received on day g mod 700 from 1 January 2025 at an office hour, at desk g mod 171
    /// (desk 0 keeps the template's units); one in 33 still with the specialist, the others
    /// returned (one in 40 of them late) a few days after receipt.
    /// </summary>
    private static readonly string[] Statements =
    [
        """
        CREATE TEMP TABLE sim ON COMMIT DROP AS
        SELECT g, 'SIM-' || lpad(g::text, 9, '0') AS code, 'sim-' || g AS instance,
               timestamptz '2025-01-01 01:00:00+00' + ((g % 700) * interval '1 day') + ((g * 37 % 28800) * interval '1 second') AS received,
               g % @desks AS desk, g % 33 = 0 AS open, g % 40 = 0 AS late
        FROM generate_series(@from::bigint, @to::bigint) g
        """,
        """
        INSERT INTO instances ("InstanceId", "DefinitionId", "DefinitionVersion", "ProcessId", "BusinessKey", "Status", "State", "StartedAt", "EndedAt", "DueAt", "UpdatedAt", "Revision", "Evaluation", "LateWithoutApology", "JournalHead")
        SELECT s.instance, i."DefinitionId", i."DefinitionVersion", i."ProcessId", s.code, CASE WHEN s.open THEN 'running' ELSE 'completed' END, i."State",
               s.received, CASE WHEN s.open THEN NULL ELSE s.received + interval '3 days' END, s.received + interval '5 days', s.received, i."Revision",
               CASE WHEN s.open THEN NULL WHEN s.late THEN 'late' ELSE 'on-time' END, s.late, i."JournalHead"
        FROM sim s CROSS JOIN (SELECT i.* FROM instances i JOIN dossiers d ON d."InstanceId" = i."InstanceId" WHERE d."Code" = @template) i
        """,
        """
        INSERT INTO dossiers ("Code", "ProcedureCode", "ReceivingUnit", "InstanceId", "Status", "ApplicantKind", "ApplicantName", "IdentityNumber", "Phone", "Email", "Address", "OrganisationName", "TaxCode", "Papers", "Channel", "ResultDelivery", "Notes", "ReceivedBy", "ReceivedAt", "DueAt", "IdempotencyKey", "RequestHash", "ClosedAt", "Evaluation")
        SELECT s.code, d."ProcedureCode", CASE WHEN s.desk = 0 THEN d."ReceivingUnit" ELSE 'SIM-' || s.desk || '.MOTCUA' END, s.instance,
               CASE WHEN s.open THEN 'processing' ELSE 'returned' END, d."ApplicantKind", d."ApplicantName", lpad((s.g % 1000000000000)::text, 12, '0'), d."Phone", d."Email", d."Address", d."OrganisationName", d."TaxCode", d."Papers",
               CASE WHEN s.g % 10 = 0 THEN 'online' ELSE d."Channel" END, d."ResultDelivery", NULL, d."ReceivedBy", s.received, s.received + interval '5 days', NULL, NULL,
               CASE WHEN s.open THEN NULL WHEN s.late THEN s.received + interval '7 days' ELSE s.received + interval '3 days' END,
               CASE WHEN s.open THEN NULL WHEN s.late THEN 'late' ELSE 'on-time' END
        FROM sim s CROSS JOIN (SELECT * FROM dossiers WHERE "Code" = @template) d
        """,
        """
        INSERT INTO tasks ("InstanceId", "TaskId", "ElementId", "Name", "Unit", "Role", "Candidate", "Assignee", "Kind", "Status", "BusinessKey", "CreatedAt", "DueAt", "CompletedAt", "CompletedBy", "Outcome", "Evaluation", "WarnedAt")
        SELECT s.instance, t."TaskId", t."ElementId", t."Name",
               CASE WHEN s.desk = 0 THEN t."Unit" ELSE 'SIM-' || s.desk || CASE WHEN t."ElementId" = 'Task_ThamDinh' THEN '.CHUYENMON' ELSE '.MOTCUA' END END,
               t."Role", t."Candidate", NULL, t."Kind",
               CASE WHEN t."ElementId" = 'Task_ThamDinh' AND s.open THEN 'open' ELSE 'completed' END, s.code,
               s.received + CASE WHEN t."ElementId" = 'Task_ThamDinh' THEN interval '1 hour' ELSE interval '0 hours' END,
               s.received + interval '3 days',
               CASE WHEN t."ElementId" = 'Task_ThamDinh' AND s.open THEN NULL ELSE s.received + interval '2 hours' END,
               CASE WHEN t."ElementId" = 'Task_ThamDinh' AND s.open THEN NULL ELSE t."CompletedBy" END,
               CASE WHEN t."ElementId" = 'Task_ThamDinh' AND s.open THEN NULL ELSE coalesce(t."Outcome", 'approve') END, NULL, NULL
        FROM sim s CROSS JOIN (SELECT t.* FROM tasks t JOIN dossiers d ON d."InstanceId" = t."InstanceId" WHERE d."Code" = @template AND t."ElementId" IN ('Task_TiepNhan', 'Task_ThamDinh')) t
        """,
        """
        INSERT INTO dossier_events ("DossierCode", "Seq", "Type", "Status", "At", "Actor", "JournalSeq", "Payload")
        SELECT s.code, e."Seq", e."Type", e."Status", s.received + (e."Seq" * interval '1 hour'), e."Actor", NULL, e."Payload"
        FROM sim s CROSS JOIN (SELECT * FROM dossier_events WHERE "DossierCode" = @template AND "Seq" <= 2) e
        """,
        // The report's day counts, as the server's reception and return steps would have kept them
        // (DossierDayCounts): a reception on its day (UTC+7), a return on its closing day.
        """
        INSERT INTO dossier_day_counts ("Day", "ReceivingUnit", "ProcedureCode", "Received", "Online", "Post", "Early", "OnTime", "Late", "LateWithoutApology", "Returned", "Withdrawn", "Refused")
        SELECT k.day, d."ReceivingUnit", d."ProcedureCode", sum(k.received), sum(k.online), sum(k.post), 0, sum(k.on_time), sum(k.late), sum(k.late_without_apology), sum(k.returned), 0, 0
        FROM sim s JOIN dossiers d ON d."Code" = s.code
        CROSS JOIN LATERAL (VALUES
            (to_char(d."ReceivedAt" AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD'), 1, (d."Channel" = 'online')::int, (d."Channel" = 'post')::int, 0, 0, 0, 0),
            (to_char(d."ClosedAt" AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD'), 0, 0, 0, (d."Evaluation" = 'on-time')::int, (d."Evaluation" = 'late')::int, s.late::int, 1)
        ) AS k(day, received, online, post, on_time, late, late_without_apology, returned)
        WHERE k.day IS NOT NULL
        GROUP BY k.day, d."ReceivingUnit", d."ProcedureCode"
        ON CONFLICT ("Day", "ReceivingUnit", "ProcedureCode") DO UPDATE SET
            "Received" = dossier_day_counts."Received" + excluded."Received", "Online" = dossier_day_counts."Online" + excluded."Online",
            "Post" = dossier_day_counts."Post" + excluded."Post", "OnTime" = dossier_day_counts."OnTime" + excluded."OnTime",
            "Late" = dossier_day_counts."Late" + excluded."Late", "LateWithoutApology" = dossier_day_counts."LateWithoutApology" + excluded."LateWithoutApology",
            "Returned" = dossier_day_counts."Returned" + excluded."Returned"
        """,
    ];

    private static async Task ReportAsync(string connection)
    {
        var year = new ReportPeriod(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));
        for (var run = 1; run <= 3; run++)
        {
            await using var db = BpmDatabase.CreateContext(DatabaseProvider.PostgreSql, connection);
            var clock = Stopwatch.StartNew();
            var rows = await new OneStopReport(db).ByAsync(year, ReportDimension.Level);
            Console.WriteLine($"report onestop 2025 by level, run {run}: {clock.Elapsed.TotalMilliseconds:F0} ms, {rows.Sum(r => r.Figures.Received):N0} received, load={PersistedBenchmark.LoadAverage()}");
        }
    }

    private static async Task<object?> ScalarAsync(NpgsqlDataSource source, string sql)
    {
        await using var command = source.CreateCommand(sql);
        return await command.ExecuteScalarAsync();
    }
}
