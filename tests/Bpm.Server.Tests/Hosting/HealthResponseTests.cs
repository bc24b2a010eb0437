using System.Text;
using System.Text.Json;
using Bpm.Server.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bpm.Server.Tests.Hosting;

/// <summary>The anonymous /health answer holds status words only, never a failing check's exception.</summary>
public sealed class HealthResponseTests
{
    [Fact]
    public async Task WriteAsync_FailingDatabaseCheck_StatusWordsWithoutTheException()
    {
        var failure = new InvalidOperationException("Failed to connect to 10.0.0.5:5432 as user bpm_admin with Password=Bi-mat-2026");
        var report = new HealthReport(
            new Dictionary<string, HealthReportEntry>
            {
                ["workflow-database"] = new(HealthStatus.Unhealthy, "cannot connect", TimeSpan.FromMilliseconds(12), failure, null),
                ["organisation-database"] = new(HealthStatus.Healthy, null, TimeSpan.FromMilliseconds(3), null, null),
            },
            TimeSpan.FromMilliseconds(15));
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();

        await HealthResponse.WriteAsync(context, report);

        var text = Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
        Assert.DoesNotContain("10.0.0.5", text);
        Assert.DoesNotContain("Password", text);
        Assert.DoesNotContain("cannot connect", text);
        var health = JsonDocument.Parse(text).RootElement;
        Assert.Equal("Unhealthy", health.GetProperty("status").GetString());
        var checks = health.GetProperty("checks").EnumerateArray().ToList();
        Assert.All(checks, c => Assert.Equal(["name", "status"], c.EnumerateObject().Select(p => p.Name)));
        Assert.Contains(checks, c => c.GetProperty("name").GetString() == "workflow-database" && c.GetProperty("status").GetString() == "Unhealthy");
    }
}
