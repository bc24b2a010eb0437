namespace Bpm.Engine.Reading;

/// <summary>Where the reader's parts report findings, each with its code, the element and its line.</summary>
internal sealed class DiagnosticSink(List<Diagnostic> diagnostics)
{
    public int ErrorCount => diagnostics.Count(d => d.Severity == Severity.Error);

    public void Report(DiagnosticCode code, XmlNode c, params string[] arguments) =>
        diagnostics.Add(Diagnostic.Of(code, c.Line, c.Attr("id"), c.Name, arguments));

    /// <summary>Reports on <paramref name="c"/> under <paramref name="id"/>, which may differ from its own (a flow reported by its id after checks).</summary>
    public void ReportFor(DiagnosticCode code, XmlNode c, string? id, params string[] arguments) =>
        diagnostics.Add(Diagnostic.Of(code, c.Line, id, c.Name, arguments));

    public void Report(DiagnosticCode code, FlowNode node, params string[] arguments) =>
        diagnostics.Add(Diagnostic.Of(code, node.Line, node.Id, node.XmlType, arguments));

    public void ReportAt(DiagnosticCode code, int line, string? id, string? type, params string[] arguments) =>
        diagnostics.Add(Diagnostic.Of(code, line, id, type, arguments));
}
