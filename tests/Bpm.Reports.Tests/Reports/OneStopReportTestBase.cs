using Bpm.Dossiers.Dossiers;
using Bpm.Organisation;
using Bpm.Persistence;
using Bpm.Testing;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Reports.Tests.Reports;

/// <summary>The report over <see cref="ReportDataset"/>: every figure has a known answer.</summary>
public abstract class OneStopReportTestBase<TDataset>(TDataset dataset)
    where TDataset : ReportDataset
{
    private static readonly ReportPeriod SpringOf2021 = new(new DateOnly(2021, 3, 1), new DateOnly(2021, 5, 31));

    private async Task<OneStopFigures> LevelAsync(string level, ReportPeriod? period = null)
    {
        Skip.If(dataset.Database.SkipReason is not null, dataset.Database.SkipReason);
        await using var db = dataset.Database.CreateContext();
        return await new OneStopReport(db).LevelAsync(period ?? SpringOf2021, level);
    }

    [SkippableFact]
    public async Task LevelAsync_Commune_CountsEarlyOnTimeAndLateAsTheEngineEvaluatedThem()
    {
        var commune = await LevelAsync("commune");

        // D2 early; D1 at its due time, D3 received after 15:00, D4 across the holidays: on time; D5 and D6 late.
        Assert.Equal(8, commune.Received);
        Assert.Equal(6, commune.Resolved);
        Assert.Equal(1, commune.Early);
        Assert.Equal(3, commune.OnTime);
        Assert.Equal(4, commune.OnTimeOrEarly);
        Assert.Equal(2, commune.Late);
        Assert.Equal(66.67m, commune.OnTimeOrEarlyShare);
    }

    [SkippableFact]
    public async Task ByAsync_HandedOffDossier_CountedOnceThoughTwoInstancesCarryItsCode()
    {
        Skip.If(dataset.Database.SkipReason is not null, dataset.Database.SkipReason);
        await using var db = dataset.Database.CreateContext();
        Assert.Equal(2, await db.Instances.CountAsync(i => i.BusinessKey == dataset.Code("D1")));

        var civilStatus = (await new OneStopReport(db).ByAsync(SpringOf2021, ReportDimension.Procedure)).Single(r => r.Key == ReportDataset.CivilStatus).Figures;

        // D1–D5, each once: the running part of D1 at commune B adds no dossier received or in progress.
        Assert.Equal(5, civilStatus.Received);
        Assert.Equal(5, civilStatus.Resolved);
        Assert.Equal(0, civilStatus.InProgress);
    }

    [SkippableFact]
    public async Task LevelAsync_LateWithAndWithoutApology_SplitsByTheApologyLetter()
    {
        var commune = await LevelAsync("commune");

        Assert.Equal(1, commune.LateWithoutApology);
        Assert.Equal(1, commune.LateWithApology);
    }

    [SkippableFact]
    public async Task LevelAsync_RefusedAndWithdrawn_CountedApartFromResolvedAndInProgress()
    {
        var commune = await LevelAsync("commune");

        Assert.Equal(1, commune.Refused);
        Assert.Equal(1, commune.Withdrawn);
        Assert.Equal(0, commune.InProgress);
    }

    [SkippableFact]
    public async Task LevelAsync_OnlineShare_CountsOnlyDossiersOfProceduresOfferedOnline()
    {
        var commune = await LevelAsync("commune");
        var district = await LevelAsync("district");

        // Five dossiers of the fully online civil-status procedure, two of them online: 40%; the
        // land procedure's three are not in the base. The district's procedure is partly online only.
        Assert.Equal(2, commune.Online);
        Assert.Equal(5, commune.OfferedOnline);
        Assert.Equal(40m, commune.OnlineShare);
        Assert.Equal(12.5m, commune.PostShare);
        Assert.Equal(1, district.Online);
        Assert.Null(district.OnlineShare);
    }

    [SkippableFact]
    public async Task LevelAsync_DossierReturnedAfterThePeriod_IsInProgressAtItsEnd()
    {
        var inMay = await LevelAsync("district");
        var inJune = await LevelAsync("district", new ReportPeriod(new DateOnly(2021, 6, 1), new DateOnly(2021, 6, 30)));

        Assert.Equal((2, 0, 2), (inMay.Received, inMay.Resolved, inMay.InProgress));
        Assert.Equal((0, 1, 1, 1), (inJune.Received, inJune.Resolved, inJune.OnTime, inJune.InProgress));
    }

    [SkippableFact]
    public async Task ByPeriodAsync_Months_CountsEachDossierInTheMonthItWasReceivedOrResolved()
    {
        Skip.If(dataset.Database.SkipReason is not null, dataset.Database.SkipReason);
        await using var db = dataset.Database.CreateContext();

        var months = await new OneStopReport(db).ByPeriodAsync(SpringOf2021, PeriodUnit.Month);

        Assert.Equal(["2021-03", "2021-04", "2021-05"], months.Select(m => m.Key));
        Assert.Equal([9, 1, 1], months.Select(m => m.Figures.Received));
        Assert.Equal([6, 0, 1], months.Select(m => m.Figures.Resolved));
        Assert.Equal([1, 2, 2], months.Select(m => m.Figures.InProgress));
    }

    [SkippableFact]
    public async Task ByAsync_SectorAndAgency_FoldTheSameDossiers()
    {
        Skip.If(dataset.Database.SkipReason is not null, dataset.Database.SkipReason);
        await using var db = dataset.Database.CreateContext();
        var report = new OneStopReport(db);

        var sectors = await report.ByAsync(SpringOf2021, ReportDimension.Sector);
        var agencies = await report.ByAsync(SpringOf2021, ReportDimension.Agency);
        var procedures = await report.ByAsync(SpringOf2021, ReportDimension.Procedure);

        Assert.Equal([("Hoạt động xây dựng", 3), ("Hộ tịch", 5), ("Đất đai", 3)], sectors.Select(s => (s.Key, s.Figures.Received)).OrderBy(s => s.Key, StringComparer.Ordinal));
        Assert.Equal([("HUYEN-A", 2), ("TTHCC", 1), ("XA-A", 6), ("XA-B", 2)], agencies.Select(a => (a.Key, a.Figures.Received)));
        Assert.Equal(11, procedures.Sum(p => p.Figures.Received));
    }

    [SkippableFact]
    public async Task LateByAgencyAsync_LateAtTheDeciding_CountsTheAgencyHoldingTheDossierAtItsDueDate()
    {
        Skip.If(dataset.Database.SkipReason is not null, dataset.Database.SkipReason);
        await using var db = dataset.Database.CreateContext();

        var late = await new OneStopReport(db).LateByAgencyAsync(SpringOf2021);

        // D12 was received at the centre (TTHCC) but its department (SO-XD) held it when it fell due.
        Assert.Equal([("SO-XD", 1, 1), ("XA-A", 1, 0), ("XA-B", 1, 1)], late.Select(l => (l.Agency, l.Late, l.WithoutApology)));
    }

    [SkippableFact]
    public async Task ApologyNoticesAsync_LateDossiers_SplitBySentWrittenAndNoApologyNotice()
    {
        Skip.If(dataset.Database.SkipReason is not null, dataset.Database.SkipReason);
        await using var db = dataset.Database.CreateContext();
        // The dataset is shared by the tests: these notices live only in this transaction.
        await using var transaction = await db.Database.BeginTransactionAsync();
        // UTC: Npgsql stores only UTC moments in timestamptz columns.
        var at = VietnamTime.At(2021, 3, 10, 9, 0).ToUniversalTime();
        Notice(db, "D6", "Apology", sentAt: at);
        Notice(db, "D5", "Apology", sentAt: null);
        Notice(db, "D12", "Receipt", sentAt: at);
        await db.SaveChangesAsync();

        var apologies = await new OneStopReport(db).ApologyNoticesAsync(SpringOf2021);

        // D5, D6 and D12 are the spring's late dossiers: D6's apology went out, D5's is still waiting, D12 was told only of its receipt.
        Assert.Equal((3, 1, 1, 1), (apologies.Late, apologies.Sent, apologies.NotSent, apologies.NoNotice));
        Assert.Equal(new[] { dataset.Code("D12"), dataset.Code("D5") }.Order(StringComparer.Ordinal), apologies.Untold.Order(StringComparer.Ordinal));
    }

    private void Notice(Bpm.Persistence.BpmDbContext db, string dossier, string notice, DateTimeOffset? sentAt) => db.Notifications.Add(new Bpm.Persistence.NotificationRecord
    {
        MessageId = $"{dataset.Code(dossier)}/{notice}/sms",
        DossierCode = dataset.Code(dossier),
        Notice = notice,
        Channel = "Sms",
        Address = "84912345678",
        Body = "…",
        CreatedAt = VietnamTime.At(2021, 3, 10, 8, 0).ToUniversalTime(),
        NextAttemptAt = VietnamTime.At(2021, 3, 10, 8, 0).ToUniversalTime(),
        Attempts = 1,
        SentAt = sentAt,
    });

    [SkippableFact]
    public async Task DossierExport_CsvRoundTrip_GivesBackTheRowsTheReportCounts()
    {
        Skip.If(dataset.Database.SkipReason is not null, dataset.Database.SkipReason);
        await using var db = dataset.Database.CreateContext();
        var rows = await DossierExport.RowsAsync(db).ToListAsync();
        using var csv = new StringWriter();

        await DossierExport.WriteCsvAsync(rows.ToAsyncEnumerable(), csv);
        var parsed = DossierExport.ReadCsv(csv.ToString());

        Assert.Equal(rows, parsed);
        Assert.Equal(11, parsed.Count); // D1–D10 and D12
        Assert.StartsWith("code,level,unit,procedure,channel,receivedAt,dueAt,resolvedAt,status", csv.ToString(), StringComparison.Ordinal);

        // Anyone can recompute the report from the export: the commune's late and on-time-or-early dossiers of the spring.
        var report = await new OneStopReport(db).LevelAsync(SpringOf2021, "commune");
        var resolved = parsed.Where(r => r.Level == "commune" && r.Status == "returned" && r.ResolvedAt < SpringOf2021.End).ToList();
        Assert.Equal(report.Resolved, resolved.Count);
        Assert.Equal(report.Late, resolved.Count(r => r.ResolvedAt > r.DueAt));
        Assert.Equal(report.OnTimeOrEarly, resolved.Count(r => r.ResolvedAt <= r.DueAt));
        Assert.Equal(string.Empty, csv.ToString().Split('\n').Single(l => l.StartsWith(dataset.Code("D10"), StringComparison.Ordinal)).Split(',')[7]);
    }

    [SkippableFact]
    public async Task DossierDayCounts_AfterTheLifecycle_EqualAFullRecount()
    {
        Skip.If(dataset.Database.SkipReason is not null, dataset.Database.SkipReason);
        await using var db = dataset.Database.CreateContext();

        // Kept step by step (received, returned early / on time / late, late after an apology, refused, withdrawn, left open).
        var kept = (await db.DossierDayCounts.AsNoTracking().ToListAsync()).Select(Row).Order().ToList();
        var recounted = (await DossierDayCounts.RecountAsync(db)).Select(Row).Order().ToList();

        Assert.Equal(recounted, kept);
        Assert.Equal(11, kept.Sum(r => r.Received));
        Assert.Equal((8, 1, 1), (kept.Sum(r => r.Returned), kept.Sum(r => r.Refused), kept.Sum(r => r.Withdrawn)));
        Assert.Equal(["2021-03-01", "2021-03-02", "2021-03-03", "2021-03-12", "2021-04-29", "2021-05-04", "2021-05-31", "2021-06-01"], kept.Select(r => r.Day).Distinct());
    }

    [SkippableFact]
    public async Task ReportDossiers_EveryFigure_ListsAsManyDossiersAsTheFigureCounts()
    {
        Skip.If(dataset.Database.SkipReason is not null, dataset.Database.SkipReason);
        await using var db = dataset.Database.CreateContext();
        var report = new OneStopReport(db);

        foreach (var filter in new[] { new ReportFilter(Level: "commune"), new ReportFilter(Agency: "HUYEN-A"), new ReportFilter(Sector: "Đất đai") })
        {
            var figures = (await report.ByAsync(SpringOf2021, ReportDimension.Level, filter)).Aggregate(OneStopFigures.Zero, (sum, r) => sum + r.Figures);
            foreach (var figure in ReportFigure.All)
            {
                var dossiers = await ReportDossiers.ListAsync(db, SpringOf2021, figure, filter, 100);
                Assert.True(ReportFigure.Of(figures, figure) == dossiers.Count, $"{figure} of {filter}: the report counts {ReportFigure.Of(figures, figure)}, the list has {dossiers.Count}");
            }
        }

        // The commune's late dossiers are D5 and D6, by code.
        var late = await ReportDossiers.ListAsync(db, SpringOf2021, ReportFigure.Late, new ReportFilter(Level: "commune"), 100);
        Assert.Equal(new[] { dataset.Code("D5"), dataset.Code("D6") }.Order(StringComparer.Ordinal), late.Select(d => d.Code));
    }

    [SkippableFact]
    public async Task ByAsync_Filter_KeepsOnlyTheDossiersOfTheLevelUnitSectorOrProcedure()
    {
        Skip.If(dataset.Database.SkipReason is not null, dataset.Database.SkipReason);
        await using var db = dataset.Database.CreateContext();
        var report = new OneStopReport(db);

        var land = await report.ByAsync(SpringOf2021, ReportDimension.Unit, new ReportFilter(Sector: "Đất đai"));
        var communeB = await report.ByAsync(SpringOf2021, ReportDimension.Procedure, new ReportFilter(Unit: ReportDataset.CommuneB.Desk));
        var district = await report.ByPeriodAsync(SpringOf2021, PeriodUnit.Month, new ReportFilter(Level: "district"));

        // D6, D7, D8 (land, commune A); D4, D5 (civil status, commune B); D9, D10 received at the district in March and May.
        Assert.Equal([("XA-A.MOTCUA", 3, 1, 1, 1)], land.Select(r => (r.Key, r.Figures.Received, r.Figures.Late, r.Figures.Refused, r.Figures.Withdrawn)));
        Assert.Equal([(ReportDataset.CivilStatus, 2, 1)], communeB.Select(r => (r.Key, r.Figures.Received, r.Figures.Late)));
        Assert.Equal([1, 0, 1], district.Select(m => m.Figures.Received));
    }

    [SkippableFact]
    public async Task ByStaffAsync_Year_CountsWhoReceivedReturnedAndCompletedSteps()
    {
        Skip.If(dataset.Database.SkipReason is not null, dataset.Database.SkipReason);
        await using var db = dataset.Database.CreateContext();

        var staff = await new StaffOutput(db).ByStaffAsync(new ReportPeriod(new DateOnly(2021, 1, 1), new DateOnly(2021, 12, 31)));
        var communeA = await new StaffOutput(db).ByStaffAsync(SpringOf2021, ReportDataset.CommuneA.Desk);

        // The desk ("motcua") received all eleven; "canbo" did the four steps of the eight returned
        // (D1–D6, D9 in June, D12) and returned them; D6's apology task was the leader's.
        Assert.Equal([("motcua", 11, 0, 0), ("canbo", 0, 8, 32)], staff.Select(s => (s.UserName, s.Received, s.Returned, s.TasksCompleted)));
        // Commune A's desk in the spring: D1, D2, D3, D6, D7, D8 received; D1, D2, D3, D6 returned.
        Assert.Equal([("motcua", 6, 0, 0), ("canbo", 0, 4, 16)], communeA.Select(s => (s.UserName, s.Received, s.Returned, s.TasksCompleted)));
    }

    [SkippableFact]
    public async Task ByStaffAsync_DeskInARuralCommune_ComparesEachOfficerWithTheRuralTarget()
    {
        Skip.If(dataset.Database.SkipReason is not null, dataset.Database.SkipReason);
        await using var db = dataset.Database.CreateContext();
        var year = new ReportPeriod(new DateOnly(2021, 1, 1), new DateOnly(2021, 12, 31));
        var areas = new UnitAreaClasses(
        [
            new OrganisationUnit { Code = "XA-A", Name = "Xã A", Level = "commune", AreaClass = AreaClass.Rural, ValidFrom = new DateOnly(2019, 1, 1) },
            new OrganisationUnit { Code = "XA-A.MOTCUA", Name = "Bộ phận Một cửa xã A", Level = "office", ParentCode = "XA-A", ValidFrom = new DateOnly(2019, 1, 1) },
        ]);

        var rural = await new StaffOutput(db).ByStaffAsync(year, areas: areas);
        var unrecorded = await new StaffOutput(db).ByStaffAsync(year);

        // Both officers' desk is commune A's (motcua received 6 of 11 there, canbo returned 4 of 8):
        // rural, 1,200 a year; 11 and 8 desk dossiers are 0.92% and 0.67% of it.
        Assert.Equal(
            [("motcua", "XA-A.MOTCUA", AreaClass.Rural, 1200, 0.92m), ("canbo", "XA-A.MOTCUA", AreaClass.Rural, 1200, 0.67m)],
            rural.Select(s => (s.UserName, s.Desk, s.Area, s.Target, s.TargetShare)));
        // Without a recorded class the desk is urban: 1,600, so 0.69% and 0.50%.
        Assert.Equal([(AreaClass.Urban, 1600, 0.69m), (AreaClass.Urban, 1600, 0.5m)], unrecorded.Select(s => (s.Area!.Value, s.Target!.Value, s.TargetShare!.Value)));
    }

    private static (string Day, string Unit, string Procedure, int Received, int Online, int Post, int Early, int OnTime, int Late, int LateWithoutApology, int Returned, int Withdrawn, int Refused) Row(DossierDayCountRecord c) =>
        (c.Day, c.ReceivingUnit, c.ProcedureCode, c.Received, c.Online, c.Post, c.Early, c.OnTime, c.Late, c.LateWithoutApology, c.Returned, c.Withdrawn, c.Refused);

    [SkippableFact]
    public async Task Dataset_DueDates_FollowTheCalendarsRules()
    {
        Skip.If(dataset.Database.SkipReason is not null, dataset.Database.SkipReason);
        await using var db = dataset.Database.CreateContext();

        var due = db.Dossiers.ToDictionary(d => d.Code, d => d.DueAt);

        // The guard of the known answers above: the 15:00 rule and the 30/04–03/05/2021 days off.
        Assert.Equal(VietnamTime.At(2021, 3, 2, 17, 0), due[dataset.Code("D1")]);
        Assert.Equal(VietnamTime.At(2021, 3, 3, 17, 0), due[dataset.Code("D3")]);
        Assert.Equal(VietnamTime.At(2021, 5, 4, 17, 0), due[dataset.Code("D4")]);
    }
}

public sealed class SqliteOneStopReportTests(SqliteReportDataset dataset)
    : OneStopReportTestBase<SqliteReportDataset>(dataset), IClassFixture<SqliteReportDataset>;

public sealed class PostgreSqlOneStopReportTests(PostgresReportDataset dataset)
    : OneStopReportTestBase<PostgresReportDataset>(dataset), IClassFixture<PostgresReportDataset>;
