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
/// <param name="Severity">Error or warning.</param>
/// <param name="Line">1-based line in the BPMN file (0 when unknown).</param>
/// <param name="ElementId">The element's <c>id</c>, when it has one.</param>
/// <param name="ElementType">The element's XML name, e.g. <c>scriptTask</c>.</param>
/// <param name="Message">What is wrong, in English, for designers and logs.</param>
public sealed record Diagnostic(Severity Severity, int Line, string? ElementId, string? ElementType, string Message)
{
    internal static Diagnostic Error(int line, string? id, string? type, string message) => new(Severity.Error, line, id, type, message);

    internal static Diagnostic Warning(int line, string? id, string? type, string message) => new(Severity.Warning, line, id, type, message);

    /// <summary>The <c>LINE: ELEMENT_ID: message</c> form the command line prints after the file name.</summary>
    public override string ToString() =>
        $"{Line}: {ElementId ?? "-"}: {(Severity == Severity.Warning ? "warning: " : "")}{(ElementType is null ? "" : ElementType + ": ")}{Message}";
}
