using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Dossiers.Codes;

/// <summary>
/// Issues dossier codes: the next sequence of the unit's receipt day, from a counter row that the
/// caller's transaction updates together with the dossier insert. No duplicate: the upsert takes
/// the row's lock, so a second reception at the unit waits for the first to commit. No gap: a
/// reception that fails rolls the counter back with everything else. Across hosts the database
/// does the locking, so it holds for several hosts on one database too.
/// </summary>
public sealed class DossierCodeGenerator(BpmDbContext db)
{
    /// <summary>
    /// The next code for <paramref name="unit"/> at <paramref name="receivedAt"/>. Call it inside
    /// the reception's transaction, as late as the checks allow: the unit's counter row stays
    /// locked until the commit, and other receptions at the unit wait for it.
    /// </summary>
    public async Task<DossierCode> NextAsync(UnitIdentifier unit, DateTimeOffset receivedAt, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A dossier code is issued inside the reception's transaction, so that a failed reception gives it back");
        }

        var date = DossierCode.ReceiptDateOf(receivedAt);
        var day = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var sequence = db.DeferredWrites is { } deferred
            ? await deferred.NextCodeSequenceAsync(db, unit.Value, day, cancellationToken)
            : (await Upsert(unit.Value, day).ToListAsync(cancellationToken)).Single();
        if (sequence > DossierCode.MaxSequence)
        {
            throw new DossierCodeExhaustedException(unit, date);
        }

        return new DossierCode(unit, date, sequence);
    }

    // One statement per dialect: insert the day's row at 1 or add 1 to it, and return the value, under the row's lock.
    private IQueryable<int> Upsert(string unit, string day) => db.Database.ProviderName switch
    {
        "Microsoft.EntityFrameworkCore.SqlServer" => db.Database.SqlQuery<int>($"""
            MERGE dossier_code_counters WITH (HOLDLOCK) AS c
            USING (SELECT {unit} AS UnitIdentifier, {day} AS ReceiptDay) AS n
            ON c.UnitIdentifier = n.UnitIdentifier AND c.ReceiptDay = n.ReceiptDay
            WHEN MATCHED THEN UPDATE SET LastSequence = c.LastSequence + 1
            WHEN NOT MATCHED THEN INSERT (UnitIdentifier, ReceiptDay, LastSequence) VALUES (n.UnitIdentifier, n.ReceiptDay, 1)
            OUTPUT inserted.LastSequence AS Value;
            """),
        _ => db.Database.SqlQuery<int>($"""
            INSERT INTO dossier_code_counters ("UnitIdentifier", "ReceiptDay", "LastSequence") VALUES ({unit}, {day}, 1)
            ON CONFLICT ("UnitIdentifier", "ReceiptDay") DO UPDATE SET "LastSequence" = dossier_code_counters."LastSequence" + 1
            RETURNING "LastSequence" AS "Value"
            """),
    };
}

/// <summary>A unit received more than 9,999 dossiers in one day: the code has four digits for the sequence.</summary>
public sealed class DossierCodeExhaustedException(UnitIdentifier unit, DateOnly date)
    : Exception($"unit {unit} has issued all {DossierCode.MaxSequence} dossier codes of {date:dd/MM/yyyy}");
