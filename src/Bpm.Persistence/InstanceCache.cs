using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence;

/// <summary>
/// The instance rows this host last committed, so that the next command on an instance runs without
/// reading it back. Shared by the executors of a process (one per host, <c>Bpm:Persistence:InstanceCacheSize</c>
/// rows, the least recently used dropped first; 0 turns it off); rows are kept per database.
/// </summary>
/// <remarks>
/// A cached row may be stale: another host, or an executor without this cache, may have written the
/// instance since. That is safe because every write of an instance row checks and bumps its revision
/// (docs/persistence.md, "Instance cache"): a write from a stale row matches no row, the executor drops
/// the row from here and re-runs the command on a fresh read, and a command refused on a cached row is
/// re-run on a fresh read before the refusal is answered.
/// </remarks>
public sealed class InstanceCache
{
    /// <summary>The setting's key in the server's configuration.</summary>
    public const string SizeSetting = "Bpm:Persistence:InstanceCacheSize";

    /// <summary>Rows kept when the setting is absent: ~2 kB of state JSON a row, twice that as .NET text, ≈16 MB.</summary>
    public const int DefaultSize = 4096;

    private readonly int _capacity;
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Database, string InstanceId), LinkedListNode<Entry>> _rows = [];

    // Most recently used first.
    private readonly LinkedList<Entry> _order = new();

    /// <param name="capacity">Rows kept across all databases; 0 keeps none.</param>
    public InstanceCache(int capacity)
    {
        _capacity = capacity >= 0
            ? capacity
            : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, $"the instance cache's size ({SizeSetting}) must be 0 (off) or a number of rows, not {capacity}");
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _rows.Count;
            }
        }
    }

    /// <summary>A copy of the row last committed by this host for the instance, or null.</summary>
    internal InstanceRecord? Get(BpmDbContext db, string instanceId)
    {
        if (_capacity == 0)
        {
            return null;
        }

        lock (_lock)
        {
            if (!_rows.TryGetValue((Database(db), instanceId), out var node))
            {
                return null;
            }

            _order.Remove(node);
            _order.AddFirst(node);
            return Copy(node.Value.Row);
        }
    }

    /// <summary>Keeps a copy of <paramref name="row"/>, which must hold what is committed, unless a later revision is kept already.</summary>
    internal void Put(BpmDbContext db, InstanceRecord row)
    {
        if (_capacity == 0)
        {
            return;
        }

        var key = (Database(db), row.InstanceId);
        var copy = Copy(row);
        lock (_lock)
        {
            if (_rows.TryGetValue(key, out var node))
            {
                // Two commands of this host on one instance may finish in either order; the later revision stays.
                if (node.Value.Row.Revision < copy.Revision)
                {
                    node.Value.Row = copy;
                }

                _order.Remove(node);
                _order.AddFirst(node);
                return;
            }

            _rows[key] = _order.AddFirst(new Entry(key, copy));
            if (_rows.Count > _capacity)
            {
                var oldest = _order.Last!.Value;
                _order.RemoveLast();
                _rows.Remove(oldest.Key);
            }
        }
    }

    internal void Evict(BpmDbContext db, string instanceId)
    {
        if (_capacity == 0)
        {
            return;
        }

        lock (_lock)
        {
            if (_rows.Remove((Database(db), instanceId), out var node))
            {
                _order.Remove(node);
            }
        }
    }

    // The database a row belongs to is told by its connection string, as for the SQLite writer queue.
    private static string Database(BpmDbContext db) => db.Database.GetConnectionString() ?? "";

    private static InstanceRecord Copy(InstanceRecord row) => new()
    {
        InstanceId = row.InstanceId,
        DefinitionId = row.DefinitionId,
        DefinitionVersion = row.DefinitionVersion,
        ProcessId = row.ProcessId,
        BusinessKey = row.BusinessKey,
        Status = row.Status,
        State = row.State,
        StartedAt = row.StartedAt,
        EndedAt = row.EndedAt,
        DueAt = row.DueAt,
        UpdatedAt = row.UpdatedAt,
        JournalHead = row.JournalHead,
        Revision = row.Revision,
        Evaluation = row.Evaluation,
        LateWithoutApology = row.LateWithoutApology,
    };

    private sealed class Entry((string Database, string InstanceId) key, InstanceRecord row)
    {
        public (string Database, string InstanceId) Key { get; } = key;

        public InstanceRecord Row { get; set; } = row;
    }
}
