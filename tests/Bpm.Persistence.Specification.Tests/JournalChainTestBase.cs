using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Specification.Tests;

public abstract class JournalChainTestBase<TFixture>(TFixture fixture) : PersistenceTestBase<TFixture>(fixture)
    where TFixture : class, IDatabaseFixture
{
    [SkippableFact]
    public virtual async Task Verify_UntouchedChain_IsIntactAndStartsFromGenesis()
    {
        SkipUnlessAvailable();
        var (_, instanceId) = await CompletedTwoStepsAsync();
        await using var db = Context();

        var verdict = await new JournalVerifier(db).VerifyAsync(instanceId);

        Assert.True(verdict.Intact, verdict.ToString());
        Assert.True(verdict.Rows > 5);
        var first = await db.Journal.SingleAsync(j => j.InstanceId == instanceId && j.Seq == 1);
        Assert.Equal(new string('0', 64), first.PreviousHash);
        Assert.Equal(JournalHash.Compute(JournalHash.Canonical(first.InstanceId, 1, first.Type, first.At, first.Actor, first.Payload), first.PreviousHash), first.Hash);
    }

    [SkippableFact]
    public virtual async Task Verify_PayloadEditedWithRawSql_NamesThatRow()
    {
        SkipUnlessAvailable();
        var (_, instanceId) = await CompletedTwoStepsAsync();
        await using var db = Context();
        var payload = await db.Journal.Where(j => j.InstanceId == instanceId && j.Seq == 4).Select(j => j.Payload).SingleAsync();

        await db.Database.ExecuteSqlAsync($"""UPDATE journal SET "Payload" = {payload.Replace("clerk", "mallory", StringComparison.Ordinal) + " "} WHERE "InstanceId" = {instanceId} AND "Seq" = 4""");

        var verdict = await new JournalVerifier(db).VerifyAsync(instanceId);
        Assert.Equal(4, verdict.BrokenSeq);
        Assert.Contains("hash does not match", verdict.Problem, StringComparison.Ordinal);
    }

    [SkippableFact]
    public virtual async Task Verify_ActorEditedAndHashRecomputed_NamesTheNextRow()
    {
        SkipUnlessAvailable();
        var (_, instanceId) = await CompletedTwoStepsAsync();
        await using var db = Context();
        var row = await db.Journal.AsNoTracking().SingleAsync(j => j.InstanceId == instanceId && j.Seq == 3);
        row.Actor = "mallory";
        var forged = JournalHash.Compute(row);

        await db.Database.ExecuteSqlAsync($"""UPDATE journal SET "Actor" = {"mallory"}, "Hash" = {forged} WHERE "InstanceId" = {instanceId} AND "Seq" = 3""");

        var verdict = await new JournalVerifier(db).VerifyAsync(instanceId);
        Assert.Equal(4, verdict.BrokenSeq);
        Assert.Contains("previous hash", verdict.Problem, StringComparison.Ordinal);
    }

    [SkippableFact]
    public virtual async Task Verify_LastRowDeleted_IsDetected()
    {
        SkipUnlessAvailable();
        var (_, instanceId) = await CompletedTwoStepsAsync();
        await using var db = Context();
        var last = await db.Journal.Where(j => j.InstanceId == instanceId).MaxAsync(j => j.Seq);

        await db.Database.ExecuteSqlAsync($"""DELETE FROM journal WHERE "InstanceId" = {instanceId} AND "Seq" = {last}""");

        var verdict = await new JournalVerifier(db).VerifyAsync(instanceId);
        Assert.Equal(last, verdict.BrokenSeq);
    }

    [SkippableFact]
    public virtual async Task Verify_LastRowEditedAndHashRecomputed_NamesThatRow()
    {
        SkipUnlessAvailable();
        var (_, instanceId) = await CompletedTwoStepsAsync();
        await using var db = Context();
        var last = await db.Journal.Where(j => j.InstanceId == instanceId).MaxAsync(j => j.Seq);
        var row = await db.Journal.AsNoTracking().SingleAsync(j => j.InstanceId == instanceId && j.Seq == last);
        row.Actor = "mallory";
        var forged = JournalHash.Compute(row);

        await db.Database.ExecuteSqlAsync($"""UPDATE journal SET "Actor" = {"mallory"}, "Hash" = {forged} WHERE "InstanceId" = {instanceId} AND "Seq" = {last}""");

        var verdict = await new JournalVerifier(db).VerifyAsync(instanceId);
        Assert.Equal(last, verdict.BrokenSeq);
        Assert.Contains("chain head", verdict.Problem, StringComparison.Ordinal);
    }

    [SkippableFact]
    public virtual async Task Execute_SeveralCommands_InstanceRowHoldsTheLastRowsHash()
    {
        SkipUnlessAvailable();
        var (_, instanceId) = await CompletedTwoStepsAsync();
        await using var db = Context();

        var last = await db.Journal.Where(j => j.InstanceId == instanceId).OrderByDescending(j => j.Seq).Select(j => j.Hash).FirstAsync();
        var head = await db.Instances.Where(i => i.InstanceId == instanceId).Select(i => i.JournalHead).SingleAsync();

        Assert.Equal(last, head);
    }

    [SkippableFact]
    public virtual async Task VerifyAll_OneTamperedInstance_ReportsOnlyThatOne()
    {
        SkipUnlessAvailable();
        var (_, good) = await CompletedTwoStepsAsync();
        var (_, bad) = await CompletedTwoStepsAsync();
        await using var db = Context();
        await db.Database.ExecuteSqlAsync($"""UPDATE journal SET "Type" = {"task-cancelled"} WHERE "InstanceId" = {bad} AND "Seq" = 2""");

        var verdicts = await new JournalVerifier(db).VerifyAllAsync();

        Assert.True(verdicts.Single(v => v.InstanceId == good).Intact);
        Assert.Equal(2, verdicts.Single(v => v.InstanceId == bad).BrokenSeq);
    }

    private async Task<(string DefinitionId, string InstanceId)> CompletedTwoStepsAsync()
    {
        var started = await StartTwoStepsAsync();
        Time.Advance(TimeSpan.FromMinutes(7.5));
        await CompleteOpenTaskAsync(started.InstanceId, "alice");
        Time.Advance(TimeSpan.FromTicks(1234567));
        await CompleteOpenTaskAsync(started.InstanceId, "bob", "approve");
        return started;
    }
}
