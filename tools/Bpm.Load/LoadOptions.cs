using System.Globalization;
using System.Net;

namespace Bpm.Load;

/// <summary>What one run does and its bounds: every run stops at its count or its time, whichever comes first, and talks to this machine only.</summary>
internal sealed record LoadOptions(string Scenario, IReadOnlyList<Uri> Urls, int Count, TimeSpan Duration, int Concurrency, string Path, string User, int? ServerPid, int? Rate = null, int WarmUp = 0)
{
    /// <summary>The <c>--as</c> of a GET that signs in as nobody (the public look-up).</summary>
    public const string Anonymous = "anonymous";

    public const int MaxRate = 1_000;

    public const int MaxCount = 1_000_000;
    public const int MaxWarmUp = 100_000;
    public const int MaxSeconds = 3_600;
    public const int MaxConcurrency = 256;

    public const string Usage = """
        usage: bpm-load receive|cycle|get --url http://127.0.0.1:PORT[,http://127.0.0.1:PORT2…] [--count N] [--seconds S] [--concurrency C]
                        [--rate R] [--path /api/v1/...] [--as USER|anonymous] [--server-pid PID] [--warm-up N]
          receive   POST /api/v1/dossiers (a birth registration at Phương Lâm's desk)
          cycle     per dossier: receive, hand over, read the specialist's inbox, complete the examination
          get       GET --path as --as (default thietke; anonymous: no sign-in), e.g. the designer's list /api/v1/definitions
          several --url (comma-separated, e.g. two hosts on one database): worker w talks to url w mod n;
          --rate caps the requests a second over all workers (≤ 1,000), for a soak that must not starve the machine
          bounds: --count ≤ 1,000,000 operations (default 1,000), --seconds ≤ 3,600 (default 60), --concurrency ≤ 256 (default 8);
          --warm-up N first runs N operations (≤ 100,000, same workers and rate, within --seconds of their own) that are not
            timed, counted or in --server-pid's processor time, so a freshly started server's JIT and caches stay out of the figures;
          the URL must be loopback (127.0.0.1, ::1 or localhost); --server-pid samples that process's resident memory every 10 s and prints its processor time per operation
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

        string[] known = ["--url", "--count", "--seconds", "--concurrency", "--rate", "--path", "--as", "--server-pid", "--warm-up"];
        if (values.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
        {
            return (null, $"unknown option '{unknown}'");
        }

        if (!values.TryGetValue("--url", out var urlList))
        {
            return (null, "--url http://127.0.0.1:PORT is needed (an absolute http or https address)");
        }

        var urls = new List<Uri>();
        foreach (var url in urlList.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                return (null, $"--url '{url}' is not an absolute http or https address (http://127.0.0.1:PORT)");
            }

            if (!IsLoopback(uri))
            {
                return (null, $"--url '{url}' is not on this machine: the load generator only talks to a loopback address (127.0.0.1, ::1, localhost)");
            }

            urls.Add(uri);
        }

        if (urls.Count == 0)
        {
            return (null, "--url http://127.0.0.1:PORT is needed (an absolute http or https address)");
        }

        var (count, countError) = Bounded(values, "--count", 1_000, MaxCount);
        var (seconds, secondsError) = Bounded(values, "--seconds", 60, MaxSeconds);
        var (concurrency, concurrencyError) = Bounded(values, "--concurrency", 8, MaxConcurrency);
        var (rate, rateError) = values.ContainsKey("--rate") ? Bounded(values, "--rate", 0, MaxRate) : (0, null);
        var (warmUp, warmUpError) = values.ContainsKey("--warm-up") ? Bounded(values, "--warm-up", 0, MaxWarmUp) : (0, null);
        if ((countError ?? secondsError ?? concurrencyError ?? rateError ?? warmUpError) is { } error)
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

        return (new LoadOptions(args[0], urls, count, TimeSpan.FromSeconds(seconds), concurrency, path, values.GetValueOrDefault("--as", "thietke"), pid, rate > 0 ? rate : null, warmUp), null);
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
