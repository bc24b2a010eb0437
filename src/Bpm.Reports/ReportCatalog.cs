using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Reports;

/// <summary>
/// What a report needs to know of each catalogued procedure: its sector, whether it is offered
/// fully online, and at which level each receiving unit handles it. The catalogue is small (a
/// province lists about 2,000 procedures), so it is read once per report, not joined per dossier.
/// </summary>
internal sealed class ReportCatalog
{
    public const string UnknownLevel = "unknown";

    private readonly Dictionary<string, Entry> _procedures;

    private ReportCatalog(Dictionary<string, Entry> procedures) => _procedures = procedures;

    public static async Task<ReportCatalog> LoadAsync(BpmDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.Procedures.AsNoTracking()
            .Select(p => new { p.Code, p.Sector, p.OnlineLevel, Levels = p.Levels.OrderBy(l => l.Position).Select(l => new { l.Level, l.ReceivingUnits }).ToList() })
            .ToListAsync(cancellationToken);
        return new ReportCatalog(rows.ToDictionary(
            r => r.Code,
            r => new Entry(r.Sector, r.OnlineLevel == "full", [.. r.Levels.Select(l => (l.Level, l.ReceivingUnits))]),
            StringComparer.Ordinal));
    }

    public string Sector(string procedureCode) => _procedures.TryGetValue(procedureCode, out var p) ? p.Sector : "";

    /// <summary>Offered fully online (<c>onlineLevel: full</c>): the procedures the online share is counted over.</summary>
    public bool OfferedOnline(string procedureCode) => _procedures.TryGetValue(procedureCode, out var p) && p.FullyOnline;

    /// <summary>The level whose receiving units include <paramref name="unit"/>; a procedure of one level needs no list.</summary>
    public string Level(string procedureCode, string unit)
    {
        if (!_procedures.TryGetValue(procedureCode, out var p) || p.Levels.Count == 0)
        {
            return UnknownLevel;
        }

        foreach (var (level, units) in p.Levels)
        {
            if (units.Contains(unit))
            {
                return level;
            }
        }

        return p.Levels.Select(l => l.Level).Distinct().Count() == 1 ? p.Levels[0].Level : UnknownLevel;
    }

    /// <summary>The agency of a unit code: its first part (<c>XA-PHUONGLAM</c> of <c>XA-PHUONGLAM.MOTCUA</c>), as reception reads it.</summary>
    public static string Agency(string unit) => unit.Split('.')[0];

    private sealed record Entry(string Sector, bool FullyOnline, List<(string Level, List<string> ReceivingUnits)> Levels);
}
