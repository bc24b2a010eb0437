using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Bpm.Testing;

/// <summary>
/// A throwaway PostgreSQL server from the installed binaries: initdb in a temp folder, on a free
/// loopback port; as root, through the unprivileged <c>postgres</c> user (the server refuses root).
/// fsync is off by default: the tests check transaction semantics, not durability, and gain speed.
/// The persisted benchmark (tools/Bpm.Benchmarks) asks for durable commits.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    /// <summary>Debian's PostgreSQL 15 unless <c>BPM_POSTGRES_BIN</c> names another version's bin folder.</summary>
    public static readonly string BinDirectory = Environment.GetEnvironmentVariable("BPM_POSTGRES_BIN") is { Length: > 0 } bin ? bin : "/usr/lib/postgresql/15/bin";
    private readonly string _directory;
    private readonly string _data;

    private PostgresServer(string directory, int port)
    {
        _directory = directory;
        _data = Path.Combine(directory, "data");
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=true";

    /// <summary>Server settings for durable commits: every commit waits for its WAL flush.</summary>
    public const string DurableSettings = "-c fsync=on -c synchronous_commit=on -c full_page_writes=on";

    /// <summary>
    /// The server a suite runs on: <c>BPM_POSTGRES</c> (a connection string) if set, else a throwaway
    /// server (<paramref name="Owned"/>, to be disposed by the suite). Without one the suite skips with
    /// <paramref name="SkipReason"/>, unless <c>BPM_REQUIRE_POSTGRES=1</c>, which makes it a failure.
    /// </summary>
    public static (PostgresServer? Owned, string? ConnectionString, string? SkipReason) ForSuite(string suite)
    {
        var given = Environment.GetEnvironmentVariable("BPM_POSTGRES");
        if (!string.IsNullOrWhiteSpace(given))
        {
            return (null, given, null);
        }

        var (server, problem) = TryStart();
        if (server is not null)
        {
            return (server, server.ConnectionString, null);
        }

        var reason = $"{suite} skipped: {problem}";
        if (Environment.GetEnvironmentVariable("BPM_REQUIRE_POSTGRES") == "1")
        {
            throw new InvalidOperationException($"BPM_REQUIRE_POSTGRES=1 but no server: {reason}");
        }

        return (null, null, reason);
    }

    /// <summary>Starts a server, or returns why it cannot; <paramref name="durable"/> keeps fsync on.</summary>
    public static (PostgresServer? Server, string? Problem) TryStart(bool durable = false)
    {
        if (!File.Exists(Path.Combine(BinDirectory, "initdb")))
        {
            return (null, $"no PostgreSQL binaries in {BinDirectory} and BPM_POSTGRES is not set");
        }

        var directory = Path.Combine(Path.GetTempPath(), $"bpm-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var server = new PostgresServer(directory, FreePort());
        try
        {
            if (AsRoot)
            {
                Run("chown", "postgres", directory);
            }

            Postgres("initdb", "-D", server._data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync");
            var sync = durable ? DurableSettings : "-c fsync=off";
            Postgres("pg_ctl", "-D", server._data, "-l", Path.Combine(directory, "server.log"),
                "-o", $"-p {server.Port} -c listen_addresses=127.0.0.1 -k {directory} {sync} -c max_connections=200", "-w", "start");
            return (server, null);
        }
        catch (InvalidOperationException e)
        {
            server.Dispose();
            return (null, $"could not start PostgreSQL: {e.Message}");
        }
    }

    public void Dispose()
    {
        if (File.Exists(Path.Combine(_data, "postmaster.pid")))
        {
            Postgres("pg_ctl", "-D", _data, "-m", "fast", "-w", "stop");
        }

        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The server refuses to run as root: root runs it as <c>postgres</c>, anyone else as themselves.</summary>
    private static bool AsRoot => Environment.UserName == "root";

    private static void Postgres(string tool, params string[] arguments)
    {
        var path = Path.Combine(BinDirectory, tool);
        if (AsRoot)
        {
            Run("runuser", ["-u", "postgres", "--", path, .. arguments]);
        }
        else
        {
            Run(path, arguments);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed: {error.Trim()} {output.Result.Trim()}");
        }
    }
}
