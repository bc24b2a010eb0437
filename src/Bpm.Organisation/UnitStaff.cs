using Microsoft.EntityFrameworkCore;

namespace Bpm.Organisation;

/// <summary>How many users work in each unit in each role: the staff capacity a what-if run assumes.</summary>
public static class UnitStaff
{
    public sealed record Count(string UnitCode, string Role, int Officers);

    public static async Task<IReadOnlyList<Count>> CountAsync(OrganisationDbContext db, CancellationToken cancellationToken = default) =>
        await db.Memberships.AsNoTracking()
            .GroupBy(m => new { m.UnitCode, m.Role })
            .Select(g => new Count(g.Key.UnitCode, g.Key.Role, g.Count()))
            .ToListAsync(cancellationToken);
}
