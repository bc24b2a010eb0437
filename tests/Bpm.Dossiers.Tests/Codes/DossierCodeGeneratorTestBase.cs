using Bpm.Dossiers.Codes;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Dossiers.Tests.Codes;

/// <summary>The dossier-code generator on a real database: concurrent receptions, failed ones, day and unit boundaries.</summary>
public abstract class DossierCodeGeneratorTestBase<TDatabase>(TDatabase database)
    where TDatabase : IDatabaseFixture
{
    private const int Receptions = 50;
    private static readonly DateTimeOffset Morning = new(2026, 12, 1, 8, 30, 0, DossierCode.VietnamOffset);

    /// <summary>Whether all receptions can hold their transactions open at once, so that their upserts meet.</summary>
    protected virtual bool TransactionsOverlap => true;

    /// <summary>Each test its own unit, so tests on one database do not share counters.</summary>
    private static UnitIdentifier NewUnit() => UnitIdentifier.Parse($"{Random.Shared.Next(1000):D3}.{Random.Shared.Next(100):D2}.{Random.Shared.Next(100):D2}.T{Random.Shared.Next(100):D2}");

    [SkippableFact]
    public async Task NextAsync_FiftyConcurrentReceptionsSomeFailing_IssuesConsecutiveCodesWithoutDuplicateOrGap()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var unit = NewUnit();

        // All transactions open first, then every upsert at once; every seventh reception fails after
        // its code was issued (a paper check throws, say), and its number must come back.
        var open = 0;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task AllOpen() => !TransactionsOverlap ? Task.CompletedTask
            : Interlocked.Increment(ref open) == Receptions ? Task.Run(gate.SetResult) : gate.Task;
        var receptions = Enumerable.Range(0, Receptions).Select(i => Task.Run(() => ReceiveAsync(unit, Morning.AddMinutes(i), fail: i % 7 == 3, AllOpen))).ToList();
        var codes = (await Task.WhenAll(receptions)).OfType<DossierCode>().ToList();

        var committed = Receptions - Enumerable.Range(0, Receptions).Count(i => i % 7 == 3);
        Assert.Equal(committed, codes.Count);
        Assert.Equal(Enumerable.Range(1, committed), codes.Select(c => c.Sequence).Order());
        Assert.All(codes, c => Assert.Equal($"{unit}-261201-{c.Sequence:D4}", c.ToString()));
        await using var db = database.CreateContext();
        Assert.Equal(committed, await db.DossierCodeCounters.Where(c => c.UnitIdentifier == unit.Value).Select(c => c.LastSequence).SingleAsync());
    }

    [SkippableFact]
    public async Task NextAsync_NextDayInUtcPlus7_StartsAgainAtOne()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var unit = NewUnit();
        var lastMinute = new DateTimeOffset(2026, 12, 1, 16, 59, 0, TimeSpan.Zero);

        var before = await ReceiveAsync(unit, lastMinute, fail: false);
        var sameDay = await ReceiveAsync(unit, lastMinute.AddSeconds(59), fail: false);
        var nextDay = await ReceiveAsync(unit, lastMinute.AddMinutes(1), fail: false);

        Assert.Equal($"{unit}-261201-0001", before!.ToString());
        Assert.Equal($"{unit}-261201-0002", sameDay!.ToString());
        Assert.Equal($"{unit}-261202-0001", nextDay!.ToString());
    }

    [SkippableFact]
    public async Task NextAsync_TwoUnits_CountSeparately()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var (first, second) = (NewUnit(), NewUnit());

        await ReceiveAsync(first, Morning, fail: false);
        await ReceiveAsync(first, Morning, fail: false);

        Assert.Equal(1, (await ReceiveAsync(second, Morning, fail: false))!.Sequence);
    }

    [SkippableFact]
    public async Task NextAsync_OutsideATransaction_Throws()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        await using var db = database.CreateContext();

        await Assert.ThrowsAsync<InvalidOperationException>(() => new DossierCodeGenerator(db).NextAsync(NewUnit(), Morning));
    }

    /// <summary>A reception's transaction: the code, then (here) nothing else; a failing one rolls back.</summary>
    private async Task<DossierCode?> ReceiveAsync(UnitIdentifier unit, DateTimeOffset at, bool fail, Func<Task>? whenOpen = null)
    {
        await using var db = database.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (whenOpen is not null)
        {
            await whenOpen();
        }

        var code = await new DossierCodeGenerator(db).NextAsync(unit, at);
        if (fail)
        {
            await transaction.RollbackAsync();
            return null;
        }

        await transaction.CommitAsync();
        return code;
    }
}
