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

/// <summary>
/// One connection of the province simulation and the units it runs: its own context, simulated clock,
/// executor, reception and agenda. The lane runs its units' steps in simulated-time order, month by
/// month, as the API runs them (the reception, engine commands with their dossier events, the outbox),
/// committing them in batches (decision 0008). A step draws only from its unit's random sequence, so
/// which units share a lane changes nothing they write (decision 0009).
/// </summary>
internal sealed class SimulationLane : IAsyncDisposable
{
    private const string Simulator = "simulator";

    private readonly BpmDbContext _db;
    private readonly VietnameseWorkingCalendar _calendar;
    private readonly SimulatedClock _clock;
    private readonly CommandExecutor _executor;
    private readonly DossierReception _reception;
    private readonly OutboxDispatcher _outbox;
    private readonly DossierSteps _desk;
    private readonly List<SimulatedUnit> _units = [];
    private readonly PriorityQueue<Func<Task>, (DateTimeOffset At, int Unit, long Seq)> _agenda = new();
    private readonly Dictionary<string, SimulatedCase> _byInstance = new(StringComparer.Ordinal);
    private readonly List<SideEffect> _effects = [];
    private readonly DateTimeOffset _end;
    private readonly int _stepsPerTransaction;
    private readonly SemaphoreSlim? _writer;
    private IDbContextTransaction? _batch;
    private DeferredWrites? _deferred;
    private int _uncommitted;
    private CancellationToken _cancellationToken;

    /// <param name="writer">Held while a batch is open, when the database takes one writer at a time (SQLite): lanes then take turns by batch.</param>
    public SimulationLane(BpmDbContext db, VietnameseWorkingCalendar calendar, DateTimeOffset start, DateTimeOffset end, int stepsPerTransaction, SemaphoreSlim? writer)
    {
        _db = db;
        _calendar = calendar;
        _end = end;
        _stepsPerTransaction = stepsPerTransaction;
        _writer = writer;
        _clock = new SimulatedClock(start);
        _executor = new CommandExecutor(db, _clock, new DefinitionCache(), new EngineOptions { Calendar = calendar });
        _reception = new DossierReception(db, _executor, new ProcedureCatalog(db, _clock) { RemembersLookUps = true }, _clock);
        _outbox = new OutboxDispatcher(db, _clock);
        _desk = new DossierSteps(db, _executor, _clock);
    }

    public IReadOnlyList<SimulatedUnit> Units => _units;

    /// <summary>Steps run: receptions, task completions, supplements, refusals, withdrawals, timers, apology letters.</summary>
    public int Steps { get; private set; }

    public int Planned { get; private set; }

    public int Received { get; private set; }

    /// <summary>The steps waiting on the agenda (planned arrivals and the open dossiers' next steps).</summary>
    public int Waiting => _agenda.Count;

    /// <summary>True when the batches are written as deferred writes (decision 0010): on PostgreSQL, with more than one step a batch.</summary>
    public bool Deferred => _deferred is not null;

    public void Add(SimulatedUnit unit) => _units.Add(unit);

    /// <summary>
    /// One connection for the whole run; on SQLite without waiting for the disk at every commit
    /// (<c>synchronous = OFF</c>, this connection only): a simulation fills a database it can run
    /// again, and tens of thousands of flushed commits would take most of its time.
    /// </summary>
    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        await _db.Database.OpenConnectionAsync(cancellationToken);

        // A step that fails ends the run (it throws), so no save is ever rolled back to a savepoint and
        // continued from: the savepoint EF sets before each save inside a batch is a round trip for nothing.
        _db.Database.AutoSavepointsEnabled = false;
        if (_db.Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite")
        {
            await _db.Database.ExecuteSqlRawAsync("PRAGMA synchronous = OFF", cancellationToken);
        }

        // One step a transaction is the live path's own writes, kept so that the two can be compared.
        if (_db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL" && _stepsPerTransaction > 1)
        {
            _deferred = new DeferredWrites();
            _db.DeferredWrites = _deferred;
        }
    }

    /// <summary>
    /// Draws the month's arrivals of every unit, publishes the internal procedures they are the first
    /// to need (in one batch publish, at the month's start), and runs the agenda up to the month's end.
    /// The batch is committed at the end of the month, so that no lane holds the writer between months.
    /// </summary>
    public async Task RunMonthAsync(SimulatedMonth month, int periodWorkingDays, CancellationToken cancellationToken)
    {
        _cancellationToken = cancellationToken;
        try
        {
            _clock.MoveTo(month.Start);
            var definitions = new List<(string DefinitionId, string Xml)>();
            foreach (var unit in _units)
            {
                foreach (var c in unit.Arrivals(month, periodWorkingDays))
                {
                    At(c.Unit, c.ArrivesAt, () => ArriveAsync(c));
                    Planned++;
                    if (unit.FirstUseOf(c.Procedure))
                    {
                        definitions.Add(SimulatedProvince.Definition(unit.Desk, c.Procedure));
                    }
                }
            }

            if (definitions.Count > 0)
            {
                // Published at once, not deferred: the steps' reads of the definitions must find them.
                await BeginBatchAsync();
                _db.DeferredWrites = null;
                await new DefinitionStore(_db, _clock).PublishManyAsync(definitions, Simulator, cancellationToken);
                _db.DeferredWrites = _deferred;
                _deferred?.ForgetDefinitions();
                _db.ChangeTracker.Clear();
            }

            var until = month.End < _end ? month.End : _end;
            while (_agenda.TryPeek(out _, out var when) && when.At < until)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var step = _agenda.Dequeue();
                _clock.MoveTo(when.At);
                await BeginBatchAsync();
                await step();
                if (++_uncommitted >= _stepsPerTransaction)
                {
                    await CommitBatchAsync();
                }
            }

            await CommitBatchAsync();
        }
        catch
        {
            // A step that failed ends the run; what its batch wrote is rolled back with it.
            _deferred?.Discard();
            await EndBatchAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await EndBatchAsync();
        await _db.DisposeAsync();
    }

    /// <summary>
    /// A batch is open around every step, also when it holds one step: the step's writes and its outbox
    /// pass then commit together, so that no other lane's pass can see the step's rows undelivered.
    /// </summary>
    private async Task BeginBatchAsync()
    {
        if (_batch is null)
        {
            if (_writer is not null)
            {
                await _writer.WaitAsync(_cancellationToken);
            }

            _batch = await _db.Database.BeginTransactionAsync(_cancellationToken);
        }
    }

    private async Task CommitBatchAsync()
    {
        if (_batch is not null)
        {
            if (_deferred is not null)
            {
                await _deferred.FlushAsync(_db, _cancellationToken);
            }

            await _batch.CommitAsync(_cancellationToken);
            await EndBatchAsync();
        }

        _uncommitted = 0;
    }

    private async Task EndBatchAsync()
    {
        if (_batch is not null)
        {
            await _batch.DisposeAsync();
            _batch = null;
            _writer?.Release();
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
        c.Dossier = dossier;
        c.EventSeq = 1;
        c.JournalSeq = received.JournalSeq;
        _byInstance[c.InstanceId] = c;
        Received++;
        Steps++;
        if (_deferred is not null)
        {
            // The start's rows are held, not stored: the dispatcher would not see them. They are delivered as it would.
            foreach (var effect in _deferred.TakeUndelivered(_db, c.InstanceId, _clock.GetUtcNow()))
            {
                Deliver(c, effect);
            }
        }
        else
        {
            await DispatchAsync();
        }

        // The desk hands the dossier over within two working hours (Decree 61/2018 art. 18 allows until the next working day after 15:00).
        At(c.Unit, After(TimeSpan.FromMinutes(c.Unit.Random.Next(10, 120))), () => HandOverAsync(c));
    }

    private async Task HandOverAsync(SimulatedCase c)
    {
        await StepAsync(c, () => CompleteAsync(c, "Task_TiepNhan", c.Officer), DossierEventType.HandedOver, DossierStatus.Processing, null);
        if (c.Withdrawn)
        {
            At(c.Unit, After(TimeSpan.FromHours(c.Unit.Random.Next(1, 24))), () => CloseWithoutResultAsync(c, DossierEventType.Withdrawn, DossierStatus.Withdrawn, "withdrawn by the applicant: đổi ý, xin rút hồ sơ"));
        }
        else if (c.Supplement)
        {
            // Within the 3 working days after receipt that art. 19(4) allows.
            At(c.Unit, After(TimeSpan.FromHours(1 + (c.Unit.Random.NextDouble() * 12))), () => RequestSupplementAsync(c));
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
        var work = left * (LevelModel.MedianShare * Math.Exp(spread * StandardNormal(c.Unit.Random)));
        var examined = After(work * 0.6);
        var decided = _calendar.Add(examined, new WorkingDuration(0, work * 0.25), c.Desk.Desk);
        var returned = _calendar.Add(decided, new WorkingDuration(0, work * 0.15), c.Desk.Desk);
        if (c.Refused)
        {
            At(c.Unit, examined, () => CloseWithoutResultAsync(c, DossierEventType.Refused, DossierStatus.Refused, "refused: hồ sơ không đủ điều kiện giải quyết"));
            return;
        }

        At(c.Unit, examined, () => StepAsync(c, () => CompleteAsync(c, "Task_ThamDinh", c.Desk.Specialists.ToLowerInvariant()), null, null, null));
        At(c.Unit, decided, async () =>
        {
            await StepAsync(c, () => CompleteAsync(c, "Task_PheDuyet", c.Desk.Leaders.ToLowerInvariant()), DossierEventType.ResultReady, DossierStatus.ResultReady, new { resultPapers = c.Procedure.ResultPapers });
            At(c.Unit, returned < _clock.GetUtcNow() ? _clock.GetUtcNow() : returned, () => ReturnAsync(c));
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
        var wait = -Math.Log(1 - c.Unit.Random.NextDouble()) * c.Model.SupplementWaitDays;
        At(c.Unit, After(TimeSpan.FromHours(8 * wait)), async () =>
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
            Steps++;
            await DeliverAsync(c);
        }
    }

    /// <summary>The apology-letter task (Decree 61/2018 art. 19(9)): the leader signs it only sometimes, as the report found.</summary>
    private async Task ApologiseAsync(SimulatedCase c, string taskId)
    {
        if (c.Closed || c.Unit.Random.NextDouble() >= c.Model.ApologyRate)
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
        Steps++;
        await DeliverAsync(c);
    }

    /// <summary>One step as the API runs it, then the outbox it filled.</summary>
    private async Task StepAsync(SimulatedCase c, Func<Task<ExecutionResult>> engine, string? eventType, string? status, object? payload, bool close = false)
    {
        await _desk.RunAsync(c, engine, eventType, status, payload, close, _cancellationToken);
        c.Closed |= close;
        Steps++;
        await DeliverAsync(c);
        if (close)
        {
            _byInstance.Remove(c.InstanceId);
            c.Dossier = null;
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
            c.JournalSeq = result.Events.Count > 0 ? result.Events[^1].Seq : c.JournalSeq;
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
    /// command whose result the simulator does not see). Every earlier step's rows are dispatched, and
    /// another lane's rows are not seen before its batch commits with them dispatched, so the pending
    /// rows are the new instance's.
    /// </summary>
    private async Task DispatchAsync() =>
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
        if (_deferred is not null)
        {
            _deferred.MarkDelivered(_db, c.InstanceId, now);
            return;
        }

        await _db.Outbox.Where(o => o.DispatchedAt == null && o.InstanceId == c.InstanceId)
            .ExecuteUpdateAsync(o => o.SetProperty(r => r.DispatchedAt, now).SetProperty(r => r.Attempts, r => r.Attempts + 1), _cancellationToken);
    }

    /// <summary>What the host's consumers would do with an effect: armed timers go on the agenda, apology tasks to the leader.</summary>
    private void Deliver(SimulatedCase c, SideEffect effect)
    {
        switch (effect)
        {
            case TimerArmed timer when timer.Due < _end:
                At(c.Unit, timer.Due < _clock.GetUtcNow() ? _clock.GetUtcNow() : timer.Due, () => FireAsync(c, timer.TimerId));
                break;
            case TaskCreated { Kind: "apology" } task:
                At(c.Unit, After(TimeSpan.FromHours(1 + c.Unit.Random.Next(8))), () => ApologiseAsync(c, task.TaskId));
                break;
            case TaskCreated task:
                c.OpenTask = (task.ElementId, task.TaskId);
                break;
        }
    }

    private void At(SimulatedUnit unit, DateTimeOffset at, Func<Task> step) => _agenda.Enqueue(step, (at, unit.Index, unit.NextSeq()));

    private DateTimeOffset After(TimeSpan workingTime) => _calendar.Add(_clock.GetUtcNow(), new WorkingDuration(0, workingTime)).ToUniversalTime();

    private static double StandardNormal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static string Describe(ReceptionOutcome outcome) => outcome switch
    {
        ReceptionOutcome.Invalid invalid => string.Join("; ", invalid.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")),
        ReceptionOutcome.Refused refused => refused.Message,
        _ => outcome.GetType().Name,
    };
}
