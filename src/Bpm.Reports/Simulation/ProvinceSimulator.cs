using System.Globalization;
using System.Text.Json;
using Bpm.Dossiers.Catalog;
using Bpm.Dossiers.Dossiers;
using Bpm.Engine;
using Bpm.Engine.Calendar;
using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Bpm.Reports.Simulation;

/// <summary>What a simulation did: dossiers received per level and the steps run through the engine.</summary>
public sealed record SimulationResult(IReadOnlyDictionary<string, int> Arrivals, int Steps);

/// <summary>
/// <c>bpm simulate province</c>: runs the simulated province's dossiers over its structure's period
/// (<see cref="ProvinceStructure"/>: 1 April 2019 – 15 December 2021 with districts, or from 1 July
/// 2025 with two levels) through the real reception, engine and database on a simulated clock. Each
/// dossier is received (<see cref="DossierReception"/>), handed over, examined, decided and returned
/// by the desk's officers as engine commands with their dossier events, as the API does; timers
/// the engine arms (the apology obligation, the late check) are taken from the outbox and fired
/// when the clock reaches them. Arrivals at scale S are the report's counts × S; when an officer
/// finishes is drawn from <see cref="LevelModel"/>'s spread, and whether that is late is for the
/// engine to say, against the due date it counted on the working calendar.
/// Steps commit in batches (<see cref="StepsPerTransaction"/>): docs/decisions/0008-simulator-batches-steps.md.
/// </summary>
public sealed class ProvinceSimulator
{
    private const string Simulator = "simulator";

    private readonly BpmDbContext _db;
    private readonly VietnameseWorkingCalendar _calendar;
    private readonly IReadOnlyList<Procedure> _catalogue;
    private readonly decimal _scale;
    private readonly Random _random;
    private readonly ProvinceStructure _structure;
    private readonly IReadOnlyList<LevelModel> _models;
    private readonly TextWriter? _progress;
    private readonly SimulatedClock _clock;
    private readonly CommandExecutor _executor;
    private readonly DossierReception _reception;
    private readonly OutboxDispatcher _outbox;
    private readonly DossierSteps _desk;
    private readonly PriorityQueue<Func<Task>, (DateTimeOffset At, long Seq)> _agenda = new();
    private readonly Dictionary<string, SimulatedCase> _byInstance = new(StringComparer.Ordinal);
    private readonly HashSet<SimulatedCase> _notReceived = [];
    private readonly List<SideEffect> _effects = [];
    private readonly DateTimeOffset _end;
    private long _seq;
    private int _steps;
    private IDbContextTransaction? _batch;
    private int _uncommitted;
    private CancellationToken _cancellationToken;

    public ProvinceSimulator(BpmDbContext db, VietnameseWorkingCalendar calendar, IReadOnlyList<Procedure> catalogue, decimal scale, int seed, ProvinceStructure? structure = null, TextWriter? progress = null)
    {
        if (scale <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "the scale must be greater than 0");
        }

        _db = db;
        _calendar = calendar;
        _catalogue = catalogue;
        _scale = scale;
        _random = new Random(seed);
        _structure = structure ?? ProvinceStructure.ThreeLevel;
        _models = _structure.Models;
        _progress = progress;
        var period = new ReportPeriod(_structure.From, _structure.To);
        _end = period.End;
        _clock = new SimulatedClock(period.Start);
        _executor = new CommandExecutor(db, _clock, new DefinitionCache(), new EngineOptions { Calendar = calendar });
        _reception = new DossierReception(db, _executor, new ProcedureCatalog(db, _clock), _clock);
        _outbox = new OutboxDispatcher(db, _clock);
        _desk = new DossierSteps(db, _executor, _clock);
    }

    /// <summary>
    /// How many steps (a reception, a task, a timer, with their dossier events and the outbox pass
    /// after them) commit in one database transaction; 1 commits each step on its own, as the API does.
    /// The steps and their order are the same either way, so the database ends the same.
    /// </summary>
    public int StepsPerTransaction { get; init; } = 500;

    /// <summary>The report's count × scale, rounded to the nearest whole number.</summary>
    public static int Scaled(int count, decimal scale) => (int)Math.Round(count * scale, MidpointRounding.AwayFromZero);

    public async Task<SimulationResult> RunAsync(CancellationToken cancellationToken = default)
    {
        _cancellationToken = cancellationToken;
        await KeepConnectionOpenAsync();
        var arrivals = await PlanAsync();
        var month = "";
        try
        {
            while (_agenda.TryDequeue(out var step, out var when) && when.At < _end)
            {
                cancellationToken.ThrowIfCancellationRequested();
                _clock.MoveTo(when.At);
                if (_progress is not null && when.At.ToOffset(VietnameseWorkingCalendar.UtcOffset).ToString("yyyy-MM", CultureInfo.InvariantCulture) is var now && now != month)
                {
                    month = now;
                    await _progress.WriteLineAsync($"{month}: {_steps} steps");
                }

                if (_batch is null && StepsPerTransaction > 1)
                {
                    _batch = await _db.Database.BeginTransactionAsync(cancellationToken);
                }

                await step();
                if (++_uncommitted >= StepsPerTransaction)
                {
                    await CommitBatchAsync();
                }
            }

            await CommitBatchAsync();
        }
        finally
        {
            // A step that failed ends the run; what its batch wrote is rolled back with it.
            if (_batch is not null)
            {
                await _batch.DisposeAsync();
            }
        }

        if (_progress is not null)
        {
            foreach (var c in _notReceived.OrderBy(c => c.ArrivesAt))
            {
                await _progress.WriteLineAsync($"not received: {c.Desk.Desk} {c.Procedure.Code} at {c.ArrivesAt:O}");
            }
        }

        return new SimulationResult(arrivals, _steps);
    }

    /// <summary>
    /// Imports the catalogue, draws every dossier, publishes what they need and puts their arrivals on
    /// the agenda. The list of them lives only here: after this, a dossier is held by its next step on
    /// the agenda and, while open, by its instance id, so a closed one can be collected.
    /// </summary>
    private async Task<Dictionary<string, int>> PlanAsync()
    {
        var province = _structure.Province;
        var procedures = province.Catalogue(_catalogue, _models);
        await new ProcedureCatalog(_db, _clock).ImportAsync(procedures, _cancellationToken);
        var workingDays = WorkingDays();
        var arrivals = new Dictionary<string, int>(StringComparer.Ordinal);
        var cases = new List<SimulatedCase>();
        foreach (var model in _models)
        {
            var count = Scaled(model.Resolved, _scale * (decimal)(1 + model.InProgressAllowance + model.RefusalRate + model.WithdrawalRate));
            arrivals[model.Level] = arrivals.GetValueOrDefault(model.Level) + count;
            var desks = province.At(model.Level).ToList();
            for (var i = 0; i < count; i++)
            {
                cases.Add(Plan(model, desks[_random.Next(desks.Count)], procedures, workingDays));
            }
        }

        await PublishAsync(cases);
        foreach (var c in cases)
        {
            At(c.ArrivesAt, () => ArriveAsync(c));
            _notReceived.Add(c);
        }

        return arrivals;
    }

    private async Task CommitBatchAsync()
    {
        if (_batch is not null)
        {
            await _batch.CommitAsync(_cancellationToken);
            await _batch.DisposeAsync();
            _batch = null;
        }

        _uncommitted = 0;
    }

    /// <summary>
    /// One connection for the whole run; on SQLite without waiting for the disk at every commit
    /// (<c>synchronous = OFF</c>, this connection only): a simulation fills a database it can run
    /// again, and tens of thousands of flushed commits would take most of its time.
    /// </summary>
    private async Task KeepConnectionOpenAsync()
    {
        await _db.Database.OpenConnectionAsync(_cancellationToken);

        // A step that fails ends the run (it throws), so no save is ever rolled back to a savepoint and
        // continued from: the savepoint EF sets before each save inside a batch is a round trip for nothing.
        _db.Database.AutoSavepointsEnabled = false;
        if (_db.Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite")
        {
            await _db.Database.ExecuteSqlRawAsync("PRAGMA synchronous = OFF", _cancellationToken);
        }
    }

    /// <summary>Everything about a dossier drawn at its arrival: where, what, how it comes, what happens to it.</summary>
    private SimulatedCase Plan(LevelModel model, SimulatedDesk desk, IReadOnlyList<Procedure> procedures, IReadOnlyList<DateOnly> workingDays)
    {
        var fullyOnline = _random.NextDouble() < model.FullyOnlineShare;
        var codes = fullyOnline ? model.FullyOnline : model.Other;
        var code = codes[_random.Next(codes.Count)];
        var procedure = procedures.First(p => p.Code == code);
        var channel = fullyOnline && _random.NextDouble() < model.OnlineShare ? Channels.Online
            : _random.NextDouble() < model.PostShare ? Channels.Post : Channels.Desk;
        var day = workingDays[_random.Next(workingDays.Count)];
        var opening = new DateTimeOffset(day.ToDateTime(new TimeOnly(7, 30)), VietnameseWorkingCalendar.UtcOffset);
        // Within that day's office time (7.5 hours by default), so that no arrival spills into the next day or past the period.
        var officeMinutes = (int)_calendar.CountWorkingTime(opening, opening.AddHours(12), desk.Desk).TotalMinutes;
        var arrives = _calendar.Add(opening, new WorkingDuration(0, TimeSpan.FromMinutes(_random.Next(0, officeMinutes))), desk.Desk);
        var fate = _random.NextDouble();
        return new SimulatedCase(model, desk, procedure, channel, arrives.ToUniversalTime())
        {
            Refused = fate < model.RefusalRate,
            Withdrawn = fate >= model.RefusalRate && fate < model.RefusalRate + model.WithdrawalRate,
            Supplement = _random.NextDouble() < model.SupplementRate,
            Applicant = SimulatedApplicant.Draw(_random),
            Officer = desk.Staff[_random.Next(desk.Staff.Count)],
        };
    }

    /// <summary>Publishes the internal procedure of each desk and procedure that receives a dossier.</summary>
    private async Task PublishAsync(IEnumerable<SimulatedCase> cases)
    {
        var store = new DefinitionStore(_db, _clock);
        foreach (var (desk, procedure) in cases.Select(c => (c.Desk, c.Procedure)).Distinct().OrderBy(p => p.Desk.Agency, StringComparer.Ordinal).ThenBy(p => p.Procedure.Code, StringComparer.Ordinal))
        {
            var (id, xml) = SimulatedProvince.Definition(desk, procedure);
            await store.SaveDraftAsync(id, xml, Simulator, _cancellationToken);
            await store.PublishAsync(id, Simulator, _cancellationToken);
        }
    }

    private async Task ArriveAsync(SimulatedCase c)
    {
        var papers = c.Procedure.Papers.Where(p => p.Required && !p.PresentOnly && !p.DigitisedResultReplaces).Select(p => new PaperInput(p.Id, p.Count)).ToList();
        var request = new ReceptionRequest(c.Procedure.Code, c.Applicant.ToInput(), papers, c.Channel, Channels.Desk, null);
        var outcome = await _reception.ReceiveAsync(request, new Dictionary<string, string[]>(), c.Desk.Desk, c.Desk.Identifier, c.Officer, null, "", _cancellationToken);
        var dossier = outcome is ReceptionOutcome.Received received ? received.Dossier
            : throw new InvalidOperationException($"the simulated reception at {c.Desk.Desk} of {c.Procedure.Code} failed: {Describe(outcome)}");
        c.Code = dossier.Code;
        c.InstanceId = dossier.InstanceId;
        c.DueAt = dossier.DueAt;
        _byInstance[c.InstanceId] = c;
        _notReceived.Remove(c);
        _steps++;
        await DispatchAsync();

        // The desk hands the dossier over within two working hours (Decree 61/2018 art. 18 allows until the next working day after 15:00).
        At(After(TimeSpan.FromMinutes(_random.Next(10, 120))), () => HandOverAsync(c));
    }

    private async Task HandOverAsync(SimulatedCase c)
    {
        await StepAsync(c, () => CompleteAsync(c, "Task_TiepNhan", c.Officer), DossierEventType.HandedOver, DossierStatus.Processing, null);
        if (c.Withdrawn)
        {
            At(After(TimeSpan.FromHours(_random.Next(1, 24))), () => CloseWithoutResultAsync(c, DossierEventType.Withdrawn, DossierStatus.Withdrawn, "withdrawn by the applicant: đổi ý, xin rút hồ sơ"));
        }
        else if (c.Supplement)
        {
            // Within the 3 working days after receipt that art. 19(4) allows.
            At(After(TimeSpan.FromHours(1 + (_random.NextDouble() * 12))), () => RequestSupplementAsync(c));
        }
        else
        {
            PlanWork(c);
        }
    }

    /// <summary>When the specialist, the leader and the desk finish: a share of the working time left before the due date, drawn from the level's spread.</summary>
    private void PlanWork(SimulatedCase c)
    {
        var left = c.DueAt is { } d ? _calendar.CountWorkingTime(_clock.GetUtcNow(), d, c.Desk.Desk) : TimeSpan.FromHours(8);
        if (left < TimeSpan.FromHours(1))
        {
            left = TimeSpan.FromHours(1);
        }

        var year = _clock.GetUtcNow().ToOffset(VietnameseWorkingCalendar.UtcOffset).Year;
        var spread = c.Model.DelaySpread.TryGetValue(year, out var s) ? s : c.Model.DelaySpread.Values.Last();
        var work = left * (LevelModel.MedianShare * Math.Exp(spread * StandardNormal()));
        var examined = After(work * 0.6);
        var decided = _calendar.Add(examined, new WorkingDuration(0, work * 0.25), c.Desk.Desk);
        var returned = _calendar.Add(decided, new WorkingDuration(0, work * 0.15), c.Desk.Desk);
        if (c.Refused)
        {
            At(examined, () => CloseWithoutResultAsync(c, DossierEventType.Refused, DossierStatus.Refused, "refused: hồ sơ không đủ điều kiện giải quyết"));
            return;
        }

        At(examined, () => StepAsync(c, () => CompleteAsync(c, "Task_ThamDinh", c.Desk.Specialists.ToLowerInvariant()), null, null, null));
        At(decided, async () =>
        {
            await StepAsync(c, () => CompleteAsync(c, "Task_PheDuyet", c.Desk.Leaders.ToLowerInvariant()), DossierEventType.ResultReady, DossierStatus.ResultReady, new { resultPapers = c.Procedure.ResultPapers });
            At(returned < _clock.GetUtcNow() ? _clock.GetUtcNow() : returned, () => ReturnAsync(c));
        });
    }

    private Task ReturnAsync(SimulatedCase c) =>
        StepAsync(c, () => CompleteAsync(c, "Task_TraKetQua", c.Officer), DossierEventType.Returned, DossierStatus.Returned, new { handover = Channels.Desk, note = (string?)null }, close: true);

    private async Task RequestSupplementAsync(SimulatedCase c)
    {
        await StepAsync(
            c,
            async () =>
            {
                var restarted = await ExecuteAsync(c, new RestartClock("supplement requested (Decree 61/2018 art. 19(4)): thiếu giấy tờ") { Actor = c.Officer });
                return restarted.Applied ? await ExecuteAsync(c, new PauseClock("waiting for the supplement (Decree 61/2018 art. 19(4))") { Actor = c.Officer }) : restarted;
            },
            DossierEventType.SupplementRequested,
            DossierStatus.WaitingForSupplement,
            new { papers = new[] { new { id = c.Procedure.Papers.FirstOrDefault()?.Id ?? "to-khai", reason = "Thiếu hoặc chưa hợp lệ" } }, reason = "Hồ sơ chưa đầy đủ", previousStatus = DossierStatus.Processing });
        var wait = -Math.Log(1 - _random.NextDouble()) * c.Model.SupplementWaitDays;
        At(After(TimeSpan.FromHours(8 * wait)), async () =>
        {
            await StepAsync(c, () => ExecuteAsync(c, new ResumeClock { Actor = c.Officer }),
                DossierEventType.SupplementReceived, DossierStatus.Processing, new { papers = new[] { new { id = c.Procedure.Papers.FirstOrDefault()?.Id ?? "to-khai", count = 1 } } });
            PlanWork(c);
        });
    }

    private async Task CloseWithoutResultAsync(SimulatedCase c, string eventType, string status, string reason)
    {
        if (!c.Closed)
        {
            await StepAsync(c, () => ExecuteAsync(c, new CancelInstance(reason) { Actor = c.Officer }), eventType, status, new { reason }, close: true);
        }
    }

    /// <summary>A timer the engine armed, fired when the clock reaches it unless the dossier closed first (the engine disarmed it then).</summary>
    private async Task FireAsync(SimulatedCase c, string timerId)
    {
        if (!c.Closed)
        {
            await ExecuteAsync(c, new FireTimer(timerId) { Actor = Simulator });
            _steps++;
            await DeliverAsync(c);
        }
    }

    /// <summary>The apology-letter task (Decree 61/2018 art. 19(9)): the leader signs it only sometimes, as the report found.</summary>
    private async Task ApologiseAsync(SimulatedCase c, string taskId)
    {
        if (c.Closed || _random.NextDouble() >= c.Model.ApologyRate)
        {
            return;
        }

        var newDue = _calendar.Add(c.DueAt ?? _clock.GetUtcNow(), new WorkingDuration(3, TimeSpan.Zero), c.Desk.Desk);
        var variables = new Dictionary<string, JsonElement>
        {
            ["newDueAt"] = JsonSerializer.SerializeToElement(newDue.ToOffset(VietnameseWorkingCalendar.UtcOffset).ToString("O", CultureInfo.InvariantCulture)),
            ["reason"] = JsonSerializer.SerializeToElement("Cần xác minh thêm với cơ quan liên quan"),
        };
        await ExecuteAsync(c, new CompleteTask(taskId, "issue", variables) { Actor = c.Desk.Leaders.ToLowerInvariant() });
        _steps++;
        await DeliverAsync(c);
    }

    /// <summary>One step as the API runs it, then the outbox it filled.</summary>
    private async Task StepAsync(SimulatedCase c, Func<Task<ExecutionResult>> engine, string? eventType, string? status, object? payload, bool close = false)
    {
        await _desk.RunAsync(c.Code, c.InstanceId, engine, eventType, status, payload, c.Officer, close, _cancellationToken);
        c.Closed |= close;
        _steps++;
        await DeliverAsync(c);
        if (close)
        {
            _byInstance.Remove(c.InstanceId);
        }
    }

    /// <summary>
    /// A command on the dossier's instance. What the executor wrote is kept from its result rather than
    /// read back: the due date on the instance as the command left it (a supplement or an apology letter
    /// moves it), and the side effects it put in the outbox, which <see cref="DeliverAsync"/> delivers.
    /// </summary>
    private async Task<ExecutionResult> ExecuteAsync(SimulatedCase c, EngineCommand command)
    {
        var result = await _executor.ExecuteAsync(c.InstanceId, command, _cancellationToken);
        if (result.Applied)
        {
            c.DueAt = result.State!.DueAt?.ToUniversalTime();
            _effects.AddRange(result.SideEffects);
        }

        return result;
    }

    /// <summary>Completes the task the outbox last reported opened, which must be at <paramref name="elementId"/>: the steps run in sequence.</summary>
    private Task<ExecutionResult> CompleteAsync(SimulatedCase c, string elementId, string actor) =>
        c.OpenTask is { } open && open.ElementId == elementId
            ? ExecuteAsync(c, new CompleteTask(open.TaskId) { Actor = actor })
            : throw new InvalidOperationException($"dossier {c.Code} has no open task at {elementId} (the last opened: {c.OpenTask?.ElementId ?? "none"})");

    /// <summary>
    /// After a reception, the outbox through the host's dispatcher (the reception's start is the one
    /// command whose result the simulator does not see): every earlier step's rows are dispatched, so
    /// the pending rows are the new instance's.
    /// </summary>
    private async Task DispatchAsync()
    {
        // One transaction for the pass (or the batch's): the dispatcher saves row by row, and a commit per row is what a simulation cannot afford.
        await using var transaction = _db.Database.CurrentTransaction is null ? await _db.Database.BeginTransactionAsync(_cancellationToken) : null;
        await _outbox.DispatchAsync(
            (message, _) =>
            {
                if (_byInstance.TryGetValue(message.InstanceId, out var c))
                {
                    Deliver(c, message.Effect);
                }

                return Task.CompletedTask;
            },
            batchSize: 1000,
            _cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(_cancellationToken);
        }
    }

    /// <summary>
    /// After any other step, its side effects as the executor returned them, in the order it wrote them to
    /// the outbox; then its rows are marked dispatched in one statement instead of one save per row.
    /// </summary>
    private async Task DeliverAsync(SimulatedCase c)
    {
        foreach (var effect in _effects)
        {
            Deliver(c, effect);
        }

        _effects.Clear();
        var now = _clock.GetUtcNow();
        await _db.Outbox.Where(o => o.DispatchedAt == null)
            .ExecuteUpdateAsync(o => o.SetProperty(r => r.DispatchedAt, now).SetProperty(r => r.Attempts, r => r.Attempts + 1), _cancellationToken);
    }

    /// <summary>What the host's consumers would do with an effect: armed timers go on the agenda, apology tasks to the leader.</summary>
    private void Deliver(SimulatedCase c, SideEffect effect)
    {
        switch (effect)
        {
            case TimerArmed timer when timer.Due < _end:
                At(timer.Due < _clock.GetUtcNow() ? _clock.GetUtcNow() : timer.Due, () => FireAsync(c, timer.TimerId));
                break;
            case TaskCreated { Kind: "apology" } task:
                At(After(TimeSpan.FromHours(1 + _random.Next(8))), () => ApologiseAsync(c, task.TaskId));
                break;
            case TaskCreated task:
                c.OpenTask = (task.ElementId, task.TaskId);
                break;
        }
    }

    private void At(DateTimeOffset at, Func<Task> step) => _agenda.Enqueue(step, (at, _seq++));

    private DateTimeOffset After(TimeSpan workingTime) => _calendar.Add(_clock.GetUtcNow(), new WorkingDuration(0, workingTime)).ToUniversalTime();

    private List<DateOnly> WorkingDays()
    {
        var days = new List<DateOnly>();
        for (var day = _structure.From; day <= _structure.To; day = day.AddDays(1))
        {
            if (_calendar.IsWorkingDay(day))
            {
                days.Add(day);
            }
        }

        return days;
    }

    private double StandardNormal() => Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());

    private static string Describe(ReceptionOutcome outcome) => outcome switch
    {
        ReceptionOutcome.Invalid invalid => string.Join("; ", invalid.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")),
        ReceptionOutcome.Refused refused => refused.Message,
        _ => outcome.GetType().Name,
    };
}
