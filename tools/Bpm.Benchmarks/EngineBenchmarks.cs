using System.Text;
using BenchmarkDotNet.Attributes;
using Bpm.Engine;

namespace Bpm.Benchmarks;

/// <summary>
/// In-memory engine throughput: one operation is a whole instance, from start to completion,
/// so operations per second are completed instances per second on one core.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(7));
    private readonly ProcessEngine _engine = new();
    private ExecutableProcess _sequential = null!;
    private ExecutableProcess _parallel = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _sequential = Load(Sequential(6));
        _parallel = Load(Parallel(20));
    }

    /// <summary>Start, then complete six user tasks one after another.</summary>
    [Benchmark]
    public InstanceStatus SixStepSequential() => RunToCompletion(_sequential);

    /// <summary>Start, fork 20 branches of one user task each, complete all 20, join.</summary>
    [Benchmark]
    public InstanceStatus TwentyBranchParallel() => RunToCompletion(_parallel);

    private InstanceStatus RunToCompletion(ExecutableProcess process)
    {
        var context = new CommandContext(T0);
        var state = _engine.Execute(process, null, new StartInstance("i" + _next++, null), context).State;
        while (state.Status == InstanceStatus.Running && state.Bookmarks.Count > 0)
        {
            state = _engine.Execute(process, state, new CompleteTask(state.Bookmarks[0].Id) { Actor = "bench" }, context).State;
        }

        return state.Status == InstanceStatus.Completed ? state.Status : throw new InvalidOperationException("did not complete");
    }

    private static ExecutableProcess Load(string xml) =>
        BpmnLoader.Load(xml).Definition?.Main ?? throw new InvalidOperationException("benchmark model invalid");

    internal static string Sequential(int steps)
    {
        var body = new StringBuilder("<startEvent id=\"s\"/>");
        var previous = "s";
        for (var i = 1; i <= steps; i++)
        {
            body.Append($"<sequenceFlow id=\"f{i}\" sourceRef=\"{previous}\" targetRef=\"t{i}\"/><userTask id=\"t{i}\" bpm:unit=\"U\" bpm:role=\"specialist\" bpm:allowance=\"PT4H\"/>");
            previous = "t" + i;
        }

        body.Append($"<sequenceFlow id=\"fe\" sourceRef=\"{previous}\" targetRef=\"e\"/><endEvent id=\"e\"/>");
        return Wrap(body.ToString());
    }

    internal static string Parallel(int branches)
    {
        var body = new StringBuilder("<startEvent id=\"s\"/><sequenceFlow id=\"f0\" sourceRef=\"s\" targetRef=\"fork\"/><parallelGateway id=\"fork\"/><parallelGateway id=\"join\"/>");
        for (var i = 1; i <= branches; i++)
        {
            body.Append($"<sequenceFlow id=\"a{i}\" sourceRef=\"fork\" targetRef=\"t{i}\"/><userTask id=\"t{i}\" bpm:unit=\"U\" bpm:role=\"specialist\"/><sequenceFlow id=\"b{i}\" sourceRef=\"t{i}\" targetRef=\"join\"/>");
        }

        body.Append("<sequenceFlow id=\"fe\" sourceRef=\"join\" targetRef=\"e\"/><endEvent id=\"e\"/>");
        return Wrap(body.ToString());
    }

    private static string Wrap(string body) =>
        $"<definitions xmlns=\"{BpmnNames.Model}\" xmlns:bpm=\"{BpmnNames.Extension}\" id=\"d\"><process id=\"p\" isExecutable=\"true\">{body}</process></definitions>";
}
