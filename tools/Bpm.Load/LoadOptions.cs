using System.Globalization;
using System.Net;

namespace Bpm.Load;

/// <summary>What one run does and its bounds: every run stops at its count or its time, whichever comes first, and talks to this machine only.</summary>
internal sealed record LoadOptions(string Scenario, Uri Url, int Count, TimeSpan Duration, int Concurrency, string Path, string User, int? ServerPid)
{
    public const int MaxCount = 1_000_000;
    public const int MaxSeconds = 3_600;
    public const int MaxConcurrency = 256;

    public const string Usage = """
        usage: bpm-load receive|cycle|get --url http://127.0.0.1:PORT [--count N] [--seconds S] [--concurrency C]
                        [--path /api/v1/...] [--as USER] [--server-pid PID]
          receive   POST /api/v1/dossiers (a birth registration at Phương Lâm's desk)
          cycle     per dossier: receive, hand over, read the specialist's inbox, complete the examination
          get       GET --path as --as (default thietke), e.g. the designer's list /api/v1/definitions
          bounds: --count ≤ 1,000,000 operations (default 1,000), --seconds ≤ 3,600 (default 60), --concurrency ≤ 256 (default 8);
          the URL must be loopback (127.0.0.1, ::1 or localhost); --server-pid samples that process's resident memory every 10 s
        """;

    /// <summary>The options, or a message saying what is wrong.</summary>
    public static (LoadOptions? Options, string? Error) Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("receive" or "cycle" or "get"))
        {
            return (null, args.Length == 0 ? "a scenario is needed" : $"unknown scenario '{args[0]}'");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                return (null, $"'{args[i]}' needs a value (options are --name value)");
            }

            if (!values.TryAdd(args[i], args[i + 1]))
            {
                return (null, $"{args[i]} is given twice");
            }
        }

        string[] known = ["--url", "--count", "--seconds", "--concurrency", "--path", "--as", "--server-pid"];
        if (values.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
        {
            return (null, $"unknown option '{unknown}'");
        }

        if (!values.TryGetValue("--url", out var url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return (null, "--url http://127.0.0.1:PORT is needed (an absolute http or https address)");
        }

        if (!IsLoopback(uri))
        {
            return (null, $"--url '{url}' is not on this machine: the load generator only talks to a loopback address (127.0.0.1, ::1, localhost)");
        }

        var (count, countError) = Bounded(values, "--count", 1_000, MaxCount);
        var (seconds, secondsError) = Bounded(values, "--seconds", 60, MaxSeconds);
        var (concurrency, concurrencyError) = Bounded(values, "--concurrency", 8, MaxConcurrency);
        if ((countError ?? secondsError ?? concurrencyError) is { } error)
        {
            return (null, error);
        }

        int? pid = null;
        if (values.TryGetValue("--server-pid", out var pidText))
        {
            if (!int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || !File.Exists($"/proc/{p}/status"))
            {
                return (null, $"--server-pid '{pidText}' is not a running process of this machine");
            }

            pid = p;
        }

        var path = values.GetValueOrDefault("--path", "/api/v1/definitions");
        if (!path.StartsWith('/'))
        {
            return (null, $"--path '{path}' must start with /");
        }

        return (new LoadOptions(args[0], uri, count, TimeSpan.FromSeconds(seconds), concurrency, path, values.GetValueOrDefault("--as", "thietke"), pid), null);
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback && (uri.HostNameType != UriHostNameType.Dns || uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        && (!IPAddress.TryParse(uri.DnsSafeHost, out var ip) || IPAddress.IsLoopback(ip));

    private static (int Value, string? Error) Bounded(Dictionary<string, string> values, string name, int fallback, int max)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return (fallback, null);
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is > 0 && value <= max
            ? (value, null)
            : (0, $"{name} '{text}' must be a whole number from 1 to {max:N0}");
    }
}
