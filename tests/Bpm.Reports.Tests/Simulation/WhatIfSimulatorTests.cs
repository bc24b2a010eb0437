using System.Text.Json;
using Bpm.Engine;
using Bpm.Engine.Calendar;
using Bpm.Reports.Simulation;
using Bpm.Testing;

namespace Bpm.Reports.Tests.Simulation;

/// <summary>The what-if simulator on hand-built processes whose queues can be worked out by hand.</summary>
public sealed class WhatIfSimulatorTests
{
    private static readonly VietnameseWorkingCalendar Calendar = VietnameseWorkingCalendar.Load(RepositoryRoot.Find());

    /// <summary>Five dossiers at 08:00 on Tuesday 10/03/2026, due two working hours later (10:00).</summary>
    private static readonly DateTimeOffset[] Burst = [.. Enumerable.Repeat(VietnamTime.At(2026, 3, 10, 8), 5)];

    [Fact]
    public void Run_OneOfficerSlowerThanArrivals_QueueGrowsAndOnTimeShareFalls()
    {
        var result = Simulate(OneStep("reception"), Burst);

        // One officer, one working hour each: done at 09:00, 10:00, 11:00, 14:00 (after 11:30–13:30), 15:00.
        Assert.Equal(5, result.Completed);
        Assert.Equal(2, result.OnTimeOrEarly);
        Assert.Equal(3, result.Late);
        Assert.Equal(40m, result.OnTimeShare);
        var step = Assert.Single(result.Steps);
        Assert.Equal("Task_TiepNhan", step.ElementId);
        Assert.Equal(5, step.Tasks);
        Assert.Equal(2.0, step.MeanWaitHours);
        Assert.Equal(4.0, step.P90WaitHours);
        Assert.Equal(1.0, step.MeanServiceHours);
        var pool = Assert.Single(result.Pools);
        Assert.Equal(("XA-A.MOTCUA:reception", 1, "default", 4), (pool.Pool, pool.Officers, pool.StaffSource, pool.MaxQueue));
    }

    [Fact]
    public void Run_CandidateMovesTheStepToAPoolWithTwoOfficers_OnTimeShareRises()
    {
        var staff = new Dictionary<string, int> { ["XA-A.MOTCUA:reception"] = 1, ["XA-A.MOTCUA:specialist"] = 2 };

        var current = Simulate(OneStep("reception"), Burst, staff);
        var candidate = Simulate(OneStep("specialist"), Burst, staff);
        var difference = WhatIfComparison.Compare(current, candidate);

        // Two officers: done at 09:00, 09:00, 10:00, 10:00, 11:00 — four by the due time.
        Assert.Equal(80m, candidate.OnTimeShare);
        Assert.Equal(40m, difference.OnTimeShare);
        Assert.Equal(2, difference.OnTimeOrEarly);
        Assert.Equal(-2, difference.Late);
        Assert.Equal(-1.2, Assert.Single(difference.Steps).MeanWaitHours);
        Assert.Equal("organisation", Assert.Single(candidate.Pools).StaffSource);
    }

    [Fact]
    public void Run_StaffOverride_TakesPrecedenceOverTheOrganisationTree()
    {
        var result = Simulate(OneStep("reception"), Burst, new Dictionary<string, int> { ["XA-A.MOTCUA:reception"] = 1 },
            new Dictionary<string, int> { ["XA-A.MOTCUA:reception"] = 5 });

        Assert.Equal(100m, result.OnTimeShare);
        Assert.Equal(("override", 5), (result.Pools[0].StaffSource, result.Pools[0].Officers));
        Assert.Equal(0.0, result.Steps[0].MeanWaitHours);
    }

    [Fact]
    public void Run_NoHistory_TakesTheAllowanceTimesTheFactor()
    {
        var definition = OneStep("reception");
        var assumptions = new WhatIfAssumptions { Arrivals = [VietnamTime.At(2026, 3, 10, 8)], Spread = 0, AllowanceFactor = 0.25 };

        var result = new WhatIfSimulator(Calendar).Run(definition, assumptions, "current", 1);

        // bpm:allowance PT4H × 0.25.
        Assert.Equal((1.0, WhatIfSimulator.TimeFromAllowance), (result.Steps[0].MeanServiceHours, result.Steps[0].TimeSource));
    }

    [Fact]
    public void Run_OutcomesFromHistory_FollowTheirFrequencies()
    {
        var arrivals = Enumerable.Range(0, 200).Select(i => VietnamTime.At(2026, 3, 2, 8).AddDays(i % 60)).ToList();
        var assumptions = new WhatIfAssumptions
        {
            Arrivals = arrivals,
            StaffOverrides = new Dictionary<string, int> { ["XA-A.MOTCUA:reception"] = 50, ["XA-A.MOTCUA:leader"] = 50 },
            Outcomes = new Dictionary<string, IReadOnlyDictionary<string, int>> { ["Task_TiepNhan"] = new Dictionary<string, int> { ["approve"] = 3, ["return"] = 1 } },
            Seed = 3,
        };

        var result = new WhatIfSimulator(Calendar).Run(Decision(), assumptions, "current", 1);

        // About a quarter go back to reception once more; every dossier ends.
        var reception = result.Steps.Single(s => s.ElementId == "Task_TiepNhan");
        Assert.Equal(200, result.Completed);
        Assert.InRange(reception.Tasks, 240, 290);
    }

    [Fact]
    public void Run_SameSeed_SameFigures()
    {
        var arrivals = Enumerable.Range(0, 40).Select(i => VietnamTime.At(2026, 3, 2, 8).AddHours(i * 5)).ToList();

        string Figures(int seed) => JsonSerializer.Serialize(new WhatIfSimulator(Calendar).Run(
            OneStep("reception"), new WhatIfAssumptions { Arrivals = arrivals, Seed = seed, Spread = 0.8 }, "current", 1));

        Assert.Equal(Figures(14), Figures(14));
        Assert.NotEqual(Figures(14), Figures(15));
    }

    [Fact]
    public void Run_CommandBound_StopsEarlyAndSaysSo()
    {
        var assumptions = new WhatIfAssumptions { Arrivals = Burst, Spread = 0, MaxCommands = 3 };

        var result = new WhatIfSimulator(Calendar).Run(OneStep("reception"), assumptions, "current", 1);

        Assert.True(result.StoppedEarly);
        Assert.True(result.Completed < 5);
    }

    internal static WhatIfVersionResult Simulate(
        ExecutableDefinition definition, IReadOnlyList<DateTimeOffset> arrivals, IReadOnlyDictionary<string, int>? staff = null, IReadOnlyDictionary<string, int>? overrides = null) =>
        new WhatIfSimulator(Calendar).Run(definition, new WhatIfAssumptions
        {
            Arrivals = arrivals,
            Staff = staff ?? new Dictionary<string, int>(),
            StaffOverrides = overrides ?? new Dictionary<string, int>(),
            StepTimes = new Dictionary<string, TimeSpan> { ["Task_TiepNhan"] = TimeSpan.FromHours(1) },
            Spread = 0,
        }, "current", 1);

    internal static ExecutableDefinition OneStep(string role) => Load(OneStepXml(role));

    internal static string OneStepXml(string role) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpm="urn:bpm-vn:bpmn:1.0" id="D" targetNamespace="urn:test">
          <bpmn:process id="P" isExecutable="true" bpm:timeLimit="PT2H">
            <bpmn:startEvent id="Start"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:userTask id="Task_TiepNhan" name="Tiếp nhận" bpm:unit="XA-A.MOTCUA" bpm:role="{role}" bpm:allowance="PT4H">
              <bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing>
            </bpmn:userTask>
            <bpmn:endEvent id="End"><bpmn:incoming>F2</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task_TiepNhan" />
            <bpmn:sequenceFlow id="F2" sourceRef="Task_TiepNhan" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static ExecutableDefinition Decision() => Load("""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpm="urn:bpm-vn:bpmn:1.0" id="D" targetNamespace="urn:test">
          <bpmn:process id="P" isExecutable="true" bpm:timeLimit="P3D">
            <bpmn:startEvent id="Start"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:userTask id="Task_TiepNhan" bpm:unit="XA-A.MOTCUA" bpm:role="reception" bpm:allowance="PT2H" bpm:outcomes="approve,return">
              <bpmn:incoming>F1</bpmn:incoming><bpmn:incoming>F4</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing>
            </bpmn:userTask>
            <bpmn:exclusiveGateway id="G" default="F3"><bpmn:incoming>F2</bpmn:incoming><bpmn:outgoing>F3</bpmn:outgoing><bpmn:outgoing>F4</bpmn:outgoing></bpmn:exclusiveGateway>
            <bpmn:userTask id="Task_Ky" bpm:unit="XA-A.MOTCUA" bpm:role="leader" bpm:allowance="PT2H">
              <bpmn:incoming>F3</bpmn:incoming><bpmn:outgoing>F5</bpmn:outgoing>
            </bpmn:userTask>
            <bpmn:endEvent id="End"><bpmn:incoming>F5</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task_TiepNhan" />
            <bpmn:sequenceFlow id="F2" sourceRef="Task_TiepNhan" targetRef="G" />
            <bpmn:sequenceFlow id="F3" sourceRef="G" targetRef="Task_Ky" />
            <bpmn:sequenceFlow id="F4" sourceRef="G" targetRef="Task_TiepNhan"><bpmn:conditionExpression>outcome == 'return'</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="F5" sourceRef="Task_Ky" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """);

    private static ExecutableDefinition Load(string xml)
    {
        var loaded = BpmnLoader.Load(xml);
        return loaded.Definition ?? throw new InvalidOperationException(string.Join("; ", loaded.Diagnostics));
    }
}
