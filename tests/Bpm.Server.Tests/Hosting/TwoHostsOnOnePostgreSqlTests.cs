using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bpm.Persistence;
using Bpm.Server.Tests.Features.Dossiers;
using Bpm.Server.Tests.Infrastructure;
using Bpm.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Server.Tests.Hosting;

/// <summary>
/// Two Bpm hosts on one PostgreSQL database, each the real server with its own scheduler and outbox
/// pump (docs/scaling.md): receptions spread over both, every completion sent to both at once by
/// the same specialist.
/// Nothing may be lost or doubled — one dossier per reception, each task completed once, every
/// journal chain intact when verified through the other host, and each outbox row delivered by one
/// host once (the leased dispatch; both hosts' pumps feed one counting consumer).
/// </summary>
public sealed class TwoHostsOnOnePostgreSqlTests : IAsyncLifetime
{
    private const int Dossiers = 8;
    private const string Password = ServerTestBase<SqliteServerFixture>.Password;

    private readonly PostgresDatabase _database = new("PostgreSQL two-host tests", "bpm_two_hosts");
    private readonly List<BpmServerFactory> _hosts = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<(int Host, long OutboxId)> _deliveries = new();

    public Task InitializeAsync()
    {
        if (_database.ConnectionString is { } connection)
        {
            // One after the other: the first host migrates and seeds the database, the second finds it ready.
            for (var i = 0; i < 2; i++)
            {
                var index = i;
                var host = new BpmServerFactory("postgresql", connection, configure: b => b.ConfigureServices(s => s.AddSingleton<Func<OutboxMessage, CancellationToken, Task>>((m, _) =>
                {
                    _deliveries.Enqueue((index, m.Id));
                    return Task.CompletedTask;
                })));
                _ = host.Server;
                _hosts.Add(host);
            }
        }

        return Task.CompletedTask;
    }

    [SkippableFact]
    public async Task ReceptionsAndCompletions_SpreadOverTwoHosts_NothingLostOrDoubled()
    {
        Skip.If(_database.SkipReason is not null, _database.SkipReason);
        var desks = await Task.WhenAll(_hosts.Select(h => SignInAsync(h, "motcua.phuonglam")));
        var specialists = await Task.WhenAll(_hosts.Select(h => SignInAsync(h, "tuphap.phuonglam")));

        var receptions = await Task.WhenAll(Enumerable.Range(0, Dossiers).Select(i => desks[i % 2].PostAsJsonAsync("/api/v1/dossiers", DossierBodies.BirthRegistration())));
        var codes = new List<string>();
        foreach (var response in receptions)
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            codes.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!);
        }

        Assert.Equal(Dossiers, codes.Distinct().Count());
        for (var i = 0; i < Dossiers; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await desks[(i + 1) % 2].PostAsJsonAsync($"/api/v1/dossiers/{codes[i]}/handover", new { })).StatusCode);
        }

        foreach (var code in codes)
        {
            var items = (await specialists[0].GetFromJsonAsync<JsonElement>($"/api/v1/tasks?dossierCode={Uri.EscapeDataString(code)}")).GetProperty("items").EnumerateArray();
            var taskId = items.Single(t => t.GetProperty("elementId").GetString() == "Task_ThamDinh").GetProperty("id").GetString()!;
            var both = await Task.WhenAll(specialists.Select(s => s.PostAsJsonAsync($"/api/v1/tasks/{taskId}/complete", new { outcome = "approve", comment = "Đủ điều kiện." })));
            // The same specialist on both hosts: one completion applies, the other is its replay (nothing moves twice).
            Assert.All(both, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            var replayed = await Task.WhenAll(both.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetBoolean()));
            Assert.Single(replayed, r => !r);
        }

        await using var scope = _hosts[0].Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BpmDbContext>();
        var stored = await db.Dossiers.AsNoTracking().Where(d => codes.Contains(d.Code)).Select(d => new { d.Code, d.InstanceId }).ToListAsync();
        Assert.Equal(Dossiers, stored.Count);
        Assert.Equal(Dossiers, stored.Select(d => d.InstanceId).Distinct().Count());
        var instances = stored.Select(d => d.InstanceId).ToList();
        var completions = await db.Journal.AsNoTracking().Where(j => instances.Contains(j.InstanceId) && j.Type == "task-completed").Select(j => new { j.InstanceId, j.Payload }).ToListAsync();
        foreach (var instance in instances)
        {
            Assert.Single(completions, c => c.InstanceId == instance && c.Payload.Contains("\"elementId\":\"Task_ThamDinh\"", StringComparison.Ordinal));
        }

        // The pumps run every second on each host; a bounded wait for the last rows, not a measure of speed.
        var outbox = await db.Outbox.AsNoTracking().Where(o => instances.Contains(o.InstanceId)).ToListAsync();
        for (var wait = 0; wait < 600 && outbox.Any(o => o.DispatchedAt is null); wait++)
        {
            await Task.Delay(100);
            outbox = await db.Outbox.AsNoTracking().Where(o => instances.Contains(o.InstanceId)).ToListAsync();
        }

        Assert.All(outbox, o => Assert.Equal((true, 1, (string?)null), (o.DispatchedAt is not null, o.Attempts, o.LastError)));
        var delivered = _deliveries.Where(d => outbox.Any(o => o.Id == d.OutboxId)).ToList();
        Assert.Equal(outbox.Select(o => o.Id).Order(), delivered.Select(d => d.OutboxId).Order());

        foreach (var instance in instances)
        {
            var verdict = await specialists[1].GetFromJsonAsync<JsonElement>($"/api/v1/instances/{instance}/verify");
            Assert.True(verdict.GetProperty("intact").GetBoolean(), $"{instance}: {verdict}");
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        _database.Dispose();
    }

    private static async Task<HttpClient> SignInAsync(BpmServerFactory host, string userName)
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password = Password });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"sign-in of {userName}: {(int)response.StatusCode}");
        return client;
    }
}
