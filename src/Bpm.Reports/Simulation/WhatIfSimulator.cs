using Bpm.Engine;

namespace Bpm.Reports.Simulation;

/// <summary>
/// A discrete-event run of one definition version against <see cref="WhatIfAssumptions"/>, in
/// memory, on a simulated clock counted in working time: each arrival starts an instance of the
/// real engine (<see cref="ProcessEngine"/>, pure, so nothing is written anywhere), each task the
/// engine opens queues first-come first-served at its unit and role, served by that pool's
/// officers, and completes when the drawn working time has passed on the calendar; timers fire
/// when the clock reaches them. Whether a dossier is on time is the engine's due date against
/// when its instance completed. The same assumptions and seed give the same figures.
/// </summary>
public sealed class WhatIfSimulator(IWorkingCalendar calendar)
{
    public const string TimeFromHistory = "history";
    public const string TimeFromAllowance = "allowance";
    public const string TimeFromDefault = "default";

    public WhatIfVersionResult Run(ExecutableDefinition definition, WhatIfAssumptions assumptions, string label, int? version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(assumptions);
        return new VersionRun(definition.Main, assumptions, calendar, cancellationToken).Execute(label, version);
    }

    private sealed class VersionRun(ExecutableProcess process, WhatIfAssumptions assumptions, IWorkingCalendar calendar, CancellationToken cancellationToken)
    {
        private const string Actor = "whatif";

        private readonly ProcessEngine _engine = new(new EngineOptions { Calendar = calendar });
        private readonly Random _random = new(assumptions.Seed);
        private readonly PriorityQueue<Action, (DateTimeOffset At, long Seq)> _agenda = new();
        private readonly Dictionary<string, Pool> _pools = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Step> _steps = new(StringComparer.Ordinal);
        private readonly List<Case> _cases = [];
        private DateTimeOffset _now;
        private long _seq;
        private int _commands;
        private bool _stopped;

        public WhatIfVersionResult Execute(string label, int? version)
        {
            var arrivals = assumptions.Arrivals.Order().ToList();
            if (arrivals.Count == 0)
            {
                return Figures(label, version, default, default);
            }

            for (var i = 0; i < arrivals.Count; i++)
            {
                var index = i;
                At(arrivals[i], () => Arrive(index));
            }

            var first = arrivals[0];
            _now = first;
            var end = arrivals[^1] + assumptions.Horizon;
            while (!_stopped && _agenda.TryDequeue(out var step, out var when) && when.At <= end)
            {
                cancellationToken.ThrowIfCancellationRequested();
                _now = when.At;
                step();
            }

            return Figures(label, version, first, _now);
        }

        private void Arrive(int index)
        {
            var c = new Case($"whatif-{index + 1}");
            _cases.Add(c);
            if (Run(c, new StartInstance(c.Id, c.Id) { Actor = Actor }) is { Applied: true } started)
            {
                Apply(c, started);
            }
        }

        /// <summary>Runs a command without keeping its state, so that a caller may try another instead.</summary>
        private CommandResult? Run(Case c, EngineCommand command)
        {
            if (++_commands > assumptions.MaxCommands)
            {
                _stopped = true;
                return null;
            }

            return _engine.Execute(process, c.State, command, new CommandContext(_now));
        }

        private void Apply(Case c, CommandResult result)
        {
            c.State = result.State;
            foreach (var call in result.SideEffects.OfType<CallToStart>())
            {
                // Called processes are not simulated: the call returns at once (docs/reports.md, limits).
                if (Run(c, new CompleteCall(call.CallId)) is { Applied: true } returned)
                {
                    Apply(c, returned);
                    return;
                }
            }

            Synchronise(c);
        }

        /// <summary>Queues the tasks the engine opened, drops those it closed, and schedules the next timer.</summary>
        private void Synchronise(Case c)
        {
            var state = c.State!;
            var open = state.Status == InstanceStatus.Running
                ? state.Bookmarks.Where(b => b.Kind == BookmarkKind.Task && b.Purpose is null).ToList()
                : [];
            foreach (var bookmark in open.Where(b => !c.Tasks.ContainsKey(b.Id)))
            {
                var node = process.NodesById.GetValueOrDefault(bookmark.ElementId);
                var pool = PoolOf(node?.Unit, node?.Role);
                var task = new QueuedTask(c, bookmark.Id, bookmark.ElementId, pool, _now);
                c.Tasks[bookmark.Id] = task;
                pool.Queue.Enqueue(task);
                pool.Waiting++;
                pool.MaxQueue = Math.Max(pool.MaxQueue, pool.Waiting);
                StartWork(pool);
            }

            foreach (var gone in c.Tasks.Keys.Except(open.Select(b => b.Id)).ToList())
            {
                var task = c.Tasks[gone];
                if (!task.InService && !task.Gone)
                {
                    task.Pool.Waiting--;
                }

                task.Gone = true;
                c.Tasks.Remove(gone);
            }

            var next = state.Status == InstanceStatus.Running
                ? state.Bookmarks.Where(b => b.Kind == BookmarkKind.Timer && b.Due is not null).Min(b => b.Due)
                : null;
            if (next is { } due && due != c.TimerAt)
            {
                c.TimerAt = due;
                At(due, () => FireTimers(c, due));
            }
        }

        private void FireTimers(Case c, DateTimeOffset scheduled)
        {
            if (c.TimerAt != scheduled)
            {
                return;
            }

            c.TimerAt = null;
            while (c.State!.Status == InstanceStatus.Running
                && c.State.Bookmarks.Where(b => b.Kind == BookmarkKind.Timer && b.Due <= _now).OrderBy(b => b.Due).ThenBy(b => b.Id, StringComparer.Ordinal).FirstOrDefault() is { } timer)
            {
                if (Run(c, new FireTimer(timer.Id)) is not { Applied: true } fired)
                {
                    break;
                }

                c.State = fired.State;
            }

            Apply(c, new CommandResult(c.State, [], []));
        }

        private void StartWork(Pool pool)
        {
            while (pool.Free > 0 && pool.Queue.TryDequeue(out var task))
            {
                if (task.Gone)
                {
                    continue;
                }

                pool.Waiting--;
                pool.Free--;
                task.InService = true;
                var step = StepOf(task.ElementId, pool);
                step.Waits.Add(calendar.CountWorkingTime(task.EnqueuedAt, _now, pool.Unit).TotalHours);
                var hours = Draw(step.MeanHours);
                var done = calendar.Add(_now, new WorkingDuration(0, TimeSpan.FromHours(hours)), pool.Unit);
                At(done, () => Finish(task, step, hours));
            }
        }

        private void Finish(QueuedTask task, Step step, double hours)
        {
            task.Pool.Free++;
            task.Pool.BusyHours += hours;
            step.BusyHours += hours;
            step.Served++;
            if (!task.Gone)
            {
                var outcome = DrawOutcome(task.ElementId);
                var result = Run(task.Case, new CompleteTask(task.TaskId, outcome) { Actor = Actor });
                var declared = process.NodesById.GetValueOrDefault(task.ElementId)?.Outcomes ?? [];
                if (result is not null && (!result.Applied || Faulted(task.Case.State!, result.State)) && outcome is null && declared.Count > 0)
                {
                    // No history and no default flow: take the step's first declared outcome, as a designer lists the usual one first.
                    result = Run(task.Case, new CompleteTask(task.TaskId, declared[0]) { Actor = Actor });
                }

                if (result is { Applied: true })
                {
                    Apply(task.Case, result);
                }
            }

            StartWork(task.Pool);
        }

        private static bool Faulted(InstanceState before, InstanceState after) =>
            after.Status == InstanceStatus.Faulted || after.Incidents.Count > before.Incidents.Count;

        private double Draw(double meanHours)
        {
            if (assumptions.Spread <= 0)
            {
                return meanHours;
            }

            // Log-normal around the mean (e^(σZ − σ²/2) has mean 1); Z by Box–Muller from the seeded generator.
            var z = Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
            var sigma = assumptions.Spread;
            return Math.Max(1.0 / 60, meanHours * Math.Exp((sigma * z) - (sigma * sigma / 2)));
        }

        private string? DrawOutcome(string elementId)
        {
            var total = assumptions.Outcomes.TryGetValue(elementId, out var counts) ? counts.Values.Sum() : 0;
            if (total <= 0)
            {
                return null;
            }

            var pick = _random.Next(total);
            foreach (var (outcome, count) in counts!.OrderBy(o => o.Key, StringComparer.Ordinal))
            {
                pick -= count;
                if (pick < 0)
                {
                    return outcome;
                }
            }

            return null;
        }

        private Pool PoolOf(string? unit, string? role)
        {
            var key = WhatIfPools.Key(unit, role);
            if (!_pools.TryGetValue(key, out var pool))
            {
                var (officers, source) = assumptions.StaffOverrides.TryGetValue(key, out var set) ? (set, "override")
                    : assumptions.Staff.TryGetValue(key, out var staffed) ? (staffed, "organisation")
                    : (assumptions.DefaultOfficers, "default");
                pool = new Pool(key, unit, Math.Max(1, officers), source);
                _pools[key] = pool;
            }

            return pool;
        }

        private Step StepOf(string elementId, Pool pool)
        {
            if (!_steps.TryGetValue(elementId, out var step))
            {
                var node = process.NodesById.GetValueOrDefault(elementId);
                var (hours, source) = assumptions.StepTimes.TryGetValue(elementId, out var history) ? (history.TotalHours, TimeFromHistory)
                    : node?.Allowance is { } allowance ? (WorkingHours(allowance) * assumptions.AllowanceFactor, TimeFromAllowance)
                    : (assumptions.DefaultStepTime.TotalHours, TimeFromDefault);
                step = new Step(elementId, node?.Name, pool, Math.Max(1.0 / 60, hours), source);
                _steps[elementId] = step;
            }

            return step;
        }

        /// <summary>A working day is 8 working hours (Vietnam's office hours), as the designer's lint counts it.</summary>
        private static double WorkingHours(WorkingDuration duration) => ((double)duration.Days * 8) + duration.Time.TotalHours;

        private void At(DateTimeOffset at, Action action) => _agenda.Enqueue(action, (at < _now ? _now : at, _seq++));

        private WhatIfVersionResult Figures(string label, int? version, DateTimeOffset first, DateTimeOffset last)
        {
            int completed = 0, onTime = 0, late = 0, unfinished = 0, stuck = 0, withDue = 0;
            foreach (var c in _cases)
            {
                var state = c.State;
                if (state?.DueAt is not null)
                {
                    withDue++;
                }

                switch (state?.Status)
                {
                    case InstanceStatus.Completed:
                        completed++;
                        var evaluation = Punctuality.Evaluate(state.EndedAt ?? last, state.DueAt);
                        onTime += evaluation is Punctuality.Early or Punctuality.OnTime ? 1 : 0;
                        late += evaluation == Punctuality.Late ? 1 : 0;
                        break;
                    case InstanceStatus.Running:
                        unfinished++;
                        late += state.DueAt < last ? 1 : 0;
                        break;
                    default:
                        stuck++;
                        break;
                }
            }

            var pools = _pools.Values
                .Select(p => new WhatIfPoolResult(p.Key, p.Officers, p.Source, Utilisation(p.BusyHours, p, first, last), p.MaxQueue))
                .OrderByDescending(p => p.Utilisation).ThenBy(p => p.Pool, StringComparer.Ordinal).ToList();
            var steps = _steps.Values
                .Select(s => new WhatIfStepResult(
                    s.ElementId, s.Name, s.Pool.Key, s.Served, Round(s.Waits.Count == 0 ? 0 : s.Waits.Average()), Round(Percentile90(s.Waits)),
                    Round(s.Served == 0 ? 0 : s.BusyHours / s.Served), Utilisation(s.BusyHours, s.Pool, first, last), s.Source))
                .OrderByDescending(s => s.MeanWaitHours).ThenBy(s => s.ElementId, StringComparer.Ordinal).ToList();
            decimal? share = withDue == 0 ? null : Math.Round(100m * onTime / withDue, 2, MidpointRounding.AwayFromZero);
            return new WhatIfVersionResult(label, version, _cases.Count, completed, onTime, late, unfinished, stuck, share, steps, pools, _stopped);
        }

        private double Utilisation(double busyHours, Pool pool, DateTimeOffset first, DateTimeOffset last)
        {
            var available = pool.Officers * calendar.CountWorkingTime(first, last, pool.Unit).TotalHours;
            return available <= 0 ? 0 : Math.Round(100 * busyHours / available, 1, MidpointRounding.AwayFromZero);
        }

        private static double Percentile90(List<double> values)
        {
            if (values.Count == 0)
            {
                return 0;
            }

            var sorted = values.Order().ToList();
            return sorted[(int)Math.Ceiling(0.9 * sorted.Count) - 1];
        }

        private static double Round(double hours) => Math.Round(hours, 2, MidpointRounding.AwayFromZero);
    }

    private sealed class Case(string id)
    {
        public string Id { get; } = id;

        public InstanceState? State { get; set; }

        public Dictionary<string, QueuedTask> Tasks { get; } = new(StringComparer.Ordinal);

        public DateTimeOffset? TimerAt { get; set; }
    }

    private sealed class QueuedTask(Case c, string taskId, string elementId, Pool pool, DateTimeOffset enqueuedAt)
    {
        public Case Case { get; } = c;

        public string TaskId { get; } = taskId;

        public string ElementId { get; } = elementId;

        public Pool Pool { get; } = pool;

        public DateTimeOffset EnqueuedAt { get; } = enqueuedAt;

        public bool InService { get; set; }

        /// <summary>Closed by the engine (a boundary event, a cancelled instance) while queued or in service.</summary>
        public bool Gone { get; set; }
    }

    private sealed class Pool(string key, string? unit, int officers, string source)
    {
        public string Key { get; } = key;

        public string? Unit { get; } = unit;

        public int Officers { get; } = officers;

        public string Source { get; } = source;

        public int Free { get; set; } = officers;

        public Queue<QueuedTask> Queue { get; } = new();

        public int Waiting { get; set; }

        public int MaxQueue { get; set; }

        public double BusyHours { get; set; }
    }

    private sealed class Step(string elementId, string? name, Pool pool, double meanHours, string source)
    {
        public string ElementId { get; } = elementId;

        public string? Name { get; } = name;

        public Pool Pool { get; } = pool;

        public double MeanHours { get; } = meanHours;

        public string Source { get; } = source;

        public List<double> Waits { get; } = [];

        public int Served { get; set; }

        public double BusyHours { get; set; }
    }
}
