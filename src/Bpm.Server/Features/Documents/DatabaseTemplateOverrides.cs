using Bpm.Documents.Templates;
using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Features.Documents;

/// <summary>
/// The units' template overrides kept in the <c>template_overrides</c> table. Rendering is
/// synchronous, so <see cref="Find"/> reads a copy of the whole table (a few rows per unit) held in
/// memory: dropped at once when this host writes (<see cref="Changed"/>), and read again after
/// <see cref="MaxAge"/> so that an edit made through another host sharing the database is seen too.
/// </summary>
/// <param name="options">Options of the Bpm database; each load opens its own context.</param>
/// <param name="time">Ages the copy.</param>
public sealed class DatabaseTemplateOverrides(DbContextOptions<BpmDbContext> options, TimeProvider time) : ITemplateOverrides
{
    /// <summary>How long a copy serves before the table is read again.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly Lock _loading = new();
    private Snapshot? _snapshot;
    private long _generation;

    /// <inheritdoc />
    public TemplateText? Find(string unitCode, string templateName) =>
        Current().Texts.TryGetValue((unitCode, templateName), out var text) ? new TemplateText(text, $"bản sửa của đơn vị {unitCode} (cơ sở dữ liệu)") : null;

    /// <summary>Forgets the copy: call after writing the table, so the next form issued reads the new text.</summary>
    public void Changed()
    {
        Interlocked.Increment(ref _generation);
        Volatile.Write(ref _snapshot, null);
    }

    private Snapshot Current()
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is not null && time.GetUtcNow() - snapshot.LoadedAt < MaxAge)
            return snapshot;

        lock (_loading)
        {
            snapshot = Volatile.Read(ref _snapshot);
            if (snapshot is not null && time.GetUtcNow() - snapshot.LoadedAt < MaxAge)
                return snapshot;

            // A write during the read would be missed by this copy: keep it only if none happened.
            var generation = Interlocked.Read(ref _generation);
            using var db = new BpmDbContext(options);
            var texts = db.TemplateOverrides.AsNoTracking().ToDictionary(o => (o.UnitCode, o.TemplateName), o => o.Text);
            var loaded = new Snapshot(texts, time.GetUtcNow());
            if (Interlocked.Read(ref _generation) == generation)
                Volatile.Write(ref _snapshot, loaded);
            return loaded;
        }
    }

    private sealed record Snapshot(Dictionary<(string Unit, string Template), string> Texts, DateTimeOffset LoadedAt);
}
