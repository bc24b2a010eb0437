using Bpm.Engine;
using Bpm.Engine.Calendar;
using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Reports.Simulation;

/// <summary>What a designer asks: a candidate BPMN against the published version of a definition.</summary>
/// <param name="DefinitionId">The definition whose published version is the baseline.</param>
/// <param name="CandidateXml">The candidate's BPMN XML (a draft or a file).</param>
/// <param name="Months">How many months of past arrivals to replay.</param>
/// <param name="Seed">Fixes every draw.</param>
/// <param name="ArrivalsPerDay">Dossiers per working day to draw when the period has no arrival; null: none stated.</param>
/// <param name="Staff">Officers per <c>UNIT:role</c> from the organisation tree.</param>
/// <param name="StaffOverrides">Officers per <c>UNIT:role</c> as the designer sets them.</param>
public sealed record WhatIfRequest(
    string DefinitionId, string CandidateXml, int Months, int Seed, decimal? ArrivalsPerDay,
    IReadOnlyDictionary<string, int> Staff, IReadOnlyDictionary<string, int> StaffOverrides)
{
    /// <summary>Most months a run replays.</summary>
    public const int MaxMonths = 24;

    /// <summary>Most dossiers a run simulates per version; the latest arrivals are kept.</summary>
    public int MaxDossiers { get; init; } = 5_000;

    /// <summary>A step with no history takes its allowance × this.</summary>
    public double AllowanceFactor { get; init; } = 0.5;
}

/// <summary>A bad what-if request: what (<see cref="Field"/>) and why, in Vietnamese; nothing was run.</summary>
public sealed class WhatIfInputException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>Both versions' figures and the candidate's change against the current.</summary>
/// <param name="DefinitionId">The definition.</param>
/// <param name="From">First day of the replayed period (UTC+7).</param>
/// <param name="To">Last day of it.</param>
/// <param name="ArrivalSource">history (the period's received dossiers) or rate (drawn at <see cref="WhatIfRequest.ArrivalsPerDay"/>).</param>
/// <param name="Truncated">Set when the period held more dossiers than a run simulates.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Current">The published version's figures.</param>
/// <param name="Candidate">The candidate's.</param>
/// <param name="Difference">Candidate minus current.</param>
public sealed record WhatIfReport(
    string DefinitionId, DateOnly From, DateOnly To, string ArrivalSource, bool Truncated, int Seed,
    WhatIfVersionResult Current, WhatIfVersionResult Candidate, WhatIfDifference Difference);

/// <summary>Candidate minus current.</summary>
/// <param name="OnTimeShare">Percentage points; null when either has no share.</param>
/// <param name="OnTimeOrEarly">Dossiers.</param>
/// <param name="Late">Dossiers.</param>
/// <param name="Steps">Per step both versions have: the change of mean and p90 wait, working hours.</param>
public sealed record WhatIfDifference(decimal? OnTimeShare, int OnTimeOrEarly, int Late, IReadOnlyList<WhatIfStepDifference> Steps);

/// <summary>One step's change.</summary>
public sealed record WhatIfStepDifference(string ElementId, double MeanWaitHours, double P90WaitHours);

/// <summary>
/// <c>bpm simulate whatif</c> and <c>POST /api/v1/definitions/{id}/whatif</c>: gathers the
/// assumptions from the database — the definition's dossiers received in the last months (their
/// received times), completed tasks' working time and outcomes per step — and runs the published
/// version and the candidate through <see cref="WhatIfSimulator"/> with the same assumptions.
/// It reads only; nothing is written.
/// </summary>
public sealed class WhatIfComparison(BpmDbContext db, IWorkingCalendar calendar, TimeProvider clock)
{
    /// <summary>Completed tasks read for step times and outcomes, the latest first.</summary>
    private const int MaxHistoryTasks = 20_000;

    public async Task<WhatIfReport> RunAsync(WhatIfRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Months is < 1 or > WhatIfRequest.MaxMonths)
        {
            throw new WhatIfInputException("months", $"Số tháng phải từ 1 đến {WhatIfRequest.MaxMonths}, không phải {request.Months}.");
        }

        if (request.ArrivalsPerDay is <= 0 or > 1000)
        {
            throw new WhatIfInputException("arrivalsPerDay", $"Số hồ sơ mỗi ngày làm việc phải lớn hơn 0 và không quá 1000, không phải {request.ArrivalsPerDay}.");
        }

        foreach (var (pool, officers) in request.StaffOverrides)
        {
            var colon = pool.LastIndexOf(':');
            if (colon <= 0 || colon == pool.Length - 1)
            {
                throw new WhatIfInputException("staff", $"'{pool}' phải có dạng ĐƠN_VỊ:vai_trò, ví dụ XA-PHUONGLAM.MOTCUA:reception.");
            }

            if (officers is < 1 or > 1000)
            {
                throw new WhatIfInputException("staff", $"Số cán bộ của '{pool}' phải từ 1 đến 1000, không phải {officers}.");
            }
        }

        var candidate = Load(request.CandidateXml, "candidate");
        var published = await db.Definitions.AsNoTracking()
            .Where(d => d.DefinitionId == request.DefinitionId && d.Status == DefinitionStatus.Published)
            .OrderByDescending(d => d.Version).Select(d => new { d.Version, d.Xml }).FirstOrDefaultAsync(cancellationToken);
        if (published is null)
        {
            var exists = await db.Definitions.AnyAsync(d => d.DefinitionId == request.DefinitionId, cancellationToken);
            throw new WhatIfInputException("definitionId", exists
                ? $"Quy trình '{request.DefinitionId}' chưa có phiên bản nào được ban hành để so sánh."
                : $"Không có quy trình '{request.DefinitionId}'.");
        }

        var current = Load(published.Xml, "definitionId");
        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(VietnameseWorkingCalendar.UtcOffset).DateTime);
        var from = today.AddMonths(-request.Months);
        var period = new ReportPeriod(from, today);
        var (arrivals, source) = await ArrivalsAsync(request, period, cancellationToken);
        var truncated = arrivals.Count > request.MaxDossiers;
        if (truncated)
        {
            arrivals = arrivals.Order().TakeLast(request.MaxDossiers).ToList();
        }

        var (times, outcomes) = await HistoryAsync(request.DefinitionId, cancellationToken);
        var assumptions = new WhatIfAssumptions
        {
            Arrivals = arrivals,
            Staff = request.Staff,
            StaffOverrides = request.StaffOverrides,
            StepTimes = times,
            Outcomes = outcomes,
            AllowanceFactor = request.AllowanceFactor,
            Seed = request.Seed,
        };
        var simulator = new WhatIfSimulator(calendar);
        var baseline = simulator.Run(current, assumptions, "current", published.Version, cancellationToken);
        var proposed = simulator.Run(candidate, assumptions, "candidate", null, cancellationToken);
        return new WhatIfReport(request.DefinitionId, from, today, source, truncated, request.Seed, baseline, proposed, Compare(baseline, proposed));
    }

    public static WhatIfDifference Compare(WhatIfVersionResult current, WhatIfVersionResult candidate)
    {
        var before = current.Steps.ToDictionary(s => s.ElementId, StringComparer.Ordinal);
        var steps = candidate.Steps.Where(s => before.ContainsKey(s.ElementId))
            .Select(s => new WhatIfStepDifference(
                s.ElementId, Math.Round(s.MeanWaitHours - before[s.ElementId].MeanWaitHours, 2), Math.Round(s.P90WaitHours - before[s.ElementId].P90WaitHours, 2)))
            .ToList();
        return new WhatIfDifference(
            candidate.OnTimeShare - current.OnTimeShare, candidate.OnTimeOrEarly - current.OnTimeOrEarly, candidate.Late - current.Late, steps);
    }

    private static ExecutableDefinition Load(string? xml, string field)
    {
        var what = field == "candidate" ? "Bản BPMN cần mô phỏng" : "Phiên bản đang ban hành";
        if (string.IsNullOrWhiteSpace(xml))
        {
            throw new WhatIfInputException(field, $"{what} trống: hãy gửi nội dung BPMN XML.");
        }

        var loaded = BpmnLoader.Load(xml);
        if (loaded.Definition is { } definition)
        {
            return definition;
        }

        var error = loaded.Diagnostics.First(d => d.Severity == Severity.Error);
        var where = error.Line > 0 ? $"dòng {error.Line}" : "tài liệu";
        throw new WhatIfInputException(field, $"{what} không chạy được ({where}{(error.ElementId is null ? "" : $", phần tử '{error.ElementId}'")}): {error.Message}");
    }

    private async Task<(List<DateTimeOffset> Arrivals, string Source)> ArrivalsAsync(WhatIfRequest request, ReportPeriod period, CancellationToken cancellationToken)
    {
        var received = await (
            from dossier in db.Dossiers.AsNoTracking()
            join instance in db.Instances.AsNoTracking() on dossier.InstanceId equals instance.InstanceId
            where instance.DefinitionId == request.DefinitionId && dossier.ReceivedAt >= period.Start && dossier.ReceivedAt < period.End
            select dossier.ReceivedAt).ToListAsync(cancellationToken);
        if (received.Count > 0)
        {
            return (received, "history");
        }

        if (request.ArrivalsPerDay is not { } rate)
        {
            throw new WhatIfInputException("arrivalsPerDay",
                $"Quy trình '{request.DefinitionId}' không có hồ sơ nào tiếp nhận từ {period.From:dd/MM/yyyy} đến {period.To:dd/MM/yyyy}: hãy cho số hồ sơ mỗi ngày làm việc để mô phỏng.");
        }

        return (Drawn(rate, period, request.Seed), "rate");
    }

    /// <summary>Arrivals of a Poisson process in working time: exponential gaps with mean 8 working hours ÷ rate.</summary>
    private List<DateTimeOffset> Drawn(decimal perDay, ReportPeriod period, int seed)
    {
        var random = new Random(seed);
        var gapHours = 8 / (double)perDay;
        var arrivals = new List<DateTimeOffset>();
        var at = period.Start;
        while (true)
        {
            var gap = -gapHours * Math.Log(1 - random.NextDouble());
            at = calendar.Add(at, new WorkingDuration(0, TimeSpan.FromHours(gap)));
            if (at >= period.End)
            {
                return arrivals;
            }

            arrivals.Add(at);
        }
    }

    private async Task<(Dictionary<string, TimeSpan> Times, Dictionary<string, IReadOnlyDictionary<string, int>> Outcomes)> HistoryAsync(
        string definitionId, CancellationToken cancellationToken)
    {
        var tasks = await (
            from task in db.Tasks.AsNoTracking()
            join instance in db.Instances.AsNoTracking() on task.InstanceId equals instance.InstanceId
            where instance.DefinitionId == definitionId && task.Status == TaskRecord.Completed && task.CompletedAt != null
            orderby task.CompletedAt descending
            select new { task.ElementId, task.Unit, task.CreatedAt, task.CompletedAt, task.Outcome }).Take(MaxHistoryTasks).ToListAsync(cancellationToken);

        // A task's open time is all the history says (there is no claim time): it includes any wait, so it is an upper bound of the work.
        var times = tasks.GroupBy(t => t.ElementId, StringComparer.Ordinal).ToDictionary(
            g => g.Key, g => TimeSpan.FromHours(g.Average(t => calendar.CountWorkingTime(t.CreatedAt, t.CompletedAt!.Value, t.Unit).TotalHours)), StringComparer.Ordinal);
        var outcomes = tasks.Where(t => t.Outcome is not null).GroupBy(t => t.ElementId, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => (IReadOnlyDictionary<string, int>)g.GroupBy(t => t.Outcome!, StringComparer.Ordinal).ToDictionary(o => o.Key, o => o.Count(), StringComparer.Ordinal),
            StringComparer.Ordinal);
        return (times, outcomes);
    }
}
