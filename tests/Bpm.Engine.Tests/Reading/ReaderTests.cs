using Bpm.Engine;

namespace Bpm.Engine.Tests.Reading;

public sealed class ReaderTests
{
    private const string Ok = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
          <process id="p"><startEvent id="s"/><sequenceFlow id="f" sourceRef="s" targetRef="e"/><endEvent id="e"/></process>
        </definitions>
        """;

    [Fact]
    public void Load_ExternalEntity_IsRefusedWithoutReadingTheFile()
    {
        var xml = """
            <?xml version="1.0"?>
            <!DOCTYPE definitions [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="&xxe;"/></definitions>
            """;
        var result = BpmnLoader.Load(xml);

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Diagnostics);
        Assert.Contains("DTD", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EntityExpansion_IsRefused()
    {
        var xml = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">&lol2;</definitions>
            """;
        Assert.Contains("DTD", Assert.Single(BpmnLoader.Load(xml).Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_LargerThanLimit_IsRefusedNamingTheLimit()
    {
        var result = BpmnLoader.Load(Ok, new ReaderLimits(MaxBytes: 100));
        Assert.Contains("larger than 100 characters", Assert.Single(result.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MoreElementsThanLimit_IsRefused()
    {
        var result = BpmnLoader.Load(Ok, new ReaderLimits(MaxElements: 3));
        Assert.Contains("more than 3 elements", Assert.Single(result.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NestedDeeperThanLimit_IsRefused()
    {
        var deep = string.Concat(Enumerable.Repeat("<a>", 100)) + string.Concat(Enumerable.Repeat("</a>", 100));
        var result = BpmnLoader.Load($"<definitions xmlns=\"{BpmnNames.Model}\">{deep}</definitions>");
        Assert.Contains("deeper than 64", Assert.Single(result.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<definitions", "not well-formed")]
    [InlineData("", "not well-formed")]
    [InlineData("<html/>", "not BPMN 2.0")]
    [InlineData("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"/>", "no <process>")]
    public void Load_NotABpmnDocument_GivesOneClearError(string xml, string expected)
    {
        var result = BpmnLoader.Load(xml);
        Assert.False(result.IsValid);
        Assert.Contains(result.Diagnostics, d => d.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_MinimalProcess_IsValid()
    {
        var result = BpmnLoader.Load(Ok);
        Assert.True(result.IsValid);
        Assert.Equal("p", result.Definition!.Main.Id);
    }
}
