namespace Bpm.Engine;

/// <summary>Bounds on what the BPMN reader accepts, so a hostile or broken file cannot exhaust the host.</summary>
/// <param name="MaxBytes">Largest document, in characters.</param>
/// <param name="MaxElements">Most XML elements in one document.</param>
/// <param name="MaxDepth">Deepest element nesting.</param>
public sealed record ReaderLimits(long MaxBytes = 5 * 1024 * 1024, int MaxElements = 100_000, int MaxDepth = 64)
{
    /// <summary>The defaults: 5 MiB, 100,000 elements, depth 64.</summary>
    public static ReaderLimits Default { get; } = new();
}
