using System.Text.Json;
using Bpm.Dossiers.Catalog;
using Bpm.Dossiers.Codes;
using Bpm.Dossiers.Dossiers;
using Bpm.Engine;
using Bpm.Engine.Calendar;
using Bpm.Persistence;
using Bpm.Reports.Simulation;
using Bpm.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Bpm.Reports.Tests.Reports;

/// <summary>
/// Twelve dossiers with known answers, received and worked through the real reception, engine and
/// working calendar in March–June 2021 (UTC+7), built once per database:
/// <list type="bullet">
/// <item>D1 returned exactly at its due time (on time), D2 the same day (early), D3 received at 15:30 (due counted from the next day: on time);</item>
/// <item>D4 received on 29/04 before the 30/04–01/05 holidays and the day off on 03/05 (due 04/05: on time);</item>
/// <item>D5 by post, its specialist a day late (late, no apology); D6 late after an apology letter moved its due date;</item>
/// <item>D7 refused, D8 withdrawn; D9 received 31/05 and returned 01/06; D10 never finished;</item>
/// <item>D12 at the provincial centre, late at the department that decides it;</item>
/// <item>a part of D1 handed off to commune B's process (a second instance with D1's code, still running).</item>
/// </list>
/// </summary>
public abstract class ReportDataset : IDisposable
{
    public const string CivilStatus = "1.000001";
    public const string Land = "1.000002";
    public const string Building = "1.000003";
    public const string Permit = "1.000004";

    public static readonly SimulatedDesk CommuneA = Desk("commune", "XA-A", "000.01.01.H08", "XA-A.CONGCHUC", "XA-A.LANHDAO");
    public static readonly SimulatedDesk CommuneB = Desk("commune", "XA-B", "000.02.01.H08", "XA-B.CONGCHUC", "XA-B.LANHDAO");
    public static readonly SimulatedDesk DistrictA = Desk("district", "HUYEN-A", "000.00.01.H08", "HUYEN-A.CHUYENMON", "HUYEN-A.LANHDAO");
    public static readonly SimulatedDesk Centre = Desk("province", "TTHCC", "000.00.00.H08", "SO-XD.CHUYENVIEN", "SO-XD.LANHDAO");

    private readonly List<(string InstanceId, string TimerId, DateTimeOffset Due)> _timers = [];
    private readonly Dictionary<string, (string Code, string InstanceId)> _dossiers = new(StringComparer.Ordinal);
    private FakeTimeProvider _clock = null!;

    protected ReportDataset(IDatabaseFixture database)
    {
        Database = database;
        if (database.SkipReason is null)
        {
            BuildAsync().GetAwaiter().GetResult();
        }
    }

    public IDatabaseFixture Database { get; }

    /// <summary>The dossier code of D1…D12.</summary>
    public string Code(string name) => _dossiers[name].Code;

    public static Procedure[] Procedures { get; } =
    [
        Procedure(CivilStatus, "Hộ tịch", AdministrativeLevel.Commune, [CommuneA, CommuneB], days: 1, OnlineLevel.Full),
        Procedure(Land, "Đất đai", AdministrativeLevel.Commune, [CommuneA], days: 5, OnlineLevel.None),
        Procedure(Building, "Hoạt động xây dựng", AdministrativeLevel.District, [DistrictA], days: 1, OnlineLevel.Partial),
        Procedure(Permit, "Hoạt động xây dựng", AdministrativeLevel.Province, [Centre], days: 1, OnlineLevel.Full),
    ];

    public abstract void Dispose();

    private async Task BuildAsync()
    {
        _clock = VietnamTime.Clock(2021, 3, 1, 7, 0);
        await using var db = Database.CreateContext();
        var calendar = VietnameseWorkingCalendar.Load(RepositoryRoot.Find());
        var executor = new CommandExecutor(db, _clock, new DefinitionCache(), new EngineOptions { Calendar = calendar });
        var steps = new DossierSteps(db, executor, _clock);
        var reception = new DossierReception(db, executor, new ProcedureCatalog(db, _clock), _clock);
        await new ProcedureCatalog(db, _clock).ImportAsync(Procedures);
        var store = new DefinitionStore(db, _clock);
        foreach (var (desk, code) in new[] { (CommuneA, CivilStatus), (CommuneB, CivilStatus), (CommuneA, Land), (DistrictA, Building), (Centre, Permit) })
        {
            var (id, xml) = SimulatedProvince.Definition(desk, Procedures.Single(p => p.Code == code));
            await store.SaveDraftAsync(id, xml, "test");
            await store.PublishAsync(id, "test");
        }

        async Task Receive(string name, SimulatedDesk desk, string procedure, string channel, int month, int day, int hour, int minute = 0)
        {
            await At(db, executor, month, day, hour, minute);
            var request = new ReceptionRequest(procedure, new ApplicantInput("person", "Nguyễn Văn An", "052085012345", null, null, null, null, null), [new PaperInput("to-khai", 1)], channel, Channels.Desk, null);
            var outcome = await reception.ReceiveAsync(request, new Dictionary<string, string[]>(), desk.Desk, desk.Identifier, "motcua", null, "");
            var dossier = Assert.IsType<ReceptionOutcome.Received>(outcome).Dossier;
            _dossiers[name] = (dossier.Code, dossier.InstanceId);
            await Collect(db);
        }

        async Task Step(string name, string task, int month, int day, int hour, int minute = 0)
        {
            await At(db, executor, month, day, hour, minute);
            var (code, instance) = _dossiers[name];
            var (eventType, status, close) = task switch
            {
                "Task_TiepNhan" => (DossierEventType.HandedOver, DossierStatus.Processing, false),
                "Task_PheDuyet" => (DossierEventType.ResultReady, DossierStatus.ResultReady, false),
                "Task_TraKetQua" => (DossierEventType.Returned, DossierStatus.Returned, true),
                _ => ((string?)null, (string?)null, false),
            };
            await steps.RunAsync(code, instance, () => steps.CompleteAsync(instance, task, "canbo", default), eventType, status, null, "canbo", close, default);
            await Collect(db);
        }

        async Task Work(string name, int month, int day, int hour, int minute = 0)
        {
            foreach (var task in new[] { "Task_ThamDinh", "Task_PheDuyet", "Task_TraKetQua" })
            {
                await Step(name, task, month, day, hour, minute);
            }
        }

        async Task Close(string name, string eventType, string status, string reason, int month, int day, int hour)
        {
            await At(db, executor, month, day, hour);
            var (code, instance) = _dossiers[name];
            await steps.RunAsync(code, instance, () => steps.CancelAsync(instance, reason, "motcua", default), eventType, status, new { reason }, "motcua", close: true, default);
            await Collect(db);
        }

        await Receive("D6", CommuneA, Land, Channels.Desk, 3, 1, 8);
        await Step("D6", "Task_TiepNhan", 3, 1, 8, 10);
        await Receive("D1", CommuneA, CivilStatus, Channels.Desk, 3, 1, 9);
        await Step("D1", "Task_TiepNhan", 3, 1, 9, 10);
        await HandOffPartAsync(db, executor, "D1", CommuneB);
        await Receive("D2", CommuneA, CivilStatus, Channels.Online, 3, 1, 9, 30);
        await Step("D2", "Task_TiepNhan", 3, 1, 9, 40);
        await Receive("D5", CommuneB, CivilStatus, Channels.Post, 3, 1, 10);
        await Receive("D7", CommuneA, Land, Channels.Desk, 3, 1, 10, 5);
        await Receive("D8", CommuneA, Land, Channels.Desk, 3, 1, 10, 6);
        await Step("D5", "Task_TiepNhan", 3, 1, 10, 10);
        await Receive("D12", Centre, Permit, Channels.Desk, 3, 1, 11);
        await Step("D12", "Task_TiepNhan", 3, 1, 11, 10);
        await Receive("D3", CommuneA, CivilStatus, Channels.Desk, 3, 1, 15, 30);
        await Step("D3", "Task_TiepNhan", 3, 1, 15, 40);
        await Work("D2", 3, 1, 16);
        await Receive("D10", DistrictA, Building, Channels.Online, 3, 2, 9);
        await Close("D7", DossierEventType.Refused, DossierStatus.Refused, "refused: không đủ điều kiện", 3, 2, 10);
        await Close("D8", DossierEventType.Withdrawn, DossierStatus.Withdrawn, "withdrawn by the applicant: xin rút", 3, 2, 11);
        await Step("D1", "Task_ThamDinh", 3, 2, 16);
        await Step("D1", "Task_PheDuyet", 3, 2, 16, 30);
        await Step("D1", "Task_TraKetQua", 3, 2, 17);
        await Work("D5", 3, 3, 8, 30);
        await Work("D12", 3, 3, 9, 30);
        await Work("D3", 3, 3, 16);
        await At(db, executor, 3, 5, 9);
        await IssueApologyAsync(db, executor, _dossiers["D6"].InstanceId, VietnamTime.At(2021, 3, 11, 17, 0));
        await Collect(db);
        await Work("D6", 3, 12, 10);
        await Receive("D4", CommuneB, CivilStatus, Channels.Online, 4, 29, 9);
        await Step("D4", "Task_TiepNhan", 4, 29, 9, 10);
        await Work("D4", 5, 4, 10);
        await Receive("D9", DistrictA, Building, Channels.Desk, 5, 31, 9);
        await Step("D9", "Task_TiepNhan", 5, 31, 9, 10);
        await Work("D9", 6, 1, 9);
    }

    /// <summary>
    /// A part of the dossier handed off to another agency (liên thông): a second instance, of that
    /// agency's process, carrying the same dossier code, left running. The report counts dossiers,
    /// so this instance must not add a dossier received or in progress.
    /// </summary>
    private async Task HandOffPartAsync(BpmDbContext db, CommandExecutor executor, string name, SimulatedDesk agency)
    {
        var (definitionId, _) = SimulatedProvince.Definition(agency, Procedures.Single(p => p.Code == CivilStatus));
        var part = await executor.StartAsync(definitionId, null, new StartInstance(Guid.NewGuid().ToString("N"), _dossiers[name].Code) { Actor = "lien-thong:" + agency.Desk });
        Assert.True(part.Applied, part.Rejection?.Message);
        await Collect(db);
    }

    /// <summary>Moves the clock and first fires, as the scheduler would, the timers that fell due before then.</summary>
    private async Task At(BpmDbContext db, CommandExecutor executor, int month, int day, int hour, int minute = 0)
    {
        var at = VietnamTime.At(2021, month, day, hour, minute).ToUniversalTime();
        foreach (var timer in _timers.Where(t => t.Due < at).OrderBy(t => t.Due).ToList())
        {
            _timers.Remove(timer);
            _clock.SetUtcNow(timer.Due.ToUniversalTime() > _clock.GetUtcNow() ? timer.Due.ToUniversalTime() : _clock.GetUtcNow());
            await executor.ExecuteAsync(timer.InstanceId, new FireTimer(timer.TimerId) { Actor = "scheduler" });
            await Collect(db);
        }

        _clock.SetUtcNow(at);
    }

    private async Task Collect(BpmDbContext db) =>
        await new OutboxDispatcher(db, _clock).DispatchAsync((message, _) =>
        {
            if (message.Effect is TimerArmed timer)
            {
                _timers.Add((message.InstanceId, timer.TimerId, timer.Due));
            }

            return Task.CompletedTask;
        });

    /// <summary>The leader signs the apology letter with a new date (Decree 61/2018 art. 19(9)).</summary>
    private static async Task IssueApologyAsync(BpmDbContext db, CommandExecutor executor, string instanceId, DateTimeOffset newDue)
    {
        var task = await db.Tasks.AsNoTracking().SingleAsync(t => t.InstanceId == instanceId && t.Status == TaskRecord.Open && t.Kind == "apology");
        var variables = new Dictionary<string, JsonElement>
        {
            ["newDueAt"] = JsonSerializer.SerializeToElement(newDue.ToString("O")),
            ["reason"] = JsonSerializer.SerializeToElement("Cần xác minh thêm"),
        };
        var result = await executor.ExecuteAsync(instanceId, new CompleteTask(task.TaskId, "issue", variables) { Actor = "lanhdao" });
        Assert.True(result.Applied, result.Rejection?.Message);
    }

    private static SimulatedDesk Desk(string level, string agency, string identifier, string specialists, string leaders) =>
        new(level, agency, $"{agency}.MOTCUA", UnitIdentifier.Parse(identifier), specialists, leaders, ["motcua"]);

    private static Procedure Procedure(string code, string sector, AdministrativeLevel level, SimulatedDesk[] desks, int days, OnlineLevel online) => new()
    {
        Code = code,
        Name = $"Thủ tục thử {code}",
        Sector = sector,
        Levels = [new ProcedureLevel { Level = level, Agency = "Cơ quan thử", ReceivingUnits = [.. desks.Select(d => d.Desk)] }],
        TimeLimit = new TimeLimit(days, TimeLimitUnit.WorkingDays),
        OnlineLevel = online,
        Papers = [new Paper { Id = "to-khai", Name = "Tờ khai", Form = PaperForm.Original, Count = 1, Required = true, DigitisedResultReplaces = false }],
        LegalBasis = ["Văn bản thử"],
        Sources = [new Source("Nguồn thử", null, "Tài liệu kiểm thử", null)],
    };
}

public sealed class SqliteReportDataset() : ReportDataset(new SqliteFixture())
{
    public override void Dispose() => ((SqliteFixture)Database).Dispose();
}

public sealed class PostgresReportDataset() : ReportDataset(new PostgresFixture())
{
    public override void Dispose() => ((PostgresFixture)Database).Dispose();
}
