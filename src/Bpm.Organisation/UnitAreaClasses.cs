using Microsoft.EntityFrameworkCore;

namespace Bpm.Organisation;

/// <summary>
/// Each unit's area class, inherited down the tree: a desk (<c>XA-PHUONGLAM.MOTCUA</c>) is rural
/// when its commune is. A unit the tree does not know, or a tree that records no class, is urban:
/// Decision 468's general target.
/// </summary>
public sealed class UnitAreaClasses
{
    private readonly Dictionary<string, (string? Parent, AreaClass? Area)> _units;

    public UnitAreaClasses(IEnumerable<OrganisationUnit> units) =>
        _units = units.ToDictionary(u => u.Code, u => (u.ParentCode, u.AreaClass), StringComparer.Ordinal);

    public static UnitAreaClasses None { get; } = new([]);

    public static async Task<UnitAreaClasses> LoadAsync(OrganisationDbContext db, CancellationToken cancellationToken = default) =>
        new(await db.Units.AsNoTracking().ToListAsync(cancellationToken));

    public AreaClass Of(string unitCode)
    {
        // The depth bound stops a cycle in bad data from looping.
        for (var (code, depth) = ((string?)unitCode, 0); code is not null && depth < 64 && _units.TryGetValue(code, out var unit); code = unit.Parent, depth++)
        {
            if (unit.Area is { } area)
            {
                return area;
            }
        }

        return AreaClass.Urban;
    }
}
