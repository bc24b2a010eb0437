using Bpm.Engine;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Specification.Tests;

public abstract class DefinitionStoreTestBase<TFixture>(TFixture fixture) : PersistenceTestBase<TFixture>(fixture)
    where TFixture : class, IDatabaseFixture
{
    [SkippableFact]
    public virtual async Task SaveDraft_Twice_KeepsOneDraftAtVersionOne()
    {
        SkipUnlessAvailable();
        var id = NewId("d");
        await using var db = Context();
        var store = new DefinitionStore(db, Time);

        var firstHash = (await store.SaveDraftAsync(id, TestModels.TwoSteps(id), "alice")).ContentHash;
        var second = await store.SaveDraftAsync(id, TestModels.TwoStepsV2(id), "alice");

        Assert.Equal(1, second.Version);
        Assert.Equal(DefinitionStatus.Draft, second.Status);
        Assert.NotEqual(firstHash, second.ContentHash);
        Assert.Equal(DefinitionStore.Hash(TestModels.TwoStepsV2(id)), second.ContentHash);
        var rows = await Context().Definitions.Where(d => d.DefinitionId == id).ToListAsync();
        Assert.Equal(TestModels.TwoStepsV2(id), Assert.Single(rows).Xml);
    }

    [SkippableFact]
    public virtual async Task Publish_ThenNewDraft_TakesNextVersionAndKeepsPublishedUnchanged()
    {
        SkipUnlessAvailable();
        var id = NewId("d");
        await using var db = Context();
        var store = new DefinitionStore(db, Time);
        await store.SaveDraftAsync(id, TestModels.TwoSteps(id), "alice");

        var published = await store.PublishAsync(id, "bob");
        var draft = await store.SaveDraftAsync(id, TestModels.TwoStepsV2(id), "alice");

        Assert.Equal((1, DefinitionStatus.Published, "bob"), (published.Version, published.Status, published.PublishedBy));
        Assert.Equal(Time.GetUtcNow(), published.PublishedAt);
        Assert.Equal(2, draft.Version);
        var v1 = await new DefinitionStore(Context(), Time).GetAsync(id, 1);
        Assert.Equal(TestModels.TwoSteps(id), v1!.Xml);
        Assert.Equal(1, (await store.GetLatestPublishedAsync(id))!.Version);
    }

    [SkippableFact]
    public virtual async Task PublishMany_PublishedDraftedAndNew_EachBecomesItsNextPublishedVersion()
    {
        SkipUnlessAvailable();
        var (old, drafted, fresh) = (NewId("d"), NewId("d"), NewId("d"));
        await using (var setup = Context())
        {
            var store = new DefinitionStore(setup, Time);
            await store.SaveDraftAsync(old, TestModels.TwoSteps(old), "alice");
            await store.PublishAsync(old, "alice");
            await store.SaveDraftAsync(drafted, TestModels.TwoSteps(drafted), "alice");
        }

        await using var db = Context();
        var published = await new DefinitionStore(db, Time).PublishManyAsync([(old, TestModels.TwoStepsV2(old)), (drafted, TestModels.TwoStepsV2(drafted)), (fresh, TestModels.TwoSteps(fresh))], "bob");

        Assert.Equal([(old, 2), (drafted, 1), (fresh, 1)], published.Select(p => (p.DefinitionId, p.Version)));
        var rows = await Context().Definitions.AsNoTracking().Where(d => d.DefinitionId == old || d.DefinitionId == drafted || d.DefinitionId == fresh).ToListAsync();
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Equal(DefinitionStatus.Published, r.Status));
        Assert.Equal(TestModels.TwoSteps(old), rows.Single(r => r.DefinitionId == old && r.Version == 1).Xml);
        Assert.Equal(TestModels.TwoStepsV2(old), rows.Single(r => r.DefinitionId == old && r.Version == 2).Xml);
        var replaced = rows.Single(r => r.DefinitionId == drafted);
        Assert.Equal((TestModels.TwoStepsV2(drafted), DefinitionStore.Hash(TestModels.TwoStepsV2(drafted)), "bob"), (replaced.Xml, replaced.ContentHash, replaced.PublishedBy));
    }

    [SkippableFact]
    public virtual async Task Publish_ProcessWithProcedure_StoresTheMainProcesssCodeAndDecidingUnit()
    {
        SkipUnlessAvailable();
        var id = NewId("d");
        await using var db = Context();
        var store = new DefinitionStore(db, Time);

        var draft = await store.SaveDraftAsync(id, ProcedureModels.ForProcedure(id, "1.000001", "SO-TP"), "alice");
        Assert.Equal((null, null), (draft.ProcedureCode, draft.DecidingUnit));
        await store.PublishAsync(id, "bob");

        var row = await Context().Definitions.AsNoTracking().SingleAsync(d => d.DefinitionId == id);
        Assert.Equal(("1.000001", "SO-TP"), (row.ProcedureCode, row.DecidingUnit));
    }

    [SkippableFact]
    public virtual async Task PublishMany_ProcessesWithAndWithoutProcedure_StoresEachMainProcesssCode()
    {
        SkipUnlessAvailable();
        var (drafted, fresh, plain) = (NewId("d"), NewId("d"), NewId("d"));
        await using (var setup = Context())
        {
            await new DefinitionStore(setup, Time).SaveDraftAsync(drafted, TestModels.TwoSteps(drafted), "alice");
        }

        await using var db = Context();
        await new DefinitionStore(db, Time).PublishManyAsync(
            [(drafted, ProcedureModels.ForProcedure(drafted, "1.000002", "UBND-XA")), (fresh, ProcedureModels.ForProcedure(fresh, "1.000003", "SO-YT")), (plain, TestModels.TwoSteps(plain))], "bob");

        var rows = await Context().Definitions.AsNoTracking().Where(d => d.DefinitionId == drafted || d.DefinitionId == fresh || d.DefinitionId == plain).ToDictionaryAsync(d => d.DefinitionId);
        Assert.Equal(("1.000002", "UBND-XA"), (rows[drafted].ProcedureCode, rows[drafted].DecidingUnit));
        Assert.Equal(("1.000003", "SO-YT"), (rows[fresh].ProcedureCode, rows[fresh].DecidingUnit));
        Assert.Equal((null, null), (rows[plain].ProcedureCode, rows[plain].DecidingUnit));
    }

    [SkippableFact]
    public virtual async Task Publish_ProcedureCodeLongerThanTheColumn_IsInvalidAndStaysDraft()
    {
        SkipUnlessAvailable();
        var id = NewId("d");
        await using var db = Context();
        var store = new DefinitionStore(db, Time);
        await store.SaveDraftAsync(id, ProcedureModels.ForProcedure(id, new string('9', DefinitionProcedureColumns.MaxLength + 1), "SO-TP"), "alice");

        var error = await Assert.ThrowsAsync<DefinitionException>(() => store.PublishAsync(id, "bob"));

        Assert.Equal("invalid", error.Code);
        Assert.Contains($"process '{id}': bpm:procedureCode is {DefinitionProcedureColumns.MaxLength + 1} characters long", error.Message, StringComparison.Ordinal);
        Assert.Equal(DefinitionStatus.Draft, (await Context().Definitions.AsNoTracking().SingleAsync(d => d.DefinitionId == id)).Status);
    }

    [SkippableFact]
    public virtual async Task PublishMany_OneInvalid_PublishesNothingAndNamesIt()
    {
        SkipUnlessAvailable();
        var (good, broken) = (NewId("d"), NewId("d"));
        await using var db = Context();

        var error = await Assert.ThrowsAsync<DefinitionException>(() => new DefinitionStore(db, Time).PublishManyAsync([(good, TestModels.TwoSteps(good)), (broken, TestModels.Broken(broken))], "bob"));

        Assert.Equal("invalid", error.Code);
        Assert.Contains($"'{broken}'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain($"'{good}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(error.Diagnostics, d => d.Severity == Severity.Error);
        Assert.False(await Context().Definitions.AnyAsync(d => d.DefinitionId == good || d.DefinitionId == broken));
    }

    [SkippableFact]
    public virtual async Task Publish_InvalidDraft_ThrowsWithDiagnosticsAndStaysDraft()
    {
        SkipUnlessAvailable();
        var id = NewId("d");
        await using var db = Context();
        var store = new DefinitionStore(db, Time);
        await store.SaveDraftAsync(id, TestModels.Broken(id), "alice");

        var error = await Assert.ThrowsAsync<DefinitionException>(() => store.PublishAsync(id, "bob"));

        Assert.Equal("invalid", error.Code);
        Assert.Contains(error.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(DefinitionStatus.Draft, (await new DefinitionStore(Context(), Time).GetAsync(id, 1))!.Status);
    }

    [SkippableFact]
    public virtual async Task Publish_WithoutDraft_ThrowsNoDraft()
    {
        SkipUnlessAvailable();
        var id = NewId("d");
        await PublishAsync(id, TestModels.TwoSteps(id));

        var error = await Assert.ThrowsAsync<DefinitionException>(() => new DefinitionStore(Context(), Time).PublishAsync(id, "bob"));

        Assert.Equal("no-draft", error.Code);
    }

    [SkippableFact]
    public virtual async Task Retract_LatestVersion_NewInstancesStartOnPreviousAndRetractedIsRefused()
    {
        SkipUnlessAvailable();
        var id = NewId("d");
        await PublishAsync(id, TestModels.TwoSteps(id));
        await PublishAsync(id, TestModels.TwoStepsV2(id));

        await new DefinitionStore(Context(), Time).RetractAsync(id, 2);

        var onLatest = await StartAsync(id);
        await using var db = Context();
        Assert.Equal(1, (await db.Instances.SingleAsync(i => i.InstanceId == onLatest)).DefinitionVersion);
        var refused = await Executor(db).StartAsync(id, 2, new StartInstance(NewId("i"), null));
        Assert.Equal("definition-not-found", refused.Rejection?.Code);
    }

    [SkippableFact]
    public virtual async Task Revert_OldVersion_CopiesItForwardAsNewDraft()
    {
        SkipUnlessAvailable();
        var id = NewId("d");
        await PublishAsync(id, TestModels.TwoSteps(id));
        await PublishAsync(id, TestModels.TwoStepsV2(id));
        await using var db = Context();
        var store = new DefinitionStore(db, Time);

        var draft = await store.RevertAsync(id, 1, "alice");
        var again = await Assert.ThrowsAsync<DefinitionException>(() => store.RevertAsync(id, 1, "alice"));

        Assert.Equal((3, DefinitionStatus.Draft), (draft.Version, draft.Status));
        Assert.Equal(TestModels.TwoSteps(id), draft.Xml);
        Assert.Equal("draft-exists", again.Code);
    }

    [SkippableFact]
    public virtual async Task Diff_TwoVersions_ListsAddedRemovedAndChangedElements()
    {
        SkipUnlessAvailable();
        var id = NewId("d");
        await PublishAsync(id, TestModels.TwoSteps(id));
        await PublishAsync(id, TestModels.TwoStepsV2(id));

        var diff = await new DefinitionStore(Context(), Time).DiffAsync(id, 1, 2);

        Assert.Equal(["check"], diff.Added);
        Assert.Equal(["review"], diff.Removed);
        var receive = Assert.Single(diff.Changed, c => c.ElementId == "receive");
        Assert.Contains(new AttributeChange("bpm:allowance", "PT4H", "PT2H"), receive.Attributes);
        Assert.Contains(new AttributeChange("name", "Receive", "Receive (v2)"), receive.Attributes);
        Assert.Contains(diff.Changed, c => c.ElementId == "f2" && c.Attributes.Contains(new AttributeChange("targetRef", "review", "check")));
    }

    [SkippableFact]
    public virtual async Task Definitions_SameIdAndVersionTwice_IsRejectedByTheDatabase()
    {
        SkipUnlessAvailable();
        var id = NewId("d");
        await PublishAsync(id, TestModels.TwoSteps(id));
        await using var db = Context();
        db.Definitions.Add(new DefinitionRecord
        {
            DefinitionId = id, Version = 1, Status = DefinitionStatus.Draft, Xml = "x", ContentHash = new string('0', 64),
            CreatedBy = "mallory", CreatedAt = Time.GetUtcNow(),
        });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }
}
