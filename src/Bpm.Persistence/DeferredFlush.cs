using System.Collections.Concurrent;
using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Bpm.Persistence;

/// <summary>
/// Writes what <see cref="DeferredWrites"/> holds on PostgreSQL, a statement per table and kind: the
/// updates as one <c>UPDATE … FROM unnest(…)</c> per set of columns, checking the revision read
/// and that every row matched (the instances' first); the inserts as one <c>INSERT … SELECT FROM unnest(arrays) WITH ORDINALITY … ORDER BY</c> (so a
/// numbered table such as the outbox numbers the rows in the order they were written), parents
/// before the tables that refer to them; the code counters and the day counts as the live path's
/// upserts, one statement each for all rows.
/// </summary>
internal static class DeferredFlush
{

    private static readonly ConcurrentDictionary<(IModel Model, string Shape), (string Sql, RelationalTypeMapping[] Mappings)> Templates = new();

    public static async Task WriteAsync(BpmDbContext db, DeferredWrites writes, CancellationToken cancellationToken)
    {
        if (db.Database.ProviderName != ProviderNames.Npgsql)
        {
            throw new NotSupportedException($"deferred writes are flushed on PostgreSQL only, not on {db.Database.ProviderName}");
        }

        // The updates first: they touch only rows stored before this flush (a row inserted in it takes its
        // later changes), so a revision another writer moved fails the flush before anything else is sent.
        var tables = writes.Tables.Values.ToList();
        foreach (var table in tables.OrderBy(t => t.Token is null))
        {
            foreach (var group in table.Updates.GroupBy(u => string.Join(',', u.Values.Keys)))
            {
                await UpdateAsync(db, table, [.. group], cancellationToken);
            }
        }

        foreach (var table in ParentsFirst(tables).Where(t => t.Inserted.Count > 0))
        {
            await InsertAsync(db, table, cancellationToken);
        }

        await CountersAsync(db, [.. writes.Counters], cancellationToken);
        await DayCountsAsync(db, [.. writes.DayCounts], cancellationToken);
    }

    private static async Task InsertAsync(BpmDbContext db, DeferredWrites.TableWrites table, CancellationToken cancellationToken)
    {
        var columns = Enumerable.Range(0, table.Properties.Length).Where(i => !(table.GeneratedKey && table.Properties[i].IsPrimaryKey())).ToList();
        var (sql, mappings) = Template(db, $"insert {table.Type.Name}", () =>
        {
            var names = columns.Select(i => Column(db, table.Properties[i])).ToList();
            var aliases = columns.Select((_, n) => $"c{n}").ToList();
            return ($"""
                INSERT INTO {Table(db, table.Type)} ({string.Join(", ", names)})
                SELECT {string.Join(", ", aliases.Select(a => $"u.{a}"))}
                FROM unnest({Placeholders(db, 0, columns.Count)}) WITH ORDINALITY AS u({string.Join(", ", aliases)}, n)
                ORDER BY u.n
                """, [.. columns.Select(i => ArrayMapping(db, table.Properties[i]))]);
        });
        var values = columns.Select(i => Array(table.Properties[i], table.Inserted.Select(row => row[i]))).ToArray();
        await ExecuteAsync(db, sql, mappings, values, table.Type.DisplayName(), cancellationToken);
    }

    private static async Task UpdateAsync(BpmDbContext db, DeferredWrites.TableWrites table, List<DeferredWrites.Change> changes, CancellationToken cancellationToken)
    {
        var keys = table.KeyProperties;
        var columns = changes[0].Values.Keys.ToList();
        var token = table.Token is { } t && changes.All(c => c.Token is not null) ? t : null;
        var (sql, mappings) = Template(db, $"update {table.Type.Name} {string.Join(',', columns)} {token is not null}", () =>
        {
            var count = keys.Count + columns.Count + (token is null ? 0 : 1);
            var aliases = keys.Select((_, n) => $"k{n}").Concat(columns.Select((_, n) => $"v{n}")).Concat(token is null ? [] : ["token"]).ToList();
            var set = columns.Select((i, n) => $"{Column(db, table.Properties[i])} = u.v{n}");
            var where = keys.Select((k, n) => $"t.{Column(db, k)} = u.k{n}").Concat(token is null ? [] : [$"t.{Column(db, token)} = u.token"]);
            return ($"""
                UPDATE {Table(db, table.Type)} AS t SET {string.Join(", ", set)}
                FROM unnest({Placeholders(db, 0, count)}) AS u({string.Join(", ", aliases)})
                WHERE {string.Join(" AND ", where)}
                """, [.. keys.Concat(columns.Select(i => table.Properties[i])).Concat(token is null ? [] : [token]).Select(p => ArrayMapping(db, p))]);
        });
        var values = keys.Select((k, n) => Array(k, changes.Select(c => c.Key[n])))
            .Concat(columns.Select(i => Array(table.Properties[i], changes.Select(c => c.Values[i]))))
            .Concat(token is null ? [] : [Array(token, changes.Select(c => c.Token))])
            .ToArray();
        var updated = await ExecuteAsync(db, sql, mappings, values, table.Type.DisplayName(), cancellationToken);
        if (updated != changes.Count)
        {
            throw new DbUpdateConcurrencyException(
                $"{changes.Count - updated} of {changes.Count} {table.Type.DisplayName()} rows were changed by another writer or are missing; nothing is committed");
        }
    }

    private static async Task CountersAsync(BpmDbContext db, List<((string Unit, string Day) Key, int? Stored, int Last)> counters, CancellationToken cancellationToken)
    {
        var added = counters.Where(c => c.Stored is null).ToList();
        if (added.Count > 0)
        {
            var (sql, mappings) = Template(db, "counters insert", () => ($"""
                INSERT INTO dossier_code_counters ("UnitIdentifier", "ReceiptDay", "LastSequence")
                SELECT * FROM unnest({Placeholders(db, 0, 3)})
                """, Mappings(db, typeof(string[]), typeof(string[]), typeof(int[]))));
            await ExecuteAsync(db, sql, mappings, [added.Select(c => c.Key.Unit).ToArray(), added.Select(c => c.Key.Day).ToArray(), added.Select(c => c.Last).ToArray()], "dossier code counter", cancellationToken);
        }

        var moved = counters.Where(c => c.Stored is not null).ToList();
        if (moved.Count > 0)
        {
            var (sql, mappings) = Template(db, "counters update", () => ($"""
                UPDATE dossier_code_counters AS c SET "LastSequence" = u.last
                FROM unnest({Placeholders(db, 0, 4)}) AS u(unit, day, stored, last)
                WHERE c."UnitIdentifier" = u.unit AND c."ReceiptDay" = u.day AND c."LastSequence" = u.stored
                """, Mappings(db, typeof(string[]), typeof(string[]), typeof(int[]), typeof(int[]))));
            var updated = await ExecuteAsync(
                db, sql, mappings, [moved.Select(c => c.Key.Unit).ToArray(), moved.Select(c => c.Key.Day).ToArray(), moved.Select(c => c.Stored!.Value).ToArray(), moved.Select(c => c.Last).ToArray()],
                "dossier code counter", cancellationToken);
            if (updated != moved.Count)
            {
                throw new DbUpdateConcurrencyException($"{moved.Count - updated} dossier code counters were moved by another writer since they were read; nothing is committed");
            }
        }
    }

    private static async Task DayCountsAsync(BpmDbContext db, List<DossierDayCountRecord> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        string[] counts = ["Received", "Online", "Post", "Early", "OnTime", "Late", "LateWithoutApology", "Returned", "Withdrawn", "Refused"];
        var (sql, mappings) = Template(db, "day counts", () => ($"""
            INSERT INTO dossier_day_counts ("Day", "ReceivingUnit", "ProcedureCode", {string.Join(", ", counts.Select(c => $"\"{c}\""))})
            SELECT * FROM unnest({Placeholders(db, 0, 3 + counts.Length)})
            ON CONFLICT ("Day", "ReceivingUnit", "ProcedureCode") DO UPDATE SET
                {string.Join(", ", counts.Select(c => $"\"{c}\" = dossier_day_counts.\"{c}\" + excluded.\"{c}\""))}
            """, Mappings(db, [typeof(string[]), typeof(string[]), typeof(string[]), .. counts.Select(_ => typeof(int[]))])));
        object?[] values =
        [
            rows.Select(r => r.Day).ToArray(), rows.Select(r => r.ReceivingUnit).ToArray(), rows.Select(r => r.ProcedureCode).ToArray(),
            rows.Select(r => r.Received).ToArray(), rows.Select(r => r.Online).ToArray(), rows.Select(r => r.Post).ToArray(),
            rows.Select(r => r.Early).ToArray(), rows.Select(r => r.OnTime).ToArray(), rows.Select(r => r.Late).ToArray(),
            rows.Select(r => r.LateWithoutApology).ToArray(), rows.Select(r => r.Returned).ToArray(), rows.Select(r => r.Withdrawn).ToArray(),
            rows.Select(r => r.Refused).ToArray(),
        ];
        await ExecuteAsync(db, sql, mappings, values, "dossier day count", cancellationToken);
    }

    private static async Task<int> ExecuteAsync(BpmDbContext db, string sql, RelationalTypeMapping[] mappings, object?[] values, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await RawWriteCommand.Build(db, sql, mappings).ExecuteNonQueryAsync(RawWriteCommand.Parameters(db, values), cancellationToken);
        }
        catch (DbException e)
        {
            throw new DbUpdateException($"the deferred write of the {what} rows failed: {e.Message}", e);
        }
    }

    /// <summary>Tables whose rows others refer to first (instances before tasks and journal, dossiers before their events).</summary>
    private static List<DeferredWrites.TableWrites> ParentsFirst(List<DeferredWrites.TableWrites> tables)
    {
        var ordered = new List<DeferredWrites.TableWrites>();
        var byType = tables.ToDictionary(t => t.Type);
        void Visit(DeferredWrites.TableWrites table, int depth)
        {
            if (ordered.Contains(table) || depth > tables.Count)
            {
                return;
            }

            foreach (var parent in table.Type.GetForeignKeys().Select(f => f.PrincipalEntityType).Where(p => p != table.Type))
            {
                if (byType.TryGetValue(parent, out var p))
                {
                    Visit(p, depth + 1);
                }
            }

            ordered.Add(table);
        }

        foreach (var table in tables)
        {
            Visit(table, 0);
        }

        return ordered;
    }

    private static (string Sql, RelationalTypeMapping[] Mappings) Template(BpmDbContext db, string shape, Func<(string, RelationalTypeMapping[])> build) =>
        Templates.GetOrAdd((db.Model, shape), _ => build());

    private static string Placeholders(BpmDbContext db, int from, int count)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var text = new StringBuilder();
        for (var i = from; i < from + count; i++)
        {
            text.Append(i > from ? ", " : "").Append(sql.GenerateParameterNamePlaceholder(RawWriteCommand.ParameterName(i)));
        }

        return text.ToString();
    }

    private static string Table(BpmDbContext db, IEntityType type) =>
        db.GetService<ISqlGenerationHelper>().DelimitIdentifier(type.GetTableName()!, type.GetSchema());

    private static string Column(BpmDbContext db, IProperty property) =>
        db.GetService<ISqlGenerationHelper>().DelimitIdentifier(property.GetColumnName());

    private static RelationalTypeMapping ArrayMapping(BpmDbContext db, IProperty property) => Mappings(db, ProviderType(property).MakeArrayType())[0];

    private static RelationalTypeMapping[] Mappings(BpmDbContext db, params Type[] types)
    {
        var source = db.GetService<IRelationalTypeMappingSource>();
        return [.. types.Select(t => source.FindMapping(t) ?? throw new InvalidOperationException($"the provider maps no type for {t}"))];
    }

    private static Type ProviderType(IProperty property) =>
        property.GetTypeMapping().Converter is { } converter
            ? (property.IsNullable && converter.ProviderClrType.IsValueType ? typeof(Nullable<>).MakeGenericType(converter.ProviderClrType) : converter.ProviderClrType)
            : property.ClrType;

    /// <summary>A column's values as a typed array, converted to what the provider stores when the property has a converter.</summary>
    private static System.Array Array(IProperty property, IEnumerable<object?> values)
    {
        var converter = property.GetTypeMapping().Converter;
        var list = values.ToList();
        var array = System.Array.CreateInstance(ProviderType(property), list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            array.SetValue(converter is null || list[i] is null ? list[i] : converter.ConvertToProvider(list[i]), i);
        }

        return array;
    }
}
