using Bpm.Engine;

namespace Bpm.Engine.Tests.Reading;

/// <summary>The OMG BPMN MIWG reference models (tests/conformance/bpmn-miwg, CC BY 3.0).</summary>
public sealed class ConformanceTests
{
    /// <summary>The models built only from constructs Bpm executes; each must validate.</summary>
    private static readonly string[] Supported = ["A.1.0", "A.2.0", "A.4.0", "A.4.1", "C.9.1"];

    public static TheoryData<string> Models()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Folder(), "*.bpmn").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Fact]
    public void Folder_HoldsTheReferenceSuite()
    {
        Assert.True(Directory.EnumerateFiles(Folder(), "*.bpmn").Count() >= 20, "expected the MIWG reference models in " + Folder());
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Load_ReferenceModel_ValidOrRejectedElementByElement(string name)
    {
        var result = BpmnLoader.LoadFile(Path.Combine(Folder(), name + ".bpmn"));

        if (Supported.Contains(name))
        {
            Assert.True(result.IsValid, string.Join("\n", result.Errors));
            Assert.NotEmpty(result.Definition!.Main.NodesById);
            return;
        }

        Assert.False(result.IsValid, $"{name} validated, but it uses constructs Bpm does not run: add it to the supported list if that changed");
        Assert.All(result.Errors, e =>
        {
            Assert.True(e.Line > 0, $"no line: {e}");
            Assert.False(string.IsNullOrEmpty(e.ElementId), $"no element id: {e}");
        });
    }

    /// <summary>
    /// The reference models that use multi-instance activities or event-based gateways stay refused for
    /// other constructs, but those two now read: no gateway finding, and multi-instance ones only ask
    /// for the count the models leave unsaid (they carry neither loopCardinality nor a collection).
    /// </summary>
    [Theory]
    [InlineData("B.2.0")]
    [InlineData("C.1.0")]
    [InlineData("C.6.0")]
    [InlineData("C.7.0")]
    public void Load_ReferenceModelWithMultiInstanceOrEventGateway_ReadsThoseConstructs(string name)
    {
        var result = BpmnLoader.LoadFile(Path.Combine(Folder(), name + ".bpmn"));

        Assert.DoesNotContain(result.Diagnostics, d => d.ElementType == "eventBasedGateway");
        Assert.All(result.Diagnostics.Where(d => d.ElementType == "multiInstanceLoopCharacteristics"), d => Assert.Equal("BPM1224", d.Code));
    }

    [Theory]
    [InlineData("A.1.0")]
    [InlineData("A.2.0")]
    [InlineData("A.4.0")]
    [InlineData("A.4.1")]
    public void Run_SupportedReferenceModel_CompletesWhenEveryTaskIsDone(string name)
    {
        var definition = BpmnLoader.LoadFile(Path.Combine(Folder(), name + ".bpmn")).Definition!;
        var host = new InMemoryHost(definition, TestModels.T0);
        host.Start();
        for (var i = 0; i < 50 && host.State.Status == InstanceStatus.Running; i++)
        {
            var open = host.OpenTasks();
            if (open.Length == 0)
            {
                host.AdvanceTo(host.Now.AddDays(30));
                continue;
            }

            host.Complete(open[0]);
        }

        Assert.Equal(InstanceStatus.Completed, host.State.Status);
    }

    private static string Folder() => Path.Combine(TestModels.RepositoryRoot(), "tests", "conformance", "bpmn-miwg");
}
