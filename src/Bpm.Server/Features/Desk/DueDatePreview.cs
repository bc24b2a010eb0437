using Bpm.Dossiers.Dossiers;
using Bpm.Engine;
using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Features.Desk;

/// <summary>
/// The due date a dossier received now would get, shown at the desk before it is saved. It is the
/// engine's own computation (the process's <c>bpm:timeLimit</c> on the working calendar, from the
/// moment of receipt, so the 15:00 rule applies) on the definition reception would start.
/// </summary>
public static class DueDatePreview
{
    public static async Task<DateTimeOffset?> ComputeAsync(
        BpmDbContext db, DefinitionCache definitions, EngineOptions engine, string procedureCode, string unit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var definitionId = await ProcedureProcesses.FindAsync(db, procedureCode, unit, cancellationToken);
        if (definitionId is null)
        {
            return null;
        }

        var version = await db.Definitions.AsNoTracking()
            .Where(d => d.DefinitionId == definitionId && d.Status == DefinitionStatus.Published)
            .MaxAsync(d => d.Version, cancellationToken);
        var definition = await definitions.GetAsync(db, definitionId, version, cancellationToken);
        return definition?.Main.TimeLimit is { } limit ? engine.Calendar.Add(now, limit) : null;
    }
}
