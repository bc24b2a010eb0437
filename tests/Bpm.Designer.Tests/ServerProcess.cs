using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Bpm.Designer.Tests;

/// <summary>
/// The real Bpm.Server, as built next to these tests, started as its own process on a free loopback
/// port with a throw-away data folder (a fresh SQLite database, the demo users and the samples).
/// The content root is src/Bpm.Server, so /designer serves the bundle the build put in its wwwroot.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    private readonly Process _process;
    private readonly string _dataPath;
    private readonly StringBuilder _output;

    private ServerProcess(Process process, string dataPath, StringBuilder output, Uri baseAddress)
    {
        _process = process;
        _dataPath = dataPath;
        _output = output;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Everything the server wrote so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="environment">Settings for this server only, over the ones below (e.g. a test-only switch).</param>
    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        var configuration = typeof(ServerProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var serverDll = Path.Combine(RepositoryPaths.ServerProject, "bin", configuration, "net10.0", "Bpm.Server.dll");
        if (!File.Exists(serverDll))
        {
            throw new InvalidOperationException($"{serverDll} is missing; the test project's reference to Bpm.Server should have built it.");
        }

        var designerIndex = Path.Combine(RepositoryPaths.ServerProject, "wwwroot", "designer", "index.html");
        if (!File.Exists(designerIndex))
        {
            throw new InvalidOperationException($"{designerIndex} is missing; building Bpm.Server runs src/Bpm.Designer/Designer.targets, which should have created it.");
        }

        var dataPath = Path.Combine(Path.GetTempPath(), "bpm-designer-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataPath);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryPaths.ServerProject,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { serverDll, "--contentRoot", RepositoryPaths.ServerProject })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Bpm__DataPath"] = dataPath;
        start.Environment["Bpm__RepositoryRoot"] = RepositoryPaths.Root;
        start.Environment["Database__Provider"] = "sqlite";
        // Development seeds them by default; said explicitly because the tests sign in as them.
        start.Environment["Bpm__SeedDemoUsers"] = "true";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        // Every browser test signs in from 127.0.0.1, several users each: the default 20 sign-ins a
        // minute per client answered the later ones 429 (seen in CI as a login that never left the page).
        start.Environment["Bpm__RateLimits__SignInPermitLimit"] = "100000";
        start.Environment["Bpm__RateLimits__PermitLimit"] = "1000000";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var output = new StringBuilder();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }

            if (ListeningLine().Match(line) is { Success: true } m)
            {
                listening.TrySetResult(new Uri(m.Groups[1].Value.TrimEnd('/') + "/"));
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"Bpm.Server exited with code {process.ExitCode} before listening:\n{output}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new ServerProcess(process, dataPath, output, await WaitAsync(listening.Task, output));
        return server;
    }

    private static async Task<Uri> WaitAsync(Task<Uri> listening, StringBuilder output)
    {
        var finished = await Task.WhenAny(listening, Task.Delay(StartTimeout));
        if (finished != listening)
        {
            throw new TimeoutException($"Bpm.Server did not report 'Now listening on' within {StartTimeout}:\n{output}");
        }

        return await listening;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_dataPath, recursive: true);
        }
        catch (IOException e)
        {
            Console.WriteLine($"Could not delete the test data folder {_dataPath}: {e.Message}");
        }
    }

    [GeneratedRegex(@"Now listening on:\s*(http://[0-9.]+:[0-9]+)")]
    private static partial Regex ListeningLine();
}
