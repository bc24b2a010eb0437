using System.Diagnostics;
using System.Globalization;
using Bpm.Dossiers.Catalog;
using Bpm.Engine.Calendar;
using Bpm.Persistence;

namespace Bpm.Reports.Simulation;

/// <summary>What a simulation did: dossiers received per level and the steps run through the engine.</summary>
public sealed record SimulationResult(IReadOnlyDictionary<string, int> Arrivals, int Steps)
{
    /// <summary>True when every lane wrote its batches as deferred writes (decision 0010).</summary>
    public bool DeferredWrites { get; init; }
}

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
/// The desks run on <see cref="Parallel"/> connections, each desk drawing from its own random
/// sequence, so a seed gives the same province on any number: docs/decisions/0009-simulator-units-in-parallel.md.
/// </summary>
public sealed class ProvinceSimulator
{
    private readonly Func<BpmDbContext> _openContext;
    private readonly VietnameseWorkingCalendar _calendar;
    private readonly IReadOnlyList<Procedure> _catalogue;
    private readonly decimal _scale;
    private readonly int _seed;
    private readonly ProvinceStructure _structure;
    private readonly IReadOnlyList<LevelModel> _models;
    private readonly TextWriter? _progress;

    /// <param name="openContext">Opens a context on the simulation's database: one for the start, one per connection.</param>
    public ProvinceSimulator(Func<BpmDbContext> openContext, VietnameseWorkingCalendar calendar, IReadOnlyList<Procedure> catalogue, decimal scale, int seed, ProvinceStructure? structure = null, TextWriter? progress = null)
    {
        if (scale <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "the scale must be greater than 0");
        }

        _openContext = openContext;
        _calendar = calendar;
        _catalogue = catalogue;
        _scale = scale;
        _seed = seed;
        _structure = structure ?? ProvinceStructure.ThreeLevel;
        _models = _structure.Models;
        _progress = progress;
    }

    /// <summary>
    /// How many steps (a reception, a task, a timer, with their dossier events and the outbox pass
    /// after them) commit in one database transaction; 1 commits each step with its outbox pass.
    /// The steps and their order are the same either way, so the database ends the same.
    /// </summary>
    public int StepsPerTransaction { get; init; } = 2000;

    /// <summary>
    /// How many connections run the province's desks at once (each desk on one of them). The database
    /// ends the same for any number; on SQLite, which takes one writer at a time, they take turns by batch.
    /// </summary>
    public int Parallel { get; init; } = 1;

    /// <summary>The report's count × scale, rounded to the nearest whole number.</summary>
    public static int Scaled(int count, decimal scale) => (int)Math.Round(count * scale, MidpointRounding.AwayFromZero);

    public async Task<SimulationResult> RunAsync(CancellationToken cancellationToken = default)
    {
        if (StepsPerTransaction < 1 || Parallel < 1)
        {
            throw new InvalidOperationException($"the simulation needs at least one step per transaction and one connection (given {StepsPerTransaction} and {Parallel})");
        }

        var period = new ReportPeriod(_structure.From, _structure.To);
        var procedures = _structure.Province.Catalogue(_catalogue, _models);
        bool oneWriter;
        await using (var db = _openContext())
        {
            await new ProcedureCatalog(db, new SimulatedClock(period.Start)).ImportAsync(procedures, cancellationToken);
            oneWriter = db.Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";
        }

        var (units, arrivals) = Plan(procedures.ToDictionary(p => p.Code, StringComparer.Ordinal));
        using var writer = oneWriter && Parallel > 1 ? new SemaphoreSlim(1, 1) : null;
        var lanes = new List<SimulationLane>();
        try
        {
            for (var i = 0; i < Math.Min(Parallel, units.Count); i++)
            {
                lanes.Add(new SimulationLane(_openContext(), _calendar, period.Start, period.End, StepsPerTransaction, writer));
                await lanes[^1].OpenAsync(cancellationToken);
            }

            // The largest desks first, each to the lane with the fewest dossiers so far: the lanes finish their months together.
            foreach (var unit in units.OrderByDescending(u => u.Dossiers).ThenBy(u => u.Index))
            {
                lanes.MinBy(l => l.Units.Sum(u => u.Dossiers))!.Add(unit);
            }

            await RunMonthsAsync(lanes, period, cancellationToken);
            var planned = lanes.Sum(l => l.Planned);
            var received = lanes.Sum(l => l.Received);
            if (_progress is not null && received != planned)
            {
                await _progress.WriteLineAsync($"not received: {planned - received} of the {planned} dossiers planned");
            }

            return new SimulationResult(arrivals, lanes.Sum(l => l.Steps)) { DeferredWrites = lanes.All(l => l.Deferred) };
        }
        finally
        {
            foreach (var lane in lanes)
            {
                await lane.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// How many dossiers of each stream each desk receives, drawn from the seed's own sequence desk by
    /// desk as before; everything else about a dossier is drawn by its desk when its month begins.
    /// </summary>
    private (List<SimulatedUnit> Units, Dictionary<string, int> Arrivals) Plan(IReadOnlyDictionary<string, Procedure> procedures)
    {
        var random = new Random(_seed);
        var units = _structure.Province.Desks.Select((d, i) => new SimulatedUnit(d, i, _seed, _models, _calendar, procedures)).ToList();
        var arrivals = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var m = 0; m < _models.Count; m++)
        {
            var model = _models[m];
            var count = Scaled(model.Resolved, _scale * (decimal)(1 + model.InProgressAllowance + model.RefusalRate + model.WithdrawalRate));
            arrivals[model.Level] = arrivals.GetValueOrDefault(model.Level) + count;
            var desks = units.Where(u => u.Desk.Level == model.Level).ToList();
            for (var i = 0; i < count; i++)
            {
                desks[random.Next(desks.Count)].Planned[m]++;
            }
        }

        return (units, arrivals);
    }

    /// <summary>Month by month, every lane at once; a line of progress after each month (steps, rate, memory).</summary>
    private async Task RunMonthsAsync(List<SimulationLane> lanes, ReportPeriod period, CancellationToken cancellationToken)
    {
        var months = Months(period);
        var periodWorkingDays = months.Sum(m => m.WorkingDays.Count);
        var watch = Stopwatch.StartNew();
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        foreach (var month in months)
        {
            var started = watch.Elapsed;
            var before = lanes.Sum(l => l.Steps);
            await Task.WhenAll(lanes.Select(lane => Task.Run(
                async () =>
                {
                    try
                    {
                        await lane.RunMonthAsync(month, periodWorkingDays, failed.Token);
                    }
                    catch
                    {
                        // One lane's failure ends the run: the others stop at their next step rather than finish the month.
                        await failed.CancelAsync();
                        throw;
                    }
                },
                CancellationToken.None)));
            if (_progress is not null)
            {
                var steps = lanes.Sum(l => l.Steps);
                var seconds = (watch.Elapsed - started).TotalSeconds;
                using var process = Process.GetCurrentProcess();
                await _progress.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{month.Name}: {steps} steps ({(steps - before) / Math.Max(seconds, 0.001):F0} steps/s this month), {lanes.Sum(l => l.Waiting)} waiting, RSS {process.WorkingSet64 / 1_000_000} MB (peak {process.PeakWorkingSet64 / 1_000_000} MB), {watch.Elapsed.TotalSeconds:F0} s"));
            }
        }
    }

    /// <summary>The period's months in the province's time, each with its working days.</summary>
    private List<SimulatedMonth> Months(ReportPeriod period)
    {
        var months = new List<SimulatedMonth>();
        var before = 0;
        for (var first = _structure.From; first <= _structure.To; first = new DateOnly(first.Year, first.Month, 1).AddMonths(1))
        {
            var last = new DateOnly(first.Year, first.Month, 1).AddMonths(1).AddDays(-1);
            last = last < _structure.To ? last : _structure.To;
            var days = new List<DateOnly>();
            for (var day = first; day <= last; day = day.AddDays(1))
            {
                if (_calendar.IsWorkingDay(day))
                {
                    days.Add(day);
                }
            }

            var start = new ReportPeriod(first, last);
            months.Add(new SimulatedMonth(first.ToString("yyyy-MM", CultureInfo.InvariantCulture), start.Start, start.End < period.End ? start.End : period.End, days, before));
            before += days.Count;
        }

        return months;
    }
}
