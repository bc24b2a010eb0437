using Bpm.Dossiers.Dossiers;
using Bpm.Engine;
using Bpm.Persistence;
using Bpm.Reports.Simulation;
using Bpm.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Bpm.Reports.Tests.Reports;

/// <summary>
/// Late by agency when the dossier was with another agency through an inter-connected handoff
/// (liên thông) as its due date passed: the rows the handoff coordinator writes (the parent's
/// handoff task, its <c>handoffs</c> row, the child instance), laid down directly.
/// </summary>
public sealed class LateByAgencyHandoffTests : IDisposable
{
    private static readonly DateTimeOffset Due = VietnamTime.At(2021, 3, 10, 17, 0);

    private readonly SqliteFixture _database = new();

    [Fact]
    public async Task LateByAgencyAsync_HandoffOpenAtTheDueDate_CountsOnceAgainstTheTargetAgency()
    {
        await using var db = _database.CreateContext();
        var (definitionId, xml) = SimulatedProvince.Definition(ReportDataset.CommuneA, ReportDataset.Procedures[0]);
        var store = new DefinitionStore(db, new FakeTimeProvider(VietnamTime.At(2021, 3, 1, 8, 0)));
        await store.SaveDraftAsync(definitionId, xml, "test");
        await store.PublishAsync(definitionId, "test");
        Late(db, definitionId, "LT-1", "parent-1", ("t1", "handoff", "XA-A.KINHTE"));
        Late(db, definitionId, "LT-2", "parent-2", ("t2", null, "XA-A.CONGCHUC"));
        // The land registration office's part of LT-1: its own instance under the same code, with its own task open past the due date.
        db.Instances.Add(Instance("child-1", definitionId, "LT-1"));
        db.Tasks.Add(Step("child-1", "c1", null, "VPDKDD.DANGKY", "LT-1"));
        db.Handoffs.Add(new HandoffRecord
        {
            ParentInstanceId = "parent-1", ParentTaskId = "t1", ParentElementId = "Task_LienThong", DossierCode = "LT-1", ChildInstanceId = "child-1",
            TargetAgency = "VPDKDD", TargetProcedure = "1.115320", DefinitionId = definitionId, Status = HandoffRecord.Result,
            StartedAt = VietnamTime.At(2021, 3, 2, 9, 0), DueAt = VietnamTime.At(2021, 3, 9, 17, 0), EndedAt = VietnamTime.At(2021, 3, 12, 9, 0), Evaluation = Punctuality.Late,
        });
        await db.SaveChangesAsync();

        var late = await new OneStopReport(db).LateByAgencyAsync(new ReportPeriod(new DateOnly(2021, 3, 1), new DateOnly(2021, 3, 31)));

        // LT-1 against the office it was handed to (once, though its child's task was open too); LT-2 against the commune.
        Assert.Equal([("VPDKDD", 1, 1), ("XA-A", 1, 1)], late.Select(l => (l.Agency, l.Late, l.WithoutApology)));
    }

    public void Dispose() => _database.Dispose();

    /// <summary>A dossier of commune A returned late on 15/03/2021, its task <paramref name="holder"/> open from 02/03 to 12/03, past the due date.</summary>
    private static void Late(BpmDbContext db, string definitionId, string code, string instanceId, (string Id, string? Kind, string Unit) holder)
    {
        var instance = Instance(instanceId, definitionId, code);
        instance.Status = "completed";
        instance.Evaluation = Punctuality.Late;
        instance.LateWithoutApology = true;
        db.Instances.Add(instance);
        db.Tasks.Add(Step(instanceId, holder.Id, holder.Kind, holder.Unit, code));
        db.Dossiers.Add(new DossierRecord
        {
            Code = code, ProcedureCode = ReportDataset.CivilStatus, ReceivingUnit = ReportDataset.CommuneA.Desk, InstanceId = instanceId, Status = DossierStatus.Returned,
            ApplicantKind = "person", ApplicantName = "Nguyễn Văn An", IdentityNumber = "052090000001", Papers = "[]", Channel = Channels.Desk, ResultDelivery = Channels.Desk,
            ReceivedBy = "motcua", ReceivedAt = VietnamTime.At(2021, 3, 2, 8, 0), DueAt = Due, ClosedAt = VietnamTime.At(2021, 3, 15, 9, 0), Evaluation = Punctuality.Late,
        });
    }

    private static InstanceRecord Instance(string id, string definitionId, string code) => new()
    {
        InstanceId = id, DefinitionId = definitionId, DefinitionVersion = 1, ProcessId = definitionId, BusinessKey = code, Status = "running", State = "{}",
        StartedAt = VietnamTime.At(2021, 3, 2, 8, 0), UpdatedAt = VietnamTime.At(2021, 3, 15, 9, 0), DueAt = Due,
    };

    private static TaskRecord Step(string instanceId, string id, string? kind, string unit, string code) => new()
    {
        InstanceId = instanceId, TaskId = id, ElementId = "Task_" + id, Unit = unit, Kind = kind, Status = "completed", BusinessKey = code,
        CreatedAt = VietnamTime.At(2021, 3, 2, 9, 0), CompletedAt = VietnamTime.At(2021, 3, 12, 9, 0), CompletedBy = "canbo",
    };
}
