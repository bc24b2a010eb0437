using System.Net;
using System.Net.Http.Json;
using Bpm.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Server.Tests.Hosting;

/// <summary>
/// A legal due date is never computed without the working calendar: the server does not start
/// without it, and a date its holiday rules do not cover is refused with the covered period.
/// </summary>
public sealed class WorkingCalendarTests
{
    [Fact]
    public async Task Start_RepositoryRootWithoutCalendars_RefusesNamingThePath()
    {
        var root = Directory.CreateTempSubdirectory("bpm-no-calendar-").FullName;
        await using var factory = new BpmServerFactory("sqlite", null, configure: b => b.UseSetting("Bpm:RepositoryRoot", root));
        try
        {
            var e = Assert.Throws<InvalidOperationException>(() => factory.Server);

            Assert.Contains("cannot start without the working calendar", e.Message);
            Assert.Contains(Path.Combine(root, "workflows/calendars"), e.Message);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task StartInstance_ClockBeforeTheHolidayRules_UnprocessableNamingThePeriodAndNothingStored()
    {
        var clock = new SettableClock(TimeProvider.System.GetUtcNow());
        await using var factory = new BpmServerFactory("sqlite", null, configure: b =>
        {
            b.UseSetting("Bpm:Timers:Enabled", "false");
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock));
        });
        var client = factory.CreateClient();
        var signIn = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = "motcua.phuonglam", password = ServerTestBase<SqliteServerFixture>.Password });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);

        // 1 June 1999, 09:00 in Vietnam: before the rules (2000–2100), so P1D cannot be counted.
        clock.Now = new DateTimeOffset(1999, 6, 1, 2, 0, 0, TimeSpan.Zero);
        const string code = "000.27.22.H10-990601-0001";
        var response = await client.PostAsJsonAsync("/api/v1/instances", new
        {
            definitionId = ServerTestBase<SqliteServerFixture>.BirthRegistration,
            businessKey = code,
            variables = new { dossierCode = code, applicantName = "Nguyễn Văn An", childName = "Nguyễn Minh Khôi" },
        });

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, text);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Ngày nằm ngoài lịch làm việc", text);
        Assert.Contains("01/06/1999", text);
        Assert.Contains("01/01/2000 – 31/12/2100", text);
        Assert.Contains("\"coveredFrom\":\"2000-01-01\"", text);
        Assert.DoesNotContain("   at ", text);

        var tasks = await client.GetAsync($"/api/v1/tasks?dossierCode={code}");
        Assert.DoesNotContain(code, await tasks.Content.ReadAsStringAsync());
    }

    /// <summary>A clock a test can set backwards, which FakeTimeProvider refuses to do.</summary>
    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
