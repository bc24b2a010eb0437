namespace Bpm.Papers;

/// <summary>The stable codes of <see cref="PaperRefusal.Code"/>.</summary>
public static class PaperRefusalCodes
{
    public const string TooLarge = "paper-too-large";
    public const string TypeNotAllowed = "paper-type-not-allowed";
    public const string TypeMismatch = "paper-type-mismatch";
    public const string Empty = "paper-empty";
    public const string NameInvalid = "paper-name-invalid";
    public const string TooMany = "paper-too-many";
}

/// <summary>
/// Why a file was refused: a stable English <paramref name="Code"/> for programs and a Vietnamese
/// <paramref name="Message"/> for people that names the file and the reason and ends with the code.
/// </summary>
/// <param name="Code">One of <see cref="PaperRefusalCodes"/>.</param>
/// <param name="FileName">The declared name, made printable (control characters shown as '?').</param>
/// <param name="Message">The whole sentence for the user.</param>
public sealed record PaperRefusal(string Code, string FileName, string Message)
{
    internal static PaperRefusal For(string code, string? declaredName, string reason)
    {
        var name = Printable(declaredName);
        return new PaperRefusal(code, name, $"Tệp \"{name}\": {reason}. ({code})");
    }

    /// <summary>The refusal as ProblemDetails field errors under <paramref name="field"/> (e.g. <c>papers[2].file</c>).</summary>
    public Dictionary<string, string[]> ToFieldErrors(string field) => new() { [field] = [Message] };

    /// <summary>Several refusals as one set of field errors, messages of one field kept together.</summary>
    public static Dictionary<string, string[]> ToFieldErrors(IEnumerable<(string Field, PaperRefusal Refusal)> refusals) =>
        refusals.GroupBy(r => r.Field).ToDictionary(g => g.Key, g => g.Select(r => r.Refusal.Message).ToArray());

    private static string Printable(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "(không tên)";
        }

        var shown = new string(name.Select(c => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format ? '?' : c).ToArray());
        return shown.Length <= 80 ? shown : string.Concat(shown.AsSpan(0, 79), "…");
    }
}

/// <summary>Thrown by <see cref="IPaperStore.SaveAsync"/> when a file is refused; nothing was kept.</summary>
public sealed class PaperRefusedException(PaperRefusal refusal) : Exception(refusal.Message)
{
    public PaperRefusal Refusal { get; } = refusal;
}
