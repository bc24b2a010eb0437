namespace Bpm.Documents;

/// <summary>A template could not be loaded, parsed or rendered; the message names the file, line and column.</summary>
public sealed class DocumentException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="templateFile">The template file name.</param>
    /// <param name="line">One-based line, or 0 when unknown.</param>
    /// <param name="column">One-based column, or 0 when unknown.</param>
    /// <param name="reason">What went wrong.</param>
    /// <param name="inner">The underlying exception, if any.</param>
    public DocumentException(string templateFile, int line, int column, string reason, Exception? inner = null)
        : base(line > 0 ? $"{templateFile}({line},{column}): {reason}" : $"{templateFile}: {reason}", inner)
    {
        TemplateFile = templateFile;
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>The template file name.</summary>
    public string TemplateFile { get; }

    /// <summary>One-based line of the error, or 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>One-based column of the error, or 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>What went wrong, without position.</summary>
    public string Reason { get; }
}
