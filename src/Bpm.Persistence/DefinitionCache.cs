using System.Collections.Concurrent;
using Bpm.Engine;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence;

/// <summary>
/// Executable models of stored versions, parsed once. Safe to share between executors: a version
/// that is not a draft never changes, and drafts are never cached.
/// </summary>
public sealed class DefinitionCache
{
    private readonly ConcurrentDictionary<(string, int), ExecutableDefinition> _definitions = new();

    internal async Task<ExecutableDefinition?> GetAsync(BpmDbContext db, string definitionId, int version, CancellationToken cancellationToken)
    {
        if (_definitions.TryGetValue((definitionId, version), out var cached))
        {
            return cached;
        }

        var record = await db.Definitions.AsNoTracking().FirstOrDefaultAsync(d => d.DefinitionId == definitionId && d.Version == version, cancellationToken);
        if (record is null || record.Status == DefinitionStatus.Draft)
        {
            return null;
        }

        var loaded = BpmnLoader.Load(record.Xml);
        if (loaded.Definition is null)
        {
            throw new InvalidDataException($"stored definition '{definitionId}' v{version} no longer validates: {loaded.Errors.FirstOrDefault()?.Message}");
        }

        return _definitions.GetOrAdd((definitionId, version), loaded.Definition);
    }
}
