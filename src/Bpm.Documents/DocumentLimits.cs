namespace Bpm.Documents;

/// <summary>Limits that stop an edited template from running away.</summary>
/// <param name="LoopLimit">Most iterations of any one loop.</param>
/// <param name="RecursiveLimit">Deepest nesting of function calls.</param>
/// <param name="MaxOutputChars">Longest output, in characters.</param>
/// <param name="Timeout">Longest rendering time.</param>
public sealed record DocumentLimits(int LoopLimit, int RecursiveLimit, int MaxOutputChars, TimeSpan Timeout)
{
    /// <summary>Generous for a one-page form: 1,000 iterations, depth 20, 200,000 characters, 2 seconds.</summary>
    public static DocumentLimits Default { get; } = new(1_000, 20, 200_000, TimeSpan.FromSeconds(2));
}
