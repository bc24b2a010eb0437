using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Dossiers.Catalog;

/// <summary>The procedure catalogue in the Bpm database: import (all or nothing), search and look-up.</summary>
public sealed class ProcedureCatalog(BpmDbContext db, TimeProvider time)
{
    private readonly Dictionary<string, Procedure?> _found = new(StringComparer.Ordinal);

    /// <summary>
    /// Keeps each procedure <see cref="FindAsync"/> found (five queries each) for the catalogue's life: for a
    /// user that imports nothing meanwhile, as the province simulator, which imported its catalogue before it started.
    /// </summary>
    public bool RemembersLookUps { get; init; }

    /// <summary>
    /// Adds the procedures, replacing those whose code is already catalogued, in one transaction.
    /// Give it only a valid <see cref="CatalogLoadResult"/>'s procedures.
    /// </summary>
    public async Task<CatalogImport> ImportAsync(IReadOnlyList<Procedure> procedures, CancellationToken cancellationToken = default)
    {
        var codes = procedures.Select(p => p.Code).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // A replaced procedure's levels, papers, fees and sources go with it (cascading foreign keys).
        var replaced = await db.Procedures.Where(p => codes.Contains(p.Code)).ExecuteDeleteAsync(cancellationToken);

        var now = time.GetUtcNow();
        db.Procedures.AddRange(procedures.Select(p => ProcedureRecords.ToRecord(p, now)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return new CatalogImport(procedures.Count - replaced, replaced);
    }

    /// <summary>Procedures matching <paramref name="query"/> (see <see cref="ProcedureSearch"/>), by code.</summary>
    public async Task<ProcedurePage> SearchAsync(string? query, int skip, int take, CancellationToken cancellationToken = default)
    {
        var matching = db.Procedures.AsNoTracking();
        foreach (var term in ProcedureSearch.For(query).Terms)
        {
            matching = matching.Where(p => p.FoldedName.Contains(term) || p.Code.Contains(term));
        }

        var total = await matching.CountAsync(cancellationToken);
        var page = await matching.OrderBy(p => p.Code).Skip(skip).Take(take).Include(p => p.Levels).AsSplitQuery().ToListAsync(cancellationToken);
        return new ProcedurePage([.. page.Select(ProcedureRecords.ToSummary)], total);
    }

    public async Task<Procedure?> FindAsync(string code, CancellationToken cancellationToken = default)
    {
        if (RemembersLookUps && _found.TryGetValue(code, out var known))
        {
            return known;
        }

        var record = await db.Procedures.AsNoTracking().AsSplitQuery()
            .Include(p => p.Levels).Include(p => p.Papers).Include(p => p.Fees).Include(p => p.Sources)
            .SingleOrDefaultAsync(p => p.Code == code, cancellationToken);
        var procedure = record is null ? null : ProcedureRecords.ToProcedure(record);
        if (RemembersLookUps)
        {
            _found[code] = procedure;
        }

        return procedure;
    }

    public Task<bool> AnyAsync(CancellationToken cancellationToken = default) => db.Procedures.AnyAsync(cancellationToken);
}

/// <summary>What an import did: procedures new to the catalogue and procedures replaced.</summary>
public sealed record CatalogImport(int Added, int Replaced)
{
    public int Total => Added + Replaced;
}
