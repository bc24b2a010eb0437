using System.Text.Json;
using System.Text.RegularExpressions;
using Bpm.Engine.Reading;

namespace Bpm.Engine.Tests.Reading;

/// <summary>
/// The designer reads the engine's vocabulary and diagnostic codes from a generated JSON file and
/// translates findings by code from its own Vietnamese table; these tests keep the three in step.
/// To regenerate the JSON after changing <c>BpmVocabulary</c> or <c>DiagnosticCodes</c>, run them
/// once with <c>BPM_WRITE_VOCABULARY=1</c>.
/// </summary>
public sealed partial class VocabularyJsonTests
{
    private const string VietnamesePath = "src/Bpm.Designer/src/i18n/diagnostics.vi.json";

    private static string InRepository(string path) => Path.Combine(TestModels.RepositoryRoot(), path);

    [Fact]
    public void Generate_CommittedDesignerJson_IsUpToDate()
    {
        var generated = VocabularyJson.Generate();
        var path = InRepository(VocabularyJson.DesignerPath);
        if (Environment.GetEnvironmentVariable("BPM_WRITE_VOCABULARY") == "1")
        {
            File.WriteAllText(path, generated);
        }

        Assert.True(File.Exists(path), $"{VocabularyJson.DesignerPath} is missing; run the tests once with BPM_WRITE_VOCABULARY=1");
        Assert.True(generated == File.ReadAllText(path).ReplaceLineEndings("\n"),
            $"{VocabularyJson.DesignerPath} differs from BpmVocabulary/DiagnosticCodes; run the tests once with BPM_WRITE_VOCABULARY=1 and commit it");
    }

    [Fact]
    public void DiagnosticCodes_All_AreDistinctAndNumberedByArea()
    {
        var codes = DiagnosticCodes.All.Select(c => c.Code).ToList();

        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, c => Assert.Matches("^BPM1[0-6][0-9]{2}$", c));
        Assert.Equal(codes.Count, DiagnosticCodes.All.Select(c => c.Template).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void DiagnosticCodes_All_HaveAVietnameseTranslationWithTheirArguments()
    {
        using var table = JsonDocument.Parse(File.ReadAllText(InRepository(VietnamesePath)));
        var vi = table.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);

        foreach (var code in DiagnosticCodes.All)
        {
            Assert.True(vi.TryGetValue(code.Code, out var text), $"{code.Code} ({code.Template}) has no Vietnamese translation in {VietnamesePath}");
            Assert.True(text!.Any(ch => ch > '\u007f'), $"{code.Code}: '{text}' does not read as Vietnamese");
            var english = Placeholders(code.Template);
            Assert.True(Placeholders(text).IsSubsetOf(english), $"{code.Code}: '{text}' uses an argument that '{code.Template}' does not have");
        }

        Assert.Empty(vi.Keys.Except(DiagnosticCodes.All.Select(c => c.Code)));
    }

    [Fact]
    public void DiagnosticCodes_All_AreDocumentedInDocsDiagnostics()
    {
        var table = File.ReadAllText(InRepository("docs/diagnostics.md"));

        Assert.All(DiagnosticCodes.All, c => Assert.Contains($"| {c.Code} | {(c.Severity == Severity.Error ? "error" : "warning")} |", table, StringComparison.Ordinal));
    }

    [Fact]
    public void Vocabulary_Attributes_AreAllDeclaredInTheDesignerModdle()
    {
        using var moddle = JsonDocument.Parse(File.ReadAllText(InRepository("src/Bpm.Designer/src/bpm-moddle.json")));
        var declared = moddle.RootElement.GetProperty("types").EnumerateArray()
            .SelectMany(t => t.TryGetProperty("properties", out var p) ? p.EnumerateArray().Select(x => x.GetProperty("name").GetString()!) : [])
            .ToHashSet(StringComparer.Ordinal);
        var attributes = typeof(BpmVocabulary.Attributes).GetFields().Select(f => (string)f.GetValue(null)!);

        Assert.All(attributes, a => Assert.Contains(a, declared));
    }

    [Fact]
    public void Load_EveryFindingInBrokenModels_CarriesAKnownCodeAndItsArguments()
    {
        var known = DiagnosticCodes.All.ToDictionary(c => c.Code, StringComparer.Ordinal);
        var models = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Models"), "*.bpmn");
        var findings = models.SelectMany(m => BpmnLoader.LoadFile(m).Diagnostics)
            .Concat(BpmnLoader.Load("<definitions/>").Diagnostics)
            .Concat(BpmnLoader.Load("<x").Diagnostics)
            .ToList();

        Assert.NotEmpty(findings);
        foreach (var d in findings)
        {
            Assert.True(known.TryGetValue(d.Code, out var code), $"'{d.Message}' has the unknown code '{d.Code}'");
            Assert.Equal(code!.Severity, d.Severity);
            Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, code.Template, d.Arguments.Cast<object?>().ToArray()), d.Message);
        }
    }

    private static HashSet<string> Placeholders(string text) =>
        NumberedPlaceholder().Matches(text).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\{[0-9]+\}")]
    private static partial Regex NumberedPlaceholder();
}
