using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bpm.Persistence;
using Bpm.Persistence.Providers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Benchmarks;

/// <summary>
/// The workspace pages for a unit with many open tasks: the real Bpm.Server as its own process on a
/// fresh SQLite database; one birth registration received through the API, then its instance,
/// dossier and task rows copied into the real tables until the commune has N open tasks (due dates
/// spread over the coming weeks, a fifth claimed, a tenth at the leader's signature); then the
/// inbox, its live stamp and the leader's view are requested in turn. The time reported is the
/// server's own ("Request finished … ms", ASP.NET Core's hosting log: routing, the queries and the
/// render, not the network), beside what the client saw.
/// </summary>
internal static partial class InboxRenderBenchmark
{
    private const string Usage = "usage: inbox [--tasks N] [--requests N] [--server-configuration Release|Debug]";
    private const string Password = "BpmDemo2026";

    public static async Task<int> RunAsync(string[] args)
    {
        int tasks = 10_000, requests = 30;
        var configuration = "Release";
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--tasks" when int.TryParse(value, out var t) && t > 0: tasks = t; break;
                case "--requests" when int.TryParse(value, out var r) && r > 0: requests = r; break;
                case "--server-configuration" when value is "Release" or "Debug": configuration = value; break;
                default:
                    Console.Error.WriteLine($"unknown or invalid argument '{args[i]}'\n{Usage}");
                    return 1;
            }
        }

        var root = RepositoryRoot();
        var serverDll = Path.Combine(root, "src", "Bpm.Server", "bin", configuration, "net10.0", "Bpm.Server.dll");
        if (!File.Exists(serverDll))
        {
            Console.Error.WriteLine($"{serverDll} is missing: build it first (dotnet build -c {configuration} src/Bpm.Server)");
            return 1;
        }

        Console.WriteLine($"server: {serverDll}");

        var dataPath = Path.Combine(Path.GetTempPath(), $"bpm-inbox-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataPath);
        var connection = $"Data Source={Path.Combine(dataPath, "bpm.db")}";
        var server = await Server.StartAsync(serverDll, root, dataPath, connection);
        try
        {
            using var reception = await SignInAsync(server.Address, "motcua.phuonglam");
            using var leader = await SignInAsync(server.Address, "lanhdao.phuonglam");
            var seeding = Stopwatch.StartNew();
            await SeedAsync(reception, connection, tasks);
            Console.WriteLine($"seeded {tasks:N0} open tasks of XA-PHUONGLAM in {seeding.Elapsed.TotalSeconds:F1} s (SQLite, {connection})");

            Console.WriteLine($"{"request",-34} {"server median",14} {"server p95",11} {"client median",14} {"rows",5} {"bytes",9}");
            foreach (var (client, path) in new[]
            {
                (reception, "/inbox"),
                (reception, "/inbox?xem=chua-nhan"),
                (reception, "/inbox?xem=cua-toi"),
                (reception, "/inbox/stamp"),
                (leader, "/lanh-dao"),
                (leader, "/inbox?xem=don-vi"),
            })
            {
                await MeasureAsync(server, client, path, requests);
            }

            return 0;
        }
        finally
        {
            await server.DisposeAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(dataPath, recursive: true);
        }
    }

    /// <summary>One real reception, then copies of its rows with their own codes, ids and due dates.</summary>
    private static async Task SeedAsync(HttpClient reception, string connection, int tasks)
    {
        var received = await reception.PostAsJsonAsync("/api/v1/dossiers", new
        {
            procedureCode = "1.001193",
            applicant = new { kind = "person", fullName = "Nguyễn Văn An", identityNumber = "052099012345", phone = "0912 345 678" },
            papers = new[] { new { id = "to-khai-khai-sinh", count = 1 }, new { id = "giay-chung-sinh", count = 1 } },
            channel = "desk",
        });
        var body = await received.Content.ReadAsStringAsync();
        if (received.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"the template reception failed: {(int)received.StatusCode} {body}");
        }

        var code = JsonDocument.Parse(body).RootElement.GetProperty("code").GetString()!;
        await using var db = BpmDatabase.CreateContext(DatabaseProvider.Sqlite, connection);
        var dossier = await db.Dossiers.AsNoTracking().SingleAsync(d => d.Code == code);
        var instance = await db.Instances.AsNoTracking().SingleAsync(i => i.InstanceId == dossier.InstanceId);
        var task = await db.Tasks.AsNoTracking().SingleAsync(t => t.InstanceId == instance.InstanceId && t.Status == TaskRecord.Open);
        var names = new[] { "Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em", "Vũ Thị Giang", "Đỗ Văn Hải", "Bùi Thị Lan" };
        var now = TimeProvider.System.GetUtcNow();
        const int Batch = 1000;
        for (var start = 1; start < tasks; start += Batch)
        {
            for (var n = start; n < Math.Min(start + Batch, tasks); n++)
            {
                var copyCode = $"{code[..^4]}{n:D5}";
                var instanceId = $"{instance.InstanceId}-{n:D5}";
                var due = now.AddHours(n % 400 - 40);
                var copyInstance = Copy(instance);
                copyInstance.InstanceId = instanceId;
                copyInstance.BusinessKey = copyCode;
                copyInstance.DueAt = due;
                var copyDossier = Copy(dossier);
                copyDossier.Code = copyCode;
                copyDossier.InstanceId = instanceId;
                copyDossier.ApplicantName = names[n % names.Length];
                copyDossier.IdentityNumber = "0520990" + n.ToString("D5", CultureInfo.InvariantCulture);
                copyDossier.IdempotencyKey = null;
                copyDossier.DueAt = due;
                var copyTask = Copy(task);
                copyTask.InstanceId = instanceId;
                copyTask.BusinessKey = copyCode;
                copyTask.DueAt = due;
                copyTask.Assignee = n % 5 == 0 ? "motcua.phuonglam" : null;
                if (n % 10 == 3)
                {
                    // At the leader's signature: the leader's own decisions, whose outcomes the view looks up.
                    copyTask.ElementId = "Task_LanhDaoKy";
                    copyTask.Name = "Lãnh đạo UBND xã ký Giấy khai sinh";
                    copyTask.Unit = "XA-PHUONGLAM.LANHDAO";
                    copyTask.Role = "leader";
                    copyTask.Assignee = null;
                }

                db.Instances.Add(copyInstance);
                db.Dossiers.Add(copyDossier);
                db.Tasks.Add(copyTask);
            }

            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
    }

    private static T Copy<T>(T record) => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(record))!;

    private static async Task MeasureAsync(Server server, HttpClient client, string path, int requests)
    {
        // Warm-up: the first requests compile the queries and the components.
        for (var i = 0; i < 3; i++)
        {
            (await client.GetAsync(path)).EnsureSuccessStatusCode();
        }

        var serverTimes = new List<double>();
        var clientTimes = new List<double>();
        var bytes = 0;
        var rows = 0;
        for (var i = 0; i < requests; i++)
        {
            server.Forget();
            var clock = Stopwatch.StartNew();
            var response = await client.GetAsync(path);
            var text = await response.Content.ReadAsStringAsync();
            clientTimes.Add(clock.Elapsed.TotalMilliseconds);
            response.EnsureSuccessStatusCode();
            bytes = Encoding.UTF8.GetByteCount(text);
            rows = RowTag().Count(text);
            serverTimes.Add(await server.NextRequestTimeAsync());
        }

        Console.WriteLine($"GET {path,-30} {Median(serverTimes),11:F1} ms {Percentile(serverTimes, 0.95),8:F1} ms {Median(clientTimes),11:F1} ms {rows,5} {bytes,9:N0}");
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static async Task<HttpClient> SignInAsync(Uri address, string userName)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = address };
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password = Password });
        response.EnsureSuccessStatusCode();
        return client;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bpm.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Bpm.sln above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex("<tr class=\"bpm-row-")]
    private static partial Regex RowTag();

    /// <summary>Bpm.Server in Release as its own process, its hosting log read for each request's time.</summary>
    private sealed partial class Server : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly System.Threading.Channels.Channel<double> _finished = System.Threading.Channels.Channel.CreateUnbounded<double>();

        private Server(Process process, Uri address)
        {
            _process = process;
            Address = address;
        }

        public Uri Address { get; }

        public static async Task<Server> StartAsync(string serverDll, string root, string dataPath, string connection)
        {
            var contentRoot = Path.Combine(root, "src", "Bpm.Server");
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = contentRoot, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { serverDll, "--contentRoot", contentRoot })
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
            start.Environment["Bpm__DataPath"] = dataPath;
            start.Environment["Bpm__RepositoryRoot"] = root;
            start.Environment["Database__Provider"] = "sqlite";
            start.Environment["Database__ConnectionString"] = connection;
            start.Environment["Bpm__SeedDemoUsers"] = "true";
            start.Environment["Bpm__RateLimits__PermitLimit"] = "1000000";
            start.Environment["Logging__LogLevel__Default"] = "Warning";
            start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
            start.Environment["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information";
            var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
            var process = new Process { StartInfo = start, EnableRaisingEvents = true };
            Server? server = null;
            void OnLine(string? line)
            {
                if (line is null)
                {
                    return;
                }

                if (ListeningLine().Match(line) is { Success: true } m)
                {
                    listening.TrySetResult(new Uri(m.Groups[1].Value));
                }
                else if (FinishedLine().Match(line) is { Success: true } f)
                {
                    server?._finished.Writer.TryWrite(double.Parse(f.Groups[1].Value, CultureInfo.InvariantCulture));
                }
            }

            process.OutputDataReceived += (_, e) => OnLine(e.Data);
            process.ErrorDataReceived += (_, e) => OnLine(e.Data);
            process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"Bpm.Server exited with code {process.ExitCode} before listening"));
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var address = await listening.Task.WaitAsync(TimeSpan.FromMinutes(3));
            server = new Server(process, address);
            return server;
        }

        /// <summary>Drops the times of requests already finished (sign-in, warm-up).</summary>
        public void Forget()
        {
            while (_finished.Reader.TryRead(out _))
            {
            }
        }

        public async Task<double> NextRequestTimeAsync() => await _finished.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }

        [GeneratedRegex(@"Now listening on:\s*(http://[0-9.]+:[0-9]+)")]
        private static partial Regex ListeningLine();

        // "Request finished HTTP/1.1 GET http://127.0.0.1:5000/inbox - 200 - text/html;+charset=utf-8 41.2345ms"
        [GeneratedRegex(@"Request finished .* ([0-9]+(?:\.[0-9]+)?)ms\s*$")]
        private static partial Regex FinishedLine();
    }
}
