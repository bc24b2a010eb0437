using System.Text.Json;
using Bpm.Dossiers.Handoffs;
using Bpm.Engine;
using Bpm.Persistence;

namespace Bpm.Dossiers.Tests.Handoffs;

public sealed class HandoffRulesTests
{
    private static readonly Dictionary<string, string> Step = new() { ["kind"] = "handoff", ["targetAgency"] = "VPDKDD", ["targetProcedure"] = "1.115320" };

    [Fact]
    public void Of_PlainStep_TakesTheStepsAgencyAndProcedure() =>
        Assert.Equal(new HandoffTarget("VPDKDD", "1.115320"), HandoffTarget.Of(Created(Step), out _));

    [Fact]
    public void Of_MultiInstanceItemObject_TakesAgencyAndProcedureFromTheItem()
    {
        var locals = new Dictionary<string, JsonElement>
        {
            ["loopCounter"] = JsonSerializer.SerializeToElement(1),
            ["coQuan"] = JsonSerializer.SerializeToElement(new { agency = "BHXH-KV", procedure = "BHXH.THE-BHYT-TE6" }),
        };

        Assert.Equal(new HandoffTarget("BHXH-KV", "BHXH.THE-BHYT-TE6"), HandoffTarget.Of(Created(new Dictionary<string, string> { ["kind"] = "handoff" }, locals), out _));
    }

    [Fact]
    public void Of_ItemAgencyCode_KeepsTheStepsProcedure()
    {
        var locals = new Dictionary<string, JsonElement> { ["item"] = JsonSerializer.SerializeToElement("CA-PHUONGLAM") };

        Assert.Equal(new HandoffTarget("CA-PHUONGLAM", "1.115320"), HandoffTarget.Of(Created(Step, locals), out _));
    }

    [Fact]
    public void Of_NoProcedureAnywhere_NullNamingTheStep()
    {
        Assert.Null(HandoffTarget.Of(Created(new Dictionary<string, string> { ["targetAgency"] = "VPDKDD" }), out var error));
        Assert.Contains("Task_LienThong", error, StringComparison.Ordinal);
        Assert.Contains("bpm:targetProcedure", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reject", "refused")]
    [InlineData("refuse", "refused")]
    [InlineData("supplement", "supplement")]
    [InlineData("approve", "result")]
    [InlineData(null, "result")]
    public void OutcomeOf_ChildsLastDecision_GivesTheAnswer(string? outcome, string answer)
    {
        var variables = outcome is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["outcome"] = outcome };
        var child = new InstanceRecord
        {
            InstanceId = "con",
            DefinitionId = "lien-thong-chinh-ly-vpdkdd",
            DefinitionVersion = 1,
            ProcessId = "Process_VanPhongDangKyDatDaiChinhLy",
            Status = "completed",
            State = JsonSerializer.Serialize(new { variables }),
            StartedAt = DateTimeOffset.UnixEpoch,
            UpdatedAt = DateTimeOffset.UnixEpoch,
        };

        Assert.Equal(answer, HandoffCoordinator.OutcomeOf(child));
    }

    private static TaskCreated Created(IReadOnlyDictionary<string, string> settings, IReadOnlyDictionary<string, JsonElement>? locals = null) =>
        new("t1", "Task_LienThong", "Liên thông", "XA-PHUONGLAM.KINHTE", null, "handoff", null, settings, locals);
}
