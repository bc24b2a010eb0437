using System.Text;
using Bpm.Dossiers.Catalog;
using Bpm.Dossiers.Dossiers;
using Bpm.Engine;
using Bpm.Engine.Calendar;

namespace Bpm.Reports.Simulation;

/// <summary>
/// One month of the simulated period, in the province's time (UTC+7): its bounds and working days,
/// and how many working days of the period came before it (to share each unit's dossiers over months).
/// </summary>
internal sealed record SimulatedMonth(string Name, DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<DateOnly> WorkingDays, int WorkingDaysBefore);

/// <summary>
/// One desk of the simulated province and everything drawn for it: how many dossiers of each stream
/// it receives over the period, and its own random sequence, derived from the seed and the desk's
/// agency code, from which its dossiers and its officers' work are drawn. A unit shares nothing with
/// another (its own dossier codes, definitions, tasks), so what it draws does not depend on which
/// units run beside it or on how many connections run them (decision 0009).
/// </summary>
internal sealed class SimulatedUnit
{
    private readonly VietnameseWorkingCalendar _calendar;
    private readonly IReadOnlyDictionary<string, Procedure> _procedures;
    private readonly HashSet<string> _published = new(StringComparer.Ordinal);
    private long _seq;

    public SimulatedUnit(SimulatedDesk desk, int index, int seed, IReadOnlyList<LevelModel> models, VietnameseWorkingCalendar calendar, IReadOnlyDictionary<string, Procedure> procedures)
    {
        Desk = desk;
        Index = index;
        Random = new Random(SeedOf(seed, desk.Agency));
        Planned = new int[models.Count];
        Models = models;
        _calendar = calendar;
        _procedures = procedures;
    }

    public SimulatedDesk Desk { get; }

    /// <summary>The desk's place in the province: orders the agenda's steps of one instant across units.</summary>
    public int Index { get; }

    public Random Random { get; }

    public IReadOnlyList<LevelModel> Models { get; }

    /// <summary>The dossiers of each stream (the index of <see cref="Models"/>) the desk receives over the period.</summary>
    public int[] Planned { get; }

    public int Dossiers => Planned.Sum();

    /// <summary>The order of this unit's steps that fall on the same instant: the order they were put on the agenda.</summary>
    public long NextSeq() => _seq++;

    /// <summary>
    /// The unit's random seed: the run's seed and an FNV-1a hash of the agency code (stable across
    /// processes, unlike <see cref="string.GetHashCode()"/>).
    /// </summary>
    public static int SeedOf(int seed, string agency)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(agency))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return unchecked((int)(hash ^ (uint)seed));
    }

    /// <summary>
    /// The dossiers arriving in <paramref name="month"/>, drawn only when the month begins: each
    /// stream's dossiers are shared over the months by their working days (the running total rounded),
    /// and each arrives on one of the month's working days, within its office hours.
    /// </summary>
    public List<SimulatedCase> Arrivals(SimulatedMonth month, int periodWorkingDays)
    {
        var cases = new List<SimulatedCase>();
        for (var m = 0; m < Models.Count; m++)
        {
            var before = Share(Planned[m], month.WorkingDaysBefore, periodWorkingDays);
            var through = Share(Planned[m], month.WorkingDaysBefore + month.WorkingDays.Count, periodWorkingDays);
            for (var i = before; i < through; i++)
            {
                cases.Add(Draw(Models[m], month.WorkingDays));
            }
        }

        return cases;
    }

    /// <summary>Whether the desk's internal procedure for <paramref name="procedure"/> still has to be published (true once).</summary>
    public bool FirstUseOf(Procedure procedure) => _published.Add(procedure.Code);

    private static int Share(int count, int days, int periodDays) =>
        (int)Math.Round((long)count * days / (double)periodDays, MidpointRounding.AwayFromZero);

    /// <summary>Everything about a dossier drawn at its arrival: what, how it comes, when, what happens to it.</summary>
    private SimulatedCase Draw(LevelModel model, IReadOnlyList<DateOnly> workingDays)
    {
        var fullyOnline = Random.NextDouble() < model.FullyOnlineShare;
        var codes = fullyOnline ? model.FullyOnline : model.Other;
        var procedure = _procedures[codes[Random.Next(codes.Count)]];
        var channel = fullyOnline && Random.NextDouble() < model.OnlineShare ? Channels.Online
            : Random.NextDouble() < model.PostShare ? Channels.Post : Channels.Desk;
        var day = workingDays[Random.Next(workingDays.Count)];
        var opening = new DateTimeOffset(day.ToDateTime(new TimeOnly(7, 30)), VietnameseWorkingCalendar.UtcOffset);
        // Within that day's office time (7.5 hours by default), so that no arrival spills into the next day or past the period.
        var officeMinutes = (int)_calendar.CountWorkingTime(opening, opening.AddHours(12), Desk.Desk).TotalMinutes;
        var arrives = _calendar.Add(opening, new WorkingDuration(0, TimeSpan.FromMinutes(Random.Next(0, officeMinutes))), Desk.Desk);
        var fate = Random.NextDouble();
        return new SimulatedCase(model, this, procedure, channel, arrives.ToUniversalTime())
        {
            Refused = fate < model.RefusalRate,
            Withdrawn = fate >= model.RefusalRate && fate < model.RefusalRate + model.WithdrawalRate,
            Supplement = Random.NextDouble() < model.SupplementRate,
            Applicant = SimulatedApplicant.Draw(Random),
            Officer = Desk.Staff[Random.Next(Desk.Staff.Count)],
        };
    }
}
