using System.Text.RegularExpressions;
using Bpm.Engine;
using Bpm.Reports.Simulation;

namespace Bpm.Reports.Tests.Simulation;

/// <summary>The generated corpus of internal procedures: the report's counts, determinism by seed, and a sample that the engine validates without a warning.</summary>
public sealed partial class ProcedureCorpusTests
{
    private static readonly IReadOnlyList<CorpusProcedure> Corpus = ProcedureCorpus.Generate(15);

    [Fact]
    public void Generate_AnySeed_GivesTheReportsCountsOverThreeLevels()
    {
        Assert.Equal(2_257, Corpus.Count);
        Assert.Equal(78, Corpus.Count(p => p.InterConnected));
        Assert.Equal(2_179, Corpus.Count(p => !p.InterConnected));
        Assert.Equal(["commune", "district", "province"], Corpus.Select(p => p.Level).Distinct().Order());
        Assert.Equal(Corpus.Count, Corpus.Select(p => p.DefinitionId).Distinct().Count());
        Assert.Equal(Corpus.Count, Corpus.Select(p => p.ProcedureCode).Distinct().Count());
    }

    [Fact]
    public void Generate_SameSeed_GivesTheSameDocumentsAndAnotherSeedOthers()
    {
        var again = ProcedureCorpus.Generate(15);
        var other = ProcedureCorpus.Generate(16);

        Assert.Equal(Corpus.Select(p => p.Xml), again.Select(p => p.Xml));
        Assert.NotEqual(Corpus.Select(p => p.Xml), other.Select(p => p.Xml));
    }

    [Fact]
    public void Generate_Sample_ValidatesWithoutWarningsAndHandsOffToAProcedureOfTheCorpus()
    {
        // Every 40th procedure and every inter-connected one: all shapes (fee, reject branch, SLA timer, clerk, handoff) appear in it.
        var sample = Corpus.Where((p, i) => i % 40 == 0 || p.InterConnected).ToList();
        var codes = Corpus.ToDictionary(p => p.ProcedureCode, p => p.Level);

        foreach (var procedure in sample)
        {
            var loaded = BpmnLoader.Load(procedure.Xml);
            Assert.True(loaded.Diagnostics.Count == 0, $"{procedure.DefinitionId}: {string.Join("; ", loaded.Diagnostics.Select(d => $"{d.Code} line {d.Line} {d.ElementId}: {d.Message}"))}");
            Assert.InRange(procedure.UserTasks, 4, 9);
            if (procedure.InterConnected)
            {
                var handoff = HandoffTarget().Match(procedure.Xml);
                Assert.True(handoff.Success, procedure.DefinitionId);
                Assert.Equal(handoff.Groups["level"].Value, codes[handoff.Groups["code"].Value]);
            }
        }

        Assert.Contains(sample, p => p.Xml.Contains("bpm:kind=\"fee\"", StringComparison.Ordinal));
        Assert.Contains(sample, p => p.Xml.Contains("bpm:kind=\"sla\"", StringComparison.Ordinal));
        Assert.Contains(sample, p => p.Xml.Contains("Gateway_KetQuaThamDinh", StringComparison.Ordinal));
        Assert.Contains(sample, p => p.Xml.Contains("bpm:role=\"clerk\"", StringComparison.Ordinal));
    }

    [GeneratedRegex("bpm:targetLevel=\"(?<level>[a-z]+)\" bpm:targetAgency=\"[^\"]+\" bpm:targetProcedure=\"(?<code>[0-9.]+)\"")]
    private static partial Regex HandoffTarget();
}
