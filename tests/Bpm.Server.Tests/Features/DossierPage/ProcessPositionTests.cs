using Bpm.Server.Features.DossierPage;

namespace Bpm.Server.Tests.Features.DossierPage;

/// <summary>Where the process map puts a dossier, from its instance's journal.</summary>
public sealed class ProcessPositionTests
{
    [Fact]
    public void Of_ReceptionDoneSpecialistEntered_SpecialistCurrentStartAndReceptionDone()
    {
        var position = ProcessPosition.Of("khai-sinh", 3, "<xml/>",
        [
            Entered("Start"), Left("Start"), Flow("F1"),
            Entered("Reception"), Left("Reception"), Flow("F2"),
            Entered("Specialist"),
        ]);

        Assert.Equal(["Specialist"], position.Current);
        Assert.Equal(["Start", "Reception"], position.Done);
        Assert.Equal(["F1", "F2"], position.FlowsTaken);
        Assert.Equal(("khai-sinh", 3), (position.DefinitionId, position.Version));
    }

    [Fact]
    public void Of_StepReturnedToAndEnteredAgain_CurrentNotDone()
    {
        var position = ProcessPosition.Of("d", 1, "<xml/>",
        [
            Entered("Specialist"), Left("Specialist"), Flow("F3"),
            Entered("Leader"), Left("Leader"), Flow("Back"), Flow("F3Again"),
            Entered("Specialist"),
        ]);

        Assert.Equal(["Specialist"], position.Current);
        Assert.Equal(["Leader"], position.Done);
    }

    [Fact]
    public void Of_TimerInterruptedByTheTask_CancelledElementNeitherCurrentNorDone()
    {
        var position = ProcessPosition.Of("d", 1, "<xml/>",
        [
            Entered("Task"), Entered("SlaTimer"), Step("element-cancelled", "SlaTimer"), Left("Task"),
        ]);

        Assert.Empty(position.Current);
        Assert.Equal(["Task"], position.Done);
    }

    private static ProcessPosition.Step Entered(string element) => Step("element-entered", element);

    private static ProcessPosition.Step Left(string element) => Step("element-left", element);

    private static ProcessPosition.Step Flow(string flow) => new("flow-taken", $$"""{"seq":1,"type":"flow-taken","flowId":"{{flow}}"}""");

    private static ProcessPosition.Step Step(string type, string element) => new(type, $$"""{"seq":1,"type":"{{type}}","elementId":"{{element}}"}""");
}
