using System.Security.Cryptography;
using System.Text;
using Bpm.Engine;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence;

/// <summary>
/// Versioned process definitions. Each definition has at most one draft, always its highest
/// version; publishing validates the draft with the engine and freezes it. Published versions are
/// never edited, so instances pinned to them keep running after a newer version is published.
/// </summary>
public sealed class DefinitionStore(BpmDbContext db, TimeProvider time)
{
    public Task<List<DefinitionRecord>> ListAsync(CancellationToken cancellationToken = default) =>
        db.Definitions.AsNoTracking().OrderBy(d => d.DefinitionId).ThenBy(d => d.Version).ToListAsync(cancellationToken);

    public Task<DefinitionRecord?> GetAsync(string definitionId, int version, CancellationToken cancellationToken = default) =>
        db.Definitions.AsNoTracking().FirstOrDefaultAsync(d => d.DefinitionId == definitionId && d.Version == version, cancellationToken);

    /// <summary>The version new instances start on: the highest published one.</summary>
    public Task<DefinitionRecord?> GetLatestPublishedAsync(string definitionId, CancellationToken cancellationToken = default) =>
        db.Definitions.AsNoTracking()
            .Where(d => d.DefinitionId == definitionId && d.Status == DefinitionStatus.Published)
            .OrderByDescending(d => d.Version)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Creates the draft (next version number) or replaces the open draft's XML.</summary>
    public async Task<DefinitionRecord> SaveDraftAsync(string definitionId, string xml, string actor, CancellationToken cancellationToken = default)
    {
        var draft = await FindDraftAsync(definitionId, cancellationToken);
        if (draft is null)
        {
            draft = NewDraft(definitionId, await NextVersionAsync(definitionId, cancellationToken), xml, actor);
            db.Definitions.Add(draft);
        }
        else
        {
            draft.Xml = xml;
            draft.ContentHash = Hash(xml);
        }

        await db.SaveChangesAsync(cancellationToken);
        return draft;
    }

    /// <summary>Validates the draft with the engine and publishes it; an invalid draft stays a draft.</summary>
    public async Task<DefinitionRecord> PublishAsync(string definitionId, string actor, CancellationToken cancellationToken = default)
    {
        var draft = await FindDraftAsync(definitionId, cancellationToken)
            ?? throw new DefinitionException("no-draft", $"definition '{definitionId}' has no draft to publish");
        var loaded = BpmnLoader.Load(draft.Xml);
        if (!loaded.IsValid)
        {
            var first = loaded.Errors.FirstOrDefault();
            throw new DefinitionException(
                "invalid",
                $"definition '{definitionId}' v{draft.Version} is not valid" + (first is null ? "" : $": line {first.Line}: {first.ElementId}: {first.Message}"),
                loaded.Diagnostics);
        }

        if (DefinitionProcedureColumns.Misfit(loaded.Definition!.Main) is { } misfit)
        {
            throw new DefinitionException("invalid", $"definition '{definitionId}' v{draft.Version} is not valid: {misfit}");
        }

        DefinitionProcedureColumns.Set(draft, loaded.Definition.Main);
        draft.Status = DefinitionStatus.Published;
        draft.PublishedBy = actor;
        draft.PublishedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return draft;
    }

    /// <summary>
    /// Publishes many definitions at once, as importing a province's internal procedures does: each
    /// document becomes the next published version of its definition (an open draft is replaced
    /// and published). All are validated first; when one is not valid, nothing is saved and the
    /// error names every invalid definition. One read and one transaction for the whole set, where
    /// saving and publishing one by one costs two of each per definition.
    /// </summary>
    public async Task<IReadOnlyList<DefinitionRecord>> PublishManyAsync(IReadOnlyList<(string DefinitionId, string Xml)> documents, string actor, CancellationToken cancellationToken = default)
    {
        if (documents.GroupBy(d => d.DefinitionId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new DefinitionException("invalid", $"definition '{twice.Key}' is given {twice.Count()} times; give each definition once");
        }

        var loaded = documents.Select(d => (d.DefinitionId, d.Xml, Loaded: BpmnLoader.Load(d.Xml))).ToList();
        var invalid = loaded.Where(d => !d.Loaded.IsValid).ToList();
        if (invalid.Count > 0)
        {
            var first = invalid[0].Loaded.Errors.First();
            throw new DefinitionException(
                "invalid",
                $"{invalid.Count} of {documents.Count} definitions are not valid, nothing was published: {string.Join(", ", invalid.Take(10).Select(i => $"'{i.DefinitionId}'"))}{(invalid.Count > 10 ? ", …" : "")}; "
                + $"'{invalid[0].DefinitionId}' line {first.Line}: {first.ElementId}: {first.Message}",
                invalid[0].Loaded.Diagnostics);
        }

        if (loaded.Select(d => (d.DefinitionId, Misfit: DefinitionProcedureColumns.Misfit(d.Loaded.Definition!.Main))).FirstOrDefault(d => d.Misfit is not null) is { Misfit: { } misfit } misfitting)
        {
            throw new DefinitionException("invalid", $"definition '{misfitting.DefinitionId}' is not valid, nothing was published: {misfit}");
        }

        var ids = documents.Select(d => d.DefinitionId).ToList();
        var latest = (await db.Definitions.Where(d => ids.Contains(d.DefinitionId))
                .GroupBy(d => d.DefinitionId)
                .Select(g => g.OrderByDescending(d => d.Version).First())
                .ToListAsync(cancellationToken))
            .ToDictionary(d => d.DefinitionId, StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var published = new List<DefinitionRecord>(documents.Count);
        foreach (var (definitionId, xml, result) in loaded)
        {
            var record = latest.GetValueOrDefault(definitionId) is { Status: DefinitionStatus.Draft } draft ? draft : null;
            if (record is null)
            {
                record = NewDraft(definitionId, (latest.GetValueOrDefault(definitionId)?.Version ?? 0) + 1, xml, actor);
                db.Definitions.Add(record);
            }

            record.Xml = xml;
            record.ContentHash = Hash(xml);
            DefinitionProcedureColumns.Set(record, result.Definition!.Main);
            record.Status = DefinitionStatus.Published;
            record.PublishedBy = actor;
            record.PublishedAt = now;
            published.Add(record);
        }

        await db.SaveChangesAsync(cancellationToken);
        return published;
    }

    /// <summary>Stops new instances from starting on a published version; pinned instances keep running.</summary>
    public async Task<DefinitionRecord> RetractAsync(string definitionId, int version, CancellationToken cancellationToken = default)
    {
        var record = await db.Definitions.FirstOrDefaultAsync(d => d.DefinitionId == definitionId && d.Version == version, cancellationToken)
            ?? throw NotFound(definitionId, version);
        if (record.Status != DefinitionStatus.Published)
        {
            throw new DefinitionException("not-published", $"definition '{definitionId}' v{version} is {Name(record.Status)}, not published");
        }

        record.Status = DefinitionStatus.Retracted;
        await db.SaveChangesAsync(cancellationToken);
        return record;
    }

    /// <summary>Copies an old version forward as the new draft. Refuses while a draft exists, so no edit is lost.</summary>
    public async Task<DefinitionRecord> RevertAsync(string definitionId, int version, string actor, CancellationToken cancellationToken = default)
    {
        var source = await GetAsync(definitionId, version, cancellationToken) ?? throw NotFound(definitionId, version);
        if (await FindDraftAsync(definitionId, cancellationToken) is { } draft)
        {
            throw new DefinitionException("draft-exists", $"definition '{definitionId}' already has a draft (v{draft.Version}); publish it first");
        }

        var copy = NewDraft(definitionId, await NextVersionAsync(definitionId, cancellationToken), source.Xml, actor);
        db.Definitions.Add(copy);
        await db.SaveChangesAsync(cancellationToken);
        return copy;
    }

    /// <summary>Element-level differences between two versions.</summary>
    public async Task<DefinitionDiff> DiffAsync(string definitionId, int from, int to, CancellationToken cancellationToken = default)
    {
        var a = await GetAsync(definitionId, from, cancellationToken) ?? throw NotFound(definitionId, from);
        var b = await GetAsync(definitionId, to, cancellationToken) ?? throw NotFound(definitionId, to);
        return DefinitionDiff.Compare(a.Xml, b.Xml);
    }

    internal static string Hash(string xml) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(xml)));

    internal static string Name(DefinitionStatus status) => status.ToString().ToLowerInvariant();

    private Task<DefinitionRecord?> FindDraftAsync(string definitionId, CancellationToken cancellationToken) =>
        db.Definitions.FirstOrDefaultAsync(d => d.DefinitionId == definitionId && d.Status == DefinitionStatus.Draft, cancellationToken);

    private async Task<int> NextVersionAsync(string definitionId, CancellationToken cancellationToken) =>
        (await db.Definitions.Where(d => d.DefinitionId == definitionId).MaxAsync(d => (int?)d.Version, cancellationToken) ?? 0) + 1;

    private DefinitionRecord NewDraft(string definitionId, int version, string xml, string actor) => new()
    {
        DefinitionId = definitionId,
        Version = version,
        Status = DefinitionStatus.Draft,
        Xml = xml,
        ContentHash = Hash(xml),
        CreatedBy = actor,
        CreatedAt = time.GetUtcNow(),
    };

    private static DefinitionException NotFound(string definitionId, int version) =>
        new("not-found", $"definition '{definitionId}' v{version} does not exist");
}
