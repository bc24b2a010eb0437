using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Bpm.Persistence.PostgreSql.Tests;

/// <summary>
/// A throwaway PostgreSQL server from the installed binaries: initdb in a temp folder owned by the
/// unprivileged <c>postgres</c> user (the server refuses to run as root), on a free loopback port.
/// fsync is off: the tests check transaction semantics, not durability, and gain speed.
/// </summary>
internal sealed class PostgresServer : IDisposable
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
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

    /// <summary>Starts a server, or returns why it cannot.</summary>
    public static (PostgresServer? Server, string? Problem) TryStart()
    {
        if (!File.Exists(Path.Combine(BinDirectory, "initdb")))
        {
            return (null, $"no PostgreSQL binaries in {BinDirectory} and BPM_POSTGRES is not set");
        }

        if (Environment.UserName != "root")
        {
            return (null, $"starting a throwaway PostgreSQL needs root (to run it as user postgres); running as {Environment.UserName} and BPM_POSTGRES is not set");
        }

        var directory = Path.Combine(Path.GetTempPath(), $"bpm-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var server = new PostgresServer(directory, FreePort());
        try
        {
            Run("chown", "postgres", directory);
            Run("runuser", "-u", "postgres", "--", Path.Combine(BinDirectory, "initdb"), "-D", server._data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync");
            Run("runuser", "-u", "postgres", "--", Path.Combine(BinDirectory, "pg_ctl"), "-D", server._data, "-l", Path.Combine(directory, "server.log"),
                "-o", $"-p {server.Port} -c listen_addresses=127.0.0.1 -k {directory} -c fsync=off -c max_connections=200", "-w", "start");
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
            Run("runuser", "-u", "postgres", "--", Path.Combine(BinDirectory, "pg_ctl"), "-D", _data, "-m", "fast", "-w", "stop");
        }

        Directory.Delete(_directory, recursive: true);
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
