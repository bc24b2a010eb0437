using System.Globalization;
using Bpm.Engine.Reading;

namespace Bpm.Engine;

/// <summary>The outcome of reading and validating a BPMN document.</summary>
/// <param name="Definition">The executable definition; null when there are errors.</param>
/// <param name="Diagnostics">Errors and warnings, in document order.</param>
public sealed record LoadResult(ExecutableDefinition? Definition, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when the definition has no errors (warnings allowed).</summary>
    public bool IsValid => Definition is not null;

    /// <summary>The errors only.</summary>
    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.Severity == Severity.Error);
}

/// <summary>Reads BPMN 2.0 XML safely and validates it into an executable definition.</summary>
public static class BpmnLoader
{
    /// <summary>Reads and validates a BPMN document given as text.</summary>
    public static LoadResult Load(string xml, ReaderLimits? limits = null)
    {
        using var reader = new StringReader(xml);
        return Load(reader, limits);
    }

    /// <summary>Reads and validates a BPMN document from a reader.</summary>
    public static LoadResult Load(TextReader xml, ReaderLimits? limits = null)
    {
        var diagnostics = new List<Diagnostic>();
        var root = BpmnXmlReader.Read(xml, limits ?? ReaderLimits.Default, diagnostics);
        var definition = root is null ? null : new DefinitionBuilder(diagnostics).Build(root);
        var ordered = diagnostics.OrderBy(d => d.Line).ThenBy(d => d.Severity).ToList();
        return new LoadResult(ordered.Any(d => d.Severity == Severity.Error) ? null : definition, ordered);
    }

    /// <summary>Reads and validates a BPMN file, refusing one larger than the limit before reading it.</summary>
    public static LoadResult LoadFile(string path, ReaderLimits? limits = null)
    {
        limits ??= ReaderLimits.Default;
        var length = new FileInfo(path).Length;
        if (length > limits.MaxBytes * 4)
        {
            return new LoadResult(null, [Diagnostic.Of(DiagnosticCodes.FileTooLarge, 0, null, null, length.ToString(CultureInfo.InvariantCulture), limits.MaxBytes.ToString(CultureInfo.InvariantCulture))]);
        }

        using var reader = new StreamReader(path);
        return Load(reader, limits);
    }
}
