using System.Globalization;
using Bpm.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Bpm.Persistence;

/// <summary>
/// The rows of many commands held in memory and written in a few statements per table when the
/// caller flushes, inside the caller's transaction (decision 0010). The province simulator writes its
/// batches of steps this way on PostgreSQL: every row the live path writes — instance state, task
/// rows, hash-chained journal, outbox, dossier, dossier events, portal rows, day counts, code
/// counters — is written, with the same values, but a row inserted and then changed within a flush
/// is inserted once with its last values, and a row changed several times is updated once.
/// </summary>
/// <remarks>
/// Attached to a context (<see cref="BpmDbContext.DeferredWrites"/>), it takes what
/// <c>SaveChanges</c> would write (the context's added and modified entries) and what the executor,
/// the code generator and the day counts would send as their own statements. Reads do not see
/// what is held: the executor takes an instance's row from here (<see cref="Instance"/>), and the
/// callers that write deferred read nothing else they wrote since the last flush (the simulator keeps
/// its own state). The guarantees at the flush: it is the caller's one transaction; an instance
/// update checks the revision it was read at (a concurrent writer makes the flush fail, and the
/// caller rolls back); a code counter update checks the value it was read at; every update must
/// match its row; the outbox rows keep their order.
/// </remarks>
public sealed class DeferredWrites
{
    private readonly Dictionary<IEntityType, TableWrites> _tables = [];
    private readonly Dictionary<string, InstanceRecord> _instances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<object?[]>> _undelivered = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Unit, string Day), (int? Stored, int Last)> _counters = [];
    private readonly Dictionary<(string Unit, string Day), int> _flushedCounters = [];
    private readonly Dictionary<(string Day, string Unit, string Procedure), DossierDayCountRecord> _dayCounts = [];
    private readonly Dictionary<string, DefinitionRecord?> _published = new(StringComparer.Ordinal);

    /// <summary>Rows held for the next flush (inserted and updated), for progress lines and tests.</summary>
    public int Pending => _tables.Values.Sum(t => t.Count) + _counters.Count + _dayCounts.Count;

    /// <summary>The instance rows kept for the next commands (those not ended by the last flush).</summary>
    public int KeptInstances => _instances.Count;

    internal IReadOnlyDictionary<IEntityType, TableWrites> Tables => _tables;

    internal IEnumerable<((string Unit, string Day) Key, int? Stored, int Last)> Counters =>
        _counters.Select(c => (c.Key, c.Value.Stored, c.Value.Last));

    internal IEnumerable<DossierDayCountRecord> DayCounts => _dayCounts.Values;

    /// <summary>
    /// The instance's row as the last command held here left it (the caller then owns the object
    /// until its command is written here again), or null when none was written since it was flushed
    /// and ended — the executor then reads it.
    /// </summary>
    internal InstanceRecord? Instance(string instanceId) => _instances.GetValueOrDefault(instanceId);

    /// <summary>
    /// The latest published version of a definition as first read in this unit: the caller that
    /// writes deferred publishes nothing meanwhile, or says so with <see cref="ForgetDefinitions"/>.
    /// </summary>
    internal async Task<DefinitionRecord?> PublishedAsync(string definitionId, Func<Task<DefinitionRecord?>> read)
    {
        if (!_published.TryGetValue(definitionId, out var record))
        {
            _published[definitionId] = record = await read();
        }

        return record;
    }

    /// <summary>Definitions were published: the versions read before are read again.</summary>
    public void ForgetDefinitions() => _published.Clear();

    /// <summary>A command's rows: the instance (inserted when <paramref name="loadedRevision"/> is null, else updated from that revision), its tasks, journal and outbox.</summary>
    internal void Write(
        BpmDbContext db,
        InstanceRecord row,
        long? loadedRevision,
        (List<TaskRecord> Created, List<(TaskRecord Row, IReadOnlyList<string> Columns)> Changed) tasks,
        List<JournalRecord> journal,
        List<OutboxRecord> outbox)
    {
        var instances = Table(db, typeof(InstanceRecord));
        if (loadedRevision is { } revision)
        {
            instances.Update(row, instances.NonKeyColumns, revision);
        }
        else
        {
            instances.Insert(row);
        }

        _instances[row.InstanceId] = row;
        var taskTable = Table(db, typeof(TaskRecord));
        foreach (var task in tasks.Created)
        {
            taskTable.Insert(task);
        }

        foreach (var (task, columns) in tasks.Changed)
        {
            taskTable.Update(task, columns, null);
        }

        var journalTable = Table(db, typeof(JournalRecord));
        foreach (var entry in journal)
        {
            journalTable.Insert(entry);
        }

        var outboxTable = Table(db, typeof(OutboxRecord));
        foreach (var message in outbox)
        {
            var values = outboxTable.Insert(message);
            if (message.DispatchedAt is null)
            {
                if (!_undelivered.TryGetValue(message.InstanceId, out var pending))
                {
                    _undelivered[message.InstanceId] = pending = [];
                }

                pending.Add(values);
            }
        }
    }

    /// <summary>
    /// Takes what <c>SaveChanges</c> would write from the context's entries: an added row is held as it
    /// is now (a later change to it updates what is held), a modified row's changed columns are held
    /// for one update. Added rows with a key the database generates are then detached, the others
    /// accepted as saved, as <c>SaveChanges</c> leaves them.
    /// </summary>
    /// <returns>The entries taken.</returns>
    internal int Take(BpmDbContext db, ChangeTracker tracker)
    {
        // Entries() detects the changes first, as SaveChanges does.
        var entries = new List<EntityEntry>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                entries.Add(entry);
            }
        }

        foreach (var entry in entries)
        {
            var table = Table(db, entry.Metadata.ClrType);
            switch (entry.State)
            {
                case EntityState.Added:
                    table.Insert(entry.Entity);
                    break;
                case EntityState.Modified:
                    var modified = new List<string>();
                    object? token = null;
                    foreach (var property in entry.Properties)
                    {
                        if (property.IsModified)
                        {
                            modified.Add(property.Metadata.Name);
                        }

                        if (property.Metadata.IsConcurrencyToken)
                        {
                            token = property.OriginalValue;
                        }
                    }

                    table.Update(entry.Entity, modified, token);
                    break;
                default:
                    throw new NotSupportedException($"a deferred write does not delete ({entry.Metadata.DisplayName()})");
            }
        }

        // A row the database numbers has only a temporary key until it is stored: EF cannot keep it as saved.
        foreach (var entry in entries)
        {
            entry.State = Table(db, entry.Metadata.ClrType).GeneratedKey ? EntityState.Detached : EntityState.Unchanged;
        }

        return entries.Count;
    }

    /// <summary>
    /// The instance's side effects held in the outbox and not yet delivered, in the order written, their
    /// rows marked delivered at <paramref name="now"/> (attempt 1), as a dispatcher marks the rows its consumers took.
    /// </summary>
    public List<SideEffect> TakeUndelivered(BpmDbContext db, string instanceId, DateTimeOffset now)
    {
        var payload = Table(db, typeof(OutboxRecord)).Column(nameof(OutboxRecord.Payload));
        return [.. Mark(db, instanceId, now).Select(v => StoreJson.Effect((string)v[payload]!))];
    }

    /// <summary>Marks the instance's held outbox rows delivered at <paramref name="now"/>, for a caller that delivered their effects from the commands' results.</summary>
    /// <returns>The rows marked.</returns>
    public int MarkDelivered(BpmDbContext db, string instanceId, DateTimeOffset now) => Mark(db, instanceId, now).Count;

    private List<object?[]> Mark(BpmDbContext db, string instanceId, DateTimeOffset now)
    {
        if (!_undelivered.Remove(instanceId, out var pending))
        {
            return [];
        }

        var table = Table(db, typeof(OutboxRecord));
        var dispatchedAt = table.Column(nameof(OutboxRecord.DispatchedAt));
        var attempts = table.Column(nameof(OutboxRecord.Attempts));
        foreach (var values in pending)
        {
            values[dispatchedAt] = now;
            values[attempts] = (int)values[attempts]! + 1;
        }

        return pending;
    }

    /// <summary>The next sequence of a unit's receipt day: the stored counter read once, then counted here.</summary>
    public async Task<int> NextCodeSequenceAsync(BpmDbContext db, string unit, string day, CancellationToken cancellationToken)
    {
        if (!_counters.TryGetValue((unit, day), out var counter))
        {
            // A counter this unit wrote at the last flush is what is stored, unless another writer moved it: the flush's check says.
            var stored = _flushedCounters.TryGetValue((unit, day), out var flushed)
                ? flushed
                : await db.DossierCodeCounters.AsNoTracking().Where(c => c.UnitIdentifier == unit && c.ReceiptDay == day)
                    .Select(c => (int?)c.LastSequence).FirstOrDefaultAsync(cancellationToken);
            counter = (stored, stored ?? 0);
        }

        _counters[(unit, day)] = counter with { Last = counter.Last + 1 };
        return counter.Last + 1;
    }

    /// <summary>Adds a reception's or a closing's counts to its day's row, summed here and added to the table at the flush.</summary>
    public void AddDayCount(DossierDayCountRecord delta)
    {
        var key = (delta.Day, delta.ReceivingUnit, delta.ProcedureCode);
        if (!_dayCounts.TryGetValue(key, out var sum))
        {
            _dayCounts[key] = new DossierDayCountRecord { Day = delta.Day, ReceivingUnit = delta.ReceivingUnit, ProcedureCode = delta.ProcedureCode };
            sum = _dayCounts[key];
        }

        sum.Received += delta.Received;
        sum.Online += delta.Online;
        sum.Post += delta.Post;
        sum.Early += delta.Early;
        sum.OnTime += delta.OnTime;
        sum.Late += delta.Late;
        sum.LateWithoutApology += delta.LateWithoutApology;
        sum.Returned += delta.Returned;
        sum.Withdrawn += delta.Withdrawn;
        sum.Refused += delta.Refused;
    }

    /// <summary>
    /// Writes everything held, in the context's open transaction (the caller commits), then forgets it;
    /// the rows of instances still running stay kept for their next commands.
    /// </summary>
    public async Task FlushAsync(BpmDbContext db, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("deferred writes are flushed inside the caller's transaction, which commits them");
        }

        await DeferredFlush.WriteAsync(db, this, cancellationToken);

        // Only the days counted in this flush are kept: receptions move on to later days, never back.
        _flushedCounters.Clear();
        foreach (var (key, counter) in _counters)
        {
            _flushedCounters[key] = counter.Last;
        }

        Clear();
        foreach (var ended in _instances.Values.Where(i => i.EndedAt is not null).Select(i => i.InstanceId).ToList())
        {
            _instances.Remove(ended);
        }
    }

    /// <summary>Drops what is held (the caller rolled back), the kept instance rows with it.</summary>
    public void Discard()
    {
        Clear();
        _instances.Clear();
        _flushedCounters.Clear();
    }

    private void Clear()
    {
        _tables.Clear();
        _undelivered.Clear();
        _counters.Clear();
        _dayCounts.Clear();
    }

    private TableWrites Table(BpmDbContext db, Type clrType)
    {
        var type = db.Model.FindEntityType(clrType) ?? throw new InvalidOperationException($"{clrType.Name} is not in the model");
        if (!_tables.TryGetValue(type, out var table))
        {
            _tables[type] = table = new TableWrites(type);
        }

        return table;
    }

    /// <summary>One table's held rows: inserts in the order written (by key, when the key is not the database's), and updates by key.</summary>
    internal sealed class TableWrites
    {
        private readonly Dictionary<string, object?[]> _insertedByKey = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Change> _updates = new(StringComparer.Ordinal);
        private readonly IProperty[] _key;
        private readonly Dictionary<string, int> _columns;
        private List<string>? _nonKey;

        public TableWrites(IEntityType type)
        {
            Type = type;
            Properties = [.. type.GetProperties()];
            _key = [.. type.FindPrimaryKey()!.Properties];
            GeneratedKey = _key.Length == 1 && _key[0].ValueGenerated == ValueGenerated.OnAdd;
            Token = Properties.FirstOrDefault(p => p.IsConcurrencyToken);
            _columns = Properties.Select((p, i) => (p.Name, i)).ToDictionary(c => c.Name, c => c.i, StringComparer.Ordinal);
        }

        public IEntityType Type { get; }

        /// <summary>The entity's properties; a held row's values are in this order.</summary>
        public IProperty[] Properties { get; }

        /// <summary>True when the database numbers the rows (an identity key): it is left out of the insert.</summary>
        public bool GeneratedKey { get; }

        public IProperty? Token { get; }

        public List<object?[]> Inserted { get; } = [];

        public IEnumerable<Change> Updates => _updates.Values;

        public IReadOnlyList<IProperty> KeyProperties => _key;

        /// <summary>Every column but the key's: what an update of the whole row sets.</summary>
        public IReadOnlyList<string> NonKeyColumns => _nonKey ??= [.. Properties.Where(p => !p.IsPrimaryKey()).Select(p => p.Name)];

        public int Count => Inserted.Count + _updates.Count;

        public int Column(string name) => _columns.TryGetValue(name, out var index) ? index : throw new InvalidOperationException($"{Type.DisplayName()} has no property {name}");

        /// <returns>The values held, which <see cref="TakeUndelivered"/> may still change.</returns>
        public object?[] Insert(object entity)
        {
            var values = new object?[Properties.Length];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = Properties[i].GetGetter().GetClrValueUsingContainingEntity(entity);
            }

            Inserted.Add(values);
            if (!GeneratedKey)
            {
                var key = Key(entity);
                if (!_insertedByKey.TryAdd(key, values))
                {
                    throw new InvalidOperationException($"{Type.DisplayName()} {key} is written twice in one deferred unit");
                }
            }

            return values;
        }

        /// <summary>The columns named, to be set on the stored row (or on the row held for insert); <paramref name="token"/> is the concurrency token's value as read.</summary>
        public void Update(object entity, IReadOnlyList<string> columns, object? token)
        {
            if (GeneratedKey)
            {
                throw new NotSupportedException($"a deferred write does not update {Type.DisplayName()} rows the database numbers");
            }

            var key = Key(entity);
            if (_insertedByKey.TryGetValue(key, out var inserted))
            {
                foreach (var name in columns)
                {
                    var i = Column(name);
                    inserted[i] = Properties[i].GetGetter().GetClrValueUsingContainingEntity(entity);
                }

                return;
            }

            if (!_updates.TryGetValue(key, out var change))
            {
                var keyValues = _key.Select(p => p.GetGetter().GetClrValueUsingContainingEntity(entity)).ToArray();
                _updates[key] = change = new Change(keyValues, token);
            }

            foreach (var name in columns)
            {
                var i = Column(name);
                change.Values[i] = Properties[i].GetGetter().GetClrValueUsingContainingEntity(entity);
            }
        }

        private string Key(object entity)
        {
            var first = Convert.ToString(_key[0].GetGetter().GetClrValueUsingContainingEntity(entity), CultureInfo.InvariantCulture)!;
            for (var i = 1; i < _key.Length; i++)
            {
                first += '\u001f' + Convert.ToString(_key[i].GetGetter().GetClrValueUsingContainingEntity(entity), CultureInfo.InvariantCulture);
            }

            return first;
        }
    }

    /// <summary>An update of a stored row: its key, the columns set (by property index) and the token it was read with.</summary>
    internal sealed record Change(object?[] Key, object? Token)
    {
        public SortedDictionary<int, object?> Values { get; } = [];
    }
}
