using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence;

/// <summary>The verdict on one instance's journal chain.</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="Rows">How many rows were checked.</param>
/// <param name="BrokenSeq">The first row that does not verify, or null when the chain is intact.</param>
/// <param name="Problem">What is wrong with that row.</param>
public sealed record ChainVerdict(string InstanceId, long Rows, long? BrokenSeq, string? Problem)
{
    public bool Intact => BrokenSeq is null;

    public override string ToString() => Intact
        ? $"OK {InstanceId} ({Rows} rows)"
        : $"BROKEN {InstanceId} seq {BrokenSeq}: {Problem}";
}

/// <summary>Walks journal chains and names the first row whose hash, link or sequence is wrong.</summary>
public sealed class JournalVerifier(BpmDbContext db)
{
    public async Task<ChainVerdict> VerifyAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        // One snapshot for the rows and the state: a command (a timer) may commit to the instance
        // while we read, and a chain read half before and half after that commit would look cut.
        if (db.Database.CurrentTransaction is not null)
        {
            return await VerifyInSnapshotAsync(instanceId, cancellationToken);
        }

        await using var snapshot = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var verdict = await VerifyInSnapshotAsync(instanceId, cancellationToken);
        await snapshot.CommitAsync(cancellationToken);
        return verdict;
    }

    private async Task<ChainVerdict> VerifyInSnapshotAsync(string instanceId, CancellationToken cancellationToken)
    {
        var previous = JournalHash.Genesis;
        long expectedSeq = 1;
        long count = 0;
        await foreach (var row in db.Journal.AsNoTracking().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Seq).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            count++;
            var problem = row.Seq != expectedSeq ? $"expected seq {expectedSeq} (a row is missing)"
                : row.PreviousHash != previous ? "previous hash does not match the row before it"
                : JournalHash.Compute(row) != row.Hash ? "hash does not match the row's content"
                : null;
            if (problem is not null)
            {
                return new ChainVerdict(instanceId, count, row.Seq, problem);
            }

            previous = row.Hash;
            expectedSeq++;
        }

        // A chain cut at its end still links; the instance state knows how long it should be, and the
        // instance row holds the last row's hash, so a last row edited with its hash recomputed shows too.
        var instance = await db.Instances.AsNoTracking().Where(i => i.InstanceId == instanceId).Select(i => new { i.State, i.JournalHead }).FirstOrDefaultAsync(cancellationToken);
        if (instance is not null)
        {
            var lastSequence = StoreJson.State(instance.State).LastSequence;
            if (lastSequence != count)
            {
                return new ChainVerdict(instanceId, count, count + 1, $"the instance state records {lastSequence} rows; the journal ends at {count}");
            }

            if (instance.JournalHead != previous)
            {
                return new ChainVerdict(instanceId, count, count, "hash does not match the chain head kept on the instance row");
            }
        }

        return new ChainVerdict(instanceId, count, null, null);
    }

    public async Task<IReadOnlyList<ChainVerdict>> VerifyAllAsync(CancellationToken cancellationToken = default)
    {
        var ids = await db.Instances.AsNoTracking().OrderBy(i => i.InstanceId).Select(i => i.InstanceId).ToListAsync(cancellationToken);
        var verdicts = new List<ChainVerdict>(ids.Count);
        foreach (var id in ids)
        {
            verdicts.Add(await VerifyAsync(id, cancellationToken));
        }

        return verdicts;
    }
}
