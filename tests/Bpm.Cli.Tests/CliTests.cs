using System.Text.Json;

namespace Bpm.Cli.Tests;

public sealed class CliTests
{
    private static (int Exit, string Out, string Err) Bpm(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = Cli.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static string Model(string name) => Path.Combine(AppContext.BaseDirectory, "Models", name + ".bpmn");

    private static string Samples => Testing.RepositoryRoot.Combine("workflows", "samples");

    private static string Script(string json)
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Validate_AllValid_PrintsOkPerFileAndExitsZero()
    {
        var (exit, output, _) = Bpm("validate", "--no-warnings", Model("sequence"), Model("exclusive"));
        Assert.Equal(0, exit);
        Assert.Equal([$"OK {Model("sequence")}", $"OK {Model("exclusive")}"], output.TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public void Validate_AnyInvalid_PrintsFileLineElementAndExitsOne()
    {
        var (exit, output, _) = Bpm("validate", Model("sequence"), Model("unsupported"));
        Assert.Equal(1, exit);
        Assert.Contains($"{Model("unsupported")}:6: script: scriptTask: <scriptTask> is not supported by the engine", output, StringComparison.Ordinal);
        Assert.StartsWith($"OK {Model("sequence")}", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingFile_IsAProblemLineNotACrash()
    {
        var (exit, output, _) = Bpm("validate", "/no/such.bpmn");
        Assert.Equal(1, exit);
        Assert.Equal("/no/such.bpmn:0: -: no such file", output.Trim());
    }

    [Theory]
    [InlineData]
    [InlineData("validate")]
    [InlineData("frobnicate")]
    [InlineData("run", "x.bpmn")]
    [InlineData("validate", "--bogus", "x.bpmn")]
    public void UsageErrors_ExitTwo(params string[] args)
    {
        var (exit, _, error) = Bpm(args);
        Assert.Equal(2, exit);
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("civil-status-birth-registration")]
    [InlineData("construction-permit")]
    [InlineData("business-registration")]
    public void Run_Sample_ItsScriptCompletesTheInstance(string name)
    {
        var (exit, output, error) = Bpm("run", Path.Combine(Samples, name + ".bpmn"), "--script", Path.Combine(Samples, name + ".script.json"));
        Assert.True(exit == 0, error);

        var lines = output.TrimEnd().Split(Environment.NewLine);
        var final = JsonDocument.Parse(lines[^1]).RootElement.GetProperty("final");
        Assert.Equal("completed", final.GetProperty("status").GetString());
        Assert.Equal(0, final.GetProperty("openTasks").GetArrayLength());

        var events = lines[..^1].Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(Enumerable.Range(1, events.Count), events.Select(e => e.GetProperty("seq").GetInt32()));
        Assert.All(events, e => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$", e.GetProperty("at").GetString()));
        Assert.Contains(events, e => e.GetProperty("type").GetString() == "instance-completed");
        Assert.All(events.Where(e => e.GetProperty("type").GetString() == "flow-taken"), e => Assert.True(e.TryGetProperty("flowId", out _)));
    }

    [Fact]
    public void Run_Script_PrintsJournalThenFinalSummaryWithTimers()
    {
        var script = Script("""{"start": "2026-03-02T08:00:00+07:00", "steps": [{"advance": "PT1H"}]}""");
        var (exit, output, _) = Bpm("run", Model("non-interrupting-timer"), "--script", script);

        Assert.Equal(0, exit);
        var last = output.TrimEnd().Split(Environment.NewLine)[^1];
        Assert.Equal("""{"final":{"status":"running","openTasks":["review"],"armedTimers":[{"elementId":"remind","due":"2026-03-02T10:00:00+07:00"}],"variables":{}}}""", last);
        Assert.Contains("\"type\":\"timer-fired\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_StepThatCannotApply_ExitsOneNamingTheStep()
    {
        var script = Script("""{"start": "2026-03-02T08:00:00+07:00", "steps": [{"complete": "receive"}, {"complete": "nope"}]}""");
        var (exit, output, error) = Bpm("run", Model("sequence"), "--script", script);

        Assert.Equal(1, exit);
        Assert.Contains("step 2: no open task at 'nope'", error, StringComparison.Ordinal);
        Assert.Contains("\"final\"", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"steps": []}""", "\"start\" is missing")]
    [InlineData("""{"start": "2026-03-02T08:00:00", "steps": []}""", "with offset")]
    [InlineData("""{"start": "2026-03-02T08:00:00+07:00", "steps": [{"complete": "receive", "outcom": "x"}]}""", "step 1: unknown field \"outcom\"")]
    [InlineData("""{"start": "2026-03-02T08:00:00+07:00", "steps": [{"jump": 1}]}""", "step 1: must have one of")]
    [InlineData("""{"start": "2026-03-02T08:00:00+07:00", "steps": [{"advance": "P1X"}]}""", "not an ISO 8601 duration")]
    [InlineData("""{"start": """, "")]
    public void Run_MalformedScript_ExitsOneWithMessage(string json, string expected)
    {
        var (exit, output, error) = Bpm("run", Model("sequence"), "--script", Script(json));
        Assert.Equal(1, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Equal("", output);
    }

    [Fact]
    public void Run_InvalidModel_ExitsOneWithProblems()
    {
        var (exit, _, error) = Bpm("run", Model("unsupported"), "--script", Script("""{"start": "2026-03-02T08:00:00+07:00"}"""));
        Assert.Equal(1, exit);
        Assert.Contains(":6: script:", error, StringComparison.Ordinal);
    }
}
