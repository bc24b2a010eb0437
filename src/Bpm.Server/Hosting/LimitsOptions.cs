namespace Bpm.Server.Hosting;

/// <summary>
/// How much one request may carry (<c>Bpm:Limits</c>). Every API endpoint gets these checks from
/// <see cref="RequestLimitsFilter"/>; fields with a limit of their own say so with <c>[MaxLength]</c>.
/// </summary>
public sealed class LimitsOptions
{
    public const string Section = "Bpm:Limits";

    /// <summary>Largest request body (Kestrel); BPMN documents are limited further by the engine's reader limits.</summary>
    public long MaxRequestBodyBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Longest request target (path and query). Kestrel's own limit is set well above it, so that a long address gets this server's 414 ProblemDetails rather than Kestrel's empty answer.</summary>
    public int MaxUrlLength { get; set; } = 8 * 1024;

    /// <summary>A text field without a limit of its own (reasons, outcomes, user names …).</summary>
    public int MaxTextLength { get; set; } = 4000;

    /// <summary>Variables in one request, and entries of any other map (a migration's element mapping).</summary>
    public int MaxVariables { get; set; } = 200;

    /// <summary>Nesting of one variable's value: objects and arrays inside each other.</summary>
    public int MaxVariableDepth { get; set; } = 16;

    /// <summary>All variables of one request together, names and JSON values, in UTF-8 bytes.</summary>
    public int MaxVariablesBytes { get; set; } = 256 * 1024;
}
