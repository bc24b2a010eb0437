using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Dossiers.Dossiers;

/// <summary>
/// The published definition that handles a procedure at a receiving unit: a definition whose latest
/// published version's executable process carries the <c>bpm:procedureCode</c>; among several, the
/// one whose <c>bpm:decidingUnit</c> is the receiving unit's agency (the unit code's first part),
/// then the first by definition id (ordinal).
/// </summary>
public static class ProcedureProcesses
{
    public static async Task<string?> FindAsync(BpmDbContext db, string procedureCode, string receivingUnit, CancellationToken cancellationToken)
    {
        var agency = receivingUnit.Split('.')[0];
        return (await CandidatesAsync(db, procedureCode, cancellationToken))
            .OrderByDescending(d => d.DecidingUnit == agency)
            .ThenBy(d => d.DefinitionId, StringComparer.Ordinal)
            .Select(d => d.DefinitionId)
            .FirstOrDefault();
    }

    /// <summary>
    /// The published definition with which <paramref name="agency"/> itself handles the procedure
    /// (its <c>bpm:decidingUnit</c>): the target of a handoff, which must be that agency's own process.
    /// </summary>
    public static async Task<string?> FindAtAgencyAsync(BpmDbContext db, string procedureCode, string agency, CancellationToken cancellationToken) =>
        (await CandidatesAsync(db, procedureCode, cancellationToken))
            .Where(d => d.DecidingUnit == agency)
            .Select(d => d.DefinitionId)
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();

    /// <summary>
    /// Each definition whose latest published version handles the procedure, read from the indexed
    /// <c>ProcedureCode</c> column (<see cref="DefinitionProcedureColumns"/>) — never the XML. A
    /// definition whose newest published version handles another procedure is not a candidate for
    /// this one, though an older version did: new instances start on the newest.
    /// </summary>
    private static async Task<List<(string DefinitionId, string? DecidingUnit)>> CandidatesAsync(BpmDbContext db, string procedureCode, CancellationToken cancellationToken) =>
        [.. (await db.Definitions.AsNoTracking()
            .Where(d => d.Status == DefinitionStatus.Published && d.ProcedureCode == procedureCode)
            .Where(d => !db.Definitions.Any(n => n.DefinitionId == d.DefinitionId && n.Status == DefinitionStatus.Published && n.Version > d.Version))
            .Select(d => new { d.DefinitionId, d.DecidingUnit })
            .ToListAsync(cancellationToken))
            .Select(d => (d.DefinitionId, d.DecidingUnit))];
}
