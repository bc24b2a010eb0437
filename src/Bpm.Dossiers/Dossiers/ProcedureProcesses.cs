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
        var published = await db.Definitions.AsNoTracking()
            .Where(d => d.Status == DefinitionStatus.Published && d.Xml.Contains(procedureCode))
            .Select(d => new { d.DefinitionId, d.Version, d.Xml })
            .ToListAsync(cancellationToken);
        var candidates = published
            .GroupBy(d => d.DefinitionId)
            .Select(g => g.MaxBy(d => d.Version)!)
            .Select(d => (d.DefinitionId, Process: MainProcess(d.Xml)))
            .Where(d => (string?)d.Process?.Attribute(XName.Get("procedureCode", BpmnNames.Extension)) == procedureCode)
            .ToList();
        var agency = receivingUnit.Split('.')[0];
        return candidates
            .OrderByDescending(d => (string?)d.Process!.Attribute(XName.Get("decidingUnit", BpmnNames.Extension)) == agency)
            .ThenBy(d => d.DefinitionId, StringComparer.Ordinal)
            .Select(d => d.DefinitionId)
            .FirstOrDefault();
    }

    private static XElement? MainProcess(string xml)
    {
        var processes = XDocument.Parse(xml).Root?.Elements(XName.Get("process", BpmnNames.Model)).ToList() ?? [];
        return processes.FirstOrDefault(p => (string?)p.Attribute("isExecutable") == "true") ?? processes.FirstOrDefault();
    }
}
