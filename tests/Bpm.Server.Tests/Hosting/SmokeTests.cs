using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Bpm.Testing;

namespace Bpm.Server.Tests.Hosting;

/// <summary>
/// Starts the built server the way the README does (a fresh folder, no other step) as a separate
/// process, and asks for the home page and <c>/health</c>.
/// </summary>
public sealed class SmokeTests
{
    [Fact]
    public async Task BuiltServer_FreshContentRoot_ServesHomePageAndHealth()
    {
        var serverDll = ServerDll();
        var contentRoot = Directory.CreateTempSubdirectory("bpm-smoke-").FullName;
        var port = FreePort();
        var output = new StringBuilder();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = contentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(serverDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        start.Environment.Remove("Database__Provider");
        start.Environment.Remove("Database__ConnectionString");

        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            var health = await WaitForHealthAsync(http, process, output);
            Assert.Contains("\"status\":\"Healthy\"", health);
            Assert.Contains("workflow-database", health);

            var home = await http.GetAsync("/");
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            var homeHtml = await home.Content.ReadAsStringAsync();
            Assert.Contains("Chào mừng đến với Bpm", homeHtml);
            // Production (no environment set) and no Bpm__SeedDemoUsers: no demo account, no shared password in public.
            Assert.DoesNotContain("BpmDemo2026", homeHtml);
            Assert.DoesNotContain("motcua.phuonglam", homeHtml);

            // The shell's styles are served from the build output outside Development too.
            var stylesheet = System.Text.RegularExpressions.Regex.Match(homeHtml, "href=\"(_content/MudBlazor/[^\"]+\\.css)\"").Groups[1].Value;
            Assert.NotEmpty(stylesheet);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/" + stylesheet)).StatusCode);

            // The first start created the SQLite database under ./data of the content root.
            Assert.True(File.Exists(Path.Combine(contentRoot, "data", "bpm.db")));
            string log;
            lock (output)
            {
                log = output.ToString();
            }

            // Structured logs outside development: one JSON object per line.
            Assert.Contains("\"Category\":\"Bpm.Server.Seeding.StartupSeeder\"", log);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Directory.Delete(contentRoot, recursive: true);
        }
    }

    private static async Task<string> WaitForHealthAsync(HttpClient http, Process process, StringBuilder output)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited)
            {
                break;
            }

            try
            {
                var response = await http.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return await response.Content.ReadAsStringAsync();
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(250);
        }

        lock (output)
        {
            Assert.Fail($"the server did not become healthy (exited: {process.HasExited}); output:\n{output}");
        }

        return "";
    }

    /// <summary>The server's own build output, of the same configuration as this test assembly.</summary>
    private static string ServerDll()
    {
        var testDir = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = testDir.Name;
        var configuration = testDir.Parent!.Name;
        var dll = Path.Combine(RepositoryRoot.Find(), "src", "Bpm.Server", "bin", configuration, framework, "Bpm.Server.dll");
        Assert.True(File.Exists(dll), $"build the server first: {dll} is missing");
        return dll;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
