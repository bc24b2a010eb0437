using System.Xml.Linq;
using Bpm.Engine;
using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Dossiers.Dossiers;

/// <summary>
/// The published definition that handles a procedure at a receiving unit: the latest published
/// version whose executable process carries <c>bpm:procedureCode</c>; among several, the one whose
/// <c>bpm:decidingUnit</c> is the receiving unit's agency (the unit code's first part).
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

    private static async Task<List<(string DefinitionId, string? DecidingUnit)>> CandidatesAsync(BpmDbContext db, string procedureCode, CancellationToken cancellationToken)
    {
        var published = await db.Definitions.AsNoTracking()
            .Where(d => d.Status == DefinitionStatus.Published && d.Xml.Contains(procedureCode))
            .Select(d => new { d.DefinitionId, d.Version, d.Xml })
            .ToListAsync(cancellationToken);
        return [.. published
            .GroupBy(d => d.DefinitionId)
            .Select(g => g.MaxBy(d => d.Version)!)
            .Select(d => (d.DefinitionId, Process: MainProcess(d.Xml)))
            .Where(d => (string?)d.Process?.Attribute(XName.Get("procedureCode", BpmnNames.Extension)) == procedureCode)
            .Select(d => (d.DefinitionId, (string?)d.Process!.Attribute(XName.Get("decidingUnit", BpmnNames.Extension))))];
    }

    private static XElement? MainProcess(string xml)
    {
        var processes = XDocument.Parse(xml).Root?.Elements(XName.Get("process", BpmnNames.Model)).ToList() ?? [];
        return processes.FirstOrDefault(p => (string?)p.Attribute("isExecutable") == "true") ?? processes.FirstOrDefault();
    }
}
