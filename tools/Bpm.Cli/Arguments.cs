namespace Bpm.Cli;

/// <summary>A usage mistake on the command line: exit code 2 and a message.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>Positional arguments, <c>--name value</c> options and <c>--flag</c>s of the database commands.</summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public List<string> Positional { get; } = [];

    /// <summary>Every database command takes <c>--database</c> and <c>--provider</c>.</summary>
    public static Arguments Parse(ReadOnlySpan<string> args, string[] options, string[]? flags = null)
    {
        var parsed = new Arguments();
        string[] allowed = [.. options, "--database", "--provider"];
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                parsed.Positional.Add(arg);
            }
            else if (flags?.Contains(arg) == true)
            {
                parsed._flags.Add(arg);
            }
            else if (!allowed.Contains(arg))
            {
                throw new UsageException($"unknown option '{arg}'");
            }
            else if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"{arg} needs a value");
            }
            else if (!parsed._options.TryAdd(arg, args[++i]))
            {
                throw new UsageException($"{arg} is given twice");
            }
        }

        return parsed;
    }

    public string? this[string option] => _options.GetValueOrDefault(option);

    public bool Has(string flag) => _flags.Contains(flag);

    public string Required(string option, string what) => this[option] ?? throw new UsageException($"{what} needs {option}");

    public string Single(string what) => Positional.Count == 1 ? Positional[0] : throw new UsageException($"{what}: expected one argument, got {Positional.Count}");

    public int? Int(string option)
    {
        var text = this[option];
        return text is null ? null
            : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value
            : throw new UsageException($"{option} '{text}' is not a whole number");
    }
}
