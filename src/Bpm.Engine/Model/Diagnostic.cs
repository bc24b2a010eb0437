using System.Globalization;
using Bpm.Engine.Reading;

namespace Bpm.Engine;

/// <summary>How serious a validation finding is.</summary>
public enum Severity
{
    /// <summary>The definition cannot run or cannot be read.</summary>
    Error,

    /// <summary>The definition runs, but something is probably not what the designer meant.</summary>
    Warning,
}

/// <summary>A validation finding, naming the element and the source line.</summary>
/// <param name="Code">Its stable code, e.g. <c>BPM1608</c> (docs/diagnostics.md): translate and filter by this, not by the wording.</param>
/// <param name="Severity">Error or warning.</param>
/// <param name="Line">1-based line in the BPMN file (0 when unknown).</param>
/// <param name="ElementId">The element's <c>id</c>, when it has one.</param>
/// <param name="ElementType">The element's XML name, e.g. <c>scriptTask</c>.</param>
/// <param name="Message">What is wrong, in English, for designers and logs.</param>
public sealed record Diagnostic(string Code, Severity Severity, int Line, string? ElementId, string? ElementType, string Message)
{
    /// <summary>The values put into the code's message, in order (<c>{0}</c>, <c>{1}</c>…), for a translation to put into its own.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    internal static Diagnostic Of(DiagnosticCode code, int line, string? id, string? type, params string[] arguments) =>
        new(code.Code, code.Severity, line, id, type, string.Format(CultureInfo.InvariantCulture, code.Template, arguments.Cast<object?>().ToArray())) { Arguments = arguments };

    /// <summary>The <c>LINE: ELEMENT_ID: message</c> form the command line prints after the file name.</summary>
    public override string ToString() =>
        $"{Line}: {ElementId ?? "-"}: {(Severity == Severity.Warning ? "warning: " : "")}{(ElementType is null ? "" : ElementType + ": ")}{Message} [{Code}]";
}
