namespace Bpm.Reports.Simulation;

/// <summary>
/// What a what-if run assumes, the same for both versions it compares: when dossiers arrive, how
/// many officers each unit and role has, how long each step takes and which outcome it gives.
/// </summary>
public sealed record WhatIfAssumptions
{
    /// <summary>When each dossier arrives (received), in any order.</summary>
    public required IReadOnlyList<DateTimeOffset> Arrivals { get; init; }

    /// <summary>Officers per pool from the organisation tree, keyed <c>UNIT:role</c> (<see cref="WhatIfPools.Key"/>).</summary>
    public IReadOnlyDictionary<string, int> Staff { get; init; } = new Dictionary<string, int>();

    /// <summary>Officers per pool as the caller set them, before <see cref="Staff"/>.</summary>
    public IReadOnlyDictionary<string, int> StaffOverrides { get; init; } = new Dictionary<string, int>();

    /// <summary>Officers of a pool neither list names.</summary>
    public int DefaultOfficers { get; init; } = 1;

    /// <summary>Mean working time per step (element id) from completed tasks' history.</summary>
    public IReadOnlyDictionary<string, TimeSpan> StepTimes { get; init; } = new Dictionary<string, TimeSpan>();

    /// <summary>A step with no history takes its <c>bpm:allowance</c> × this factor.</summary>
    public double AllowanceFactor { get; init; } = 0.5;

    /// <summary>A step with neither history nor allowance takes this working time.</summary>
    public TimeSpan DefaultStepTime { get; init; } = TimeSpan.FromHours(4);

    /// <summary>How often each outcome was chosen per step (element id → outcome → count).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Outcomes { get; init; } = new Dictionary<string, IReadOnlyDictionary<string, int>>();

    /// <summary>σ of the log-normal spread of a step's time around its mean; 0: every task takes exactly the mean.</summary>
    public double Spread { get; init; } = 0.5;

    /// <summary>Fixes every draw: the same seed gives the same figures.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>How long after the last arrival the run goes on before it counts what is still open.</summary>
    public TimeSpan Horizon { get; init; } = TimeSpan.FromDays(365);

    /// <summary>At most this many engine commands per version, so that a run cannot hog the host.</summary>
    public int MaxCommands { get; init; } = 200_000;
}

/// <summary>Where tasks queue: a unit's officers in one role.</summary>
public static class WhatIfPools
{
    /// <summary>Written where a step names no unit or no role.</summary>
    public const string Unset = "?";

    public static string Key(string? unit, string? role) => $"{unit ?? Unset}:{role ?? Unset}";
}

/// <summary>The figures of one version.</summary>
/// <param name="Label">current or candidate.</param>
/// <param name="Version">The published version it is, none for the candidate.</param>
/// <param name="Dossiers">Dossiers started.</param>
/// <param name="Completed">Dossiers whose instance completed.</param>
/// <param name="OnTimeOrEarly">Completed by the engine's due date.</param>
/// <param name="Late">Completed after the due date, or still open past it at the end.</param>
/// <param name="Unfinished">Still open at the end of the run (including those counted late).</param>
/// <param name="Stuck">Instances the engine faulted or cancelled.</param>
/// <param name="OnTimeShare">On time or early ÷ dossiers with a due date, percent with two decimals; null when none has one.</param>
/// <param name="Steps">Per step, busiest queue first.</param>
/// <param name="Pools">Per unit and role.</param>
/// <param name="StoppedEarly">Set when the run hit its command bound.</param>
public sealed record WhatIfVersionResult(
    string Label, int? Version, int Dossiers, int Completed, int OnTimeOrEarly, int Late, int Unfinished, int Stuck, decimal? OnTimeShare,
    IReadOnlyList<WhatIfStepResult> Steps, IReadOnlyList<WhatIfPoolResult> Pools, bool StoppedEarly);

/// <summary>One step's queue, in working hours.</summary>
/// <param name="ElementId">The task's element.</param>
/// <param name="Name">Its name.</param>
/// <param name="Pool">Its unit and role (<c>UNIT:role</c>).</param>
/// <param name="Tasks">Tasks served.</param>
/// <param name="MeanWaitHours">Mean working time in the queue before an officer took it.</param>
/// <param name="P90WaitHours">The 90th percentile of that wait.</param>
/// <param name="MeanServiceHours">Mean working time an officer spent on it.</param>
/// <param name="Utilisation">Share of the pool's working time spent on this step, percent.</param>
/// <param name="TimeSource">history, allowance or default: where the step's time came from.</param>
public sealed record WhatIfStepResult(
    string ElementId, string? Name, string Pool, int Tasks, double MeanWaitHours, double P90WaitHours, double MeanServiceHours, double Utilisation, string TimeSource);

/// <summary>One pool: its officers and how busy they were.</summary>
/// <param name="Pool"><c>UNIT:role</c>.</param>
/// <param name="Officers">Officers assumed.</param>
/// <param name="StaffSource">organisation, override or default.</param>
/// <param name="Utilisation">Busy working time ÷ (officers × working time of the run), percent.</param>
/// <param name="MaxQueue">The longest queue seen.</param>
public sealed record WhatIfPoolResult(string Pool, int Officers, string StaffSource, double Utilisation, int MaxQueue);
