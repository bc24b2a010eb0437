using Bpm.Dossiers.Catalog;
using Bpm.Dossiers.Dossiers;
using Bpm.Engine;
using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Features.Desk;

/// <summary>
/// The due date a dossier received now would get, shown at the desk before it is saved. It is
/// <see cref="LegalTimeLimit.DueAt"/>, the rule reception's start applies (the catalogue's time limit,
/// else the process's <c>bpm:timeLimit</c>, on the working calendar from the moment of receipt, so the
/// 15:00 rule applies), on the definition reception would start.
/// </summary>
public static class DueDatePreview
{
    public static async Task<DateTimeOffset?> ComputeAsync(
        BpmDbContext db, DefinitionCache definitions, EngineOptions engine, Procedure procedure, string unit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var definitionId = await ProcedureProcesses.FindAsync(db, procedure.Code, unit, cancellationToken);
        if (definitionId is null)
        {
            return null;
        }

        var version = await db.Definitions.AsNoTracking()
            .Where(d => d.DefinitionId == definitionId && d.Status == DefinitionStatus.Published)
            .MaxAsync(d => d.Version, cancellationToken);
        var definition = await definitions.GetAsync(db, definitionId, version, cancellationToken);
        return definition is null ? null : LegalTimeLimit.DueAt(procedure.TimeLimit, definition.Main, engine.Calendar, now);
    }
}
