using Bpm.Engine;

namespace Bpm.Persistence;

/// <summary>A definition operation that cannot apply; nothing was changed.</summary>
public sealed class DefinitionException(string code, string message, IReadOnlyList<Diagnostic>? diagnostics = null) : Exception(message)
{
    /// <summary>not-found, no-draft, draft-exists, invalid, not-published, same-version.</summary>
    public string Code { get; } = code;

    /// <summary>For <c>invalid</c>: the engine's validation messages.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics ?? [];
}
