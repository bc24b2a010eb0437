using Bpm.Engine;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence;

/// <summary>
/// The definitions table's <c>ProcedureCode</c> and <c>DecidingUnit</c>: the main process's
/// <c>bpm:procedureCode</c> and <c>bpm:decidingUnit</c>, which a reception or a handoff looks up
/// by index instead of reading and parsing every published definition's XML. Set when a version is
/// published; a published version's XML never changes afterwards, so they never go stale.
/// </summary>
public static class DefinitionProcedureColumns
{
    /// <summary>The columns' length in the model; a longer value is refused at publishing.</summary>
    public const int MaxLength = 200;

    /// <summary>
    /// Fills the columns of published rows stored before the columns existed (the migration
    /// <c>DefinitionProcedureColumns</c> adds them empty, since SQLite cannot read XML in SQL). It
    /// runs as EF's seeding step, at the end of every <c>Migrate</c> and <c>EnsureCreated</c>
    /// (<see cref="UseDefinitionBackfill"/>) once every migration is applied, and touches only
    /// published rows whose code is still null: after the first run, those are the few processes
    /// that name no procedure.
    /// </summary>
    public static async Task<int> BackfillAsync(BpmDbContext db, CancellationToken cancellationToken = default)
    {
        // Migrating to an older migration seeds too, on a schema that may not have the columns yet;
        // a database made by EnsureCreated has no history and nothing stored from before.
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            return 0;
        }

        var rows = await db.Definitions
            .Where(d => d.Status == DefinitionStatus.Published && d.ProcedureCode == null)
            .ToListAsync(cancellationToken);
        var filled = rows.Count(row => BpmnLoader.Load(row.Xml).Definition is { } definition && Set(row, definition.Main));
        await db.SaveChangesAsync(cancellationToken);
        return filled;
    }

    /// <summary>Adds <see cref="BackfillAsync"/> as the seeding step of a <see cref="BpmDbContext"/>'s options.</summary>
    public static DbContextOptionsBuilder UseDefinitionBackfill(this DbContextOptionsBuilder options) =>
        options
            // The synchronous Migrate (the command line's) has no context to return to, so waiting here cannot deadlock.
            .UseSeeding((context, _) => BackfillAsync((BpmDbContext)context).GetAwaiter().GetResult())
            .UseAsyncSeeding((context, _, cancellationToken) => BackfillAsync((BpmDbContext)context, cancellationToken));

    /// <summary>Copies the process's attributes onto the row; true when it names a procedure.</summary>
    internal static bool Set(DefinitionRecord record, ExecutableProcess main)
    {
        record.ProcedureCode = main.ProcedureCode;
        record.DecidingUnit = main.DecidingUnit;
        return record.ProcedureCode is not null;
    }

    /// <summary>Why the process's attributes do not fit the columns, or null when they do.</summary>
    internal static string? Misfit(ExecutableProcess main) =>
        main.ProcedureCode is { Length: > MaxLength } ? $"process '{main.Id}': bpm:procedureCode is {main.ProcedureCode.Length} characters long; at most {MaxLength} are stored"
        : main.DecidingUnit is { Length: > MaxLength } ? $"process '{main.Id}': bpm:decidingUnit is {main.DecidingUnit.Length} characters long; at most {MaxLength} are stored"
        : null;
}
