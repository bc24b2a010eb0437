using System.Text.Json;
using Bpm.Integration.NationalPortal;
using Bpm.Integration.Population;
using Bpm.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace Bpm.Integration.Tests;

/// <summary>The file adapters and the HTTP adapters against stubs on loopback: no call leaves the machine.</summary>
public sealed class ConnectorTests : IDisposable
{
    private static readonly FakeTimeProvider Today = new(new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero));
    private readonly string _scratch = Directory.CreateTempSubdirectory("bpm-integration-").FullName;
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
        Directory.Delete(_scratch, recursive: true);
    }

    private static PortalStatusUpdate Update(string code = "000.00.12.H08-261201-0007") => new(
        code, "1.001193", "Ủy ban nhân dân xã Phương Lâm", new PortalStatus("2", "Được tiếp nhận"),
        new DateTimeOffset(2026, 12, 1, 2, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 2, 2, 30, 0, TimeSpan.Zero), null);

    [Fact]
    public async Task FilePortal_TwoUpdates_TwoJsonLinesReadableVietnamese()
    {
        var path = Path.Combine(_scratch, "integration", "national-portal.jsonl");
        var portal = new FileNationalPortal(path);

        var answer = await portal.SyncStatusAsync(Update(), CancellationToken.None);
        await portal.SyncStatusAsync(Update("000.00.12.H08-261201-0008"), CancellationToken.None);

        Assert.True(answer.Accepted);
        var lines = await File.ReadAllLinesAsync(path);
        Assert.Equal(2, lines.Length);
        Assert.Contains("Được tiếp nhận", lines[0]);
        Assert.Equal("000.00.12.H08-261201-0008", JsonDocument.Parse(lines[1]).RootElement.GetProperty("dossierCode").GetString());
    }

    [Fact]
    public async Task HttpPortal_StubAccepts_UpdateWithTokenAndIdempotencyKey()
    {
        string? key = null, authorization = null, body = null;
        await using var stub = await LoopbackHttpStub.StartAsync(app => app.MapPost("/dvcqg/dossiers/status", async (HttpRequest r) =>
        {
            (key, authorization) = (r.Headers["Idempotency-Key"], r.Headers.Authorization);
            body = await new StreamReader(r.Body).ReadToEndAsync();
            return Results.Ok(new { ok = true });
        }));

        var answer = await new HttpNationalPortal(_http, new Uri(stub.BaseAddress, "dvcqg/"), "token-thu").SyncStatusAsync(Update(), CancellationToken.None);

        Assert.True(answer.Accepted, answer.Detail);
        Assert.Equal("000.00.12.H08-261201-0007:2:1796092200000", key);
        Assert.Equal("Bearer token-thu", authorization);
        var sent = JsonDocument.Parse(body!).RootElement;
        Assert.Equal("1.001193", sent.GetProperty("procedureCode").GetString());
        Assert.Equal("2", sent.GetProperty("status").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData(503, false)]
    [InlineData(429, false)]
    [InlineData(422, true)]
    public async Task HttpPortal_StubRefuses_PermanentOnlyForClientErrors(int status, bool permanent)
    {
        await using var stub = await LoopbackHttpStub.StartAsync(app => app.MapPost("/dossiers/status", () => Results.StatusCode(status)));

        var answer = await new HttpNationalPortal(_http, stub.BaseAddress, null).SyncStatusAsync(Update(), CancellationToken.None);

        Assert.False(answer.Accepted);
        Assert.Equal(permanent, answer.Permanent);
    }

    [Fact]
    public async Task FileRegistry_ShippedSample_FindsKnownAndNotUnknownAndRefusesMalformed()
    {
        var registry = new FilePopulationRegistry(RepositoryRoot.Combine("workflows", "integration", "population-sample.json"), Today);

        var found = Assert.IsType<CitizenLookup.Found>(await registry.FindAsync("052090001234", CancellationToken.None));
        Assert.Equal("Nguyễn Văn An", found.Citizen.FullName);
        Assert.Equal(new DateOnly(1990, 3, 15), found.Citizen.DateOfBirth);
        Assert.IsType<CitizenLookup.NotFound>(await registry.FindAsync("052090009999", CancellationToken.None));
        var invalid = Assert.IsType<CitizenLookup.Invalid>(await registry.FindAsync("05209000123", CancellationToken.None));
        Assert.Contains("12 chữ số", invalid.Reason);
    }

    [Fact]
    public void FileRegistry_SameNumberTwice_RefusedNamingTheEntry()
    {
        var path = Path.Combine(_scratch, "people.json");
        File.WriteAllText(path, """
            [ { "identityNumber": "052090001234", "fullName": "A", "dateOfBirth": "1990-01-01", "gender": "Nam", "permanentAddress": "x" },
              { "identityNumber": "052090001234", "fullName": "B", "dateOfBirth": "1990-01-01", "gender": "Nam", "permanentAddress": "x" } ]
            """);

        var error = Assert.Throws<IntegrationConfigurationException>(() => new FilePopulationRegistry(path, Today));

        Assert.Equal($"{path}: [1]: identityNumber 052090001234 is there twice", error.Message);
    }

    [Fact]
    public async Task HttpRegistry_Stub_FoundNotFoundUnavailable()
    {
        await using var stub = await LoopbackHttpStub.StartAsync(app => app.MapGet("/citizens/{number}", (string number) => number switch
        {
            "052195004321" => Results.Json(new { identityNumber = number, fullName = "Trần Thị Bích", dateOfBirth = "1995-11-02", gender = "Nữ", permanentAddress = "12 Trần Hưng Đạo" }),
            "052195000500" => Results.StatusCode(500),
            "052195000600" => Results.Json(new { identityNumber = "052195999999", fullName = "Người khác", dateOfBirth = "1995-01-01", gender = "Nam", permanentAddress = "x" }),
            _ => Results.NotFound(),
        }));
        var registry = new HttpPopulationRegistry(_http, stub.BaseAddress, "token", Today);

        Assert.Equal("Trần Thị Bích", Assert.IsType<CitizenLookup.Found>(await registry.FindAsync("052195004321", CancellationToken.None)).Citizen.FullName);
        Assert.IsType<CitizenLookup.NotFound>(await registry.FindAsync("052195001111", CancellationToken.None));
        Assert.Contains("500", Assert.IsType<CitizenLookup.Unavailable>(await registry.FindAsync("052195000500", CancellationToken.None)).Reason);
        Assert.IsType<CitizenLookup.Unavailable>(await registry.FindAsync("052195000600", CancellationToken.None));
    }

    [Fact]
    public async Task HttpRegistry_MalformedNumber_NeverSent()
    {
        var asked = 0;
        await using var stub = await LoopbackHttpStub.StartAsync(app => app.MapGet("/citizens/{**rest}", () =>
        {
            Interlocked.Increment(ref asked);
            return Results.NotFound();
        }));
        var registry = new HttpPopulationRegistry(_http, stub.BaseAddress, null, Today);

        Assert.IsType<CitizenLookup.Invalid>(await registry.FindAsync("../admin/x12", CancellationToken.None));
        Assert.IsType<CitizenLookup.Invalid>(await registry.FindAsync("999090001234", CancellationToken.None));
        Assert.Equal(0, asked);
    }

    [Fact]
    public async Task HttpRegistry_NothingListening_Unavailable()
    {
        Uri gone;
        await using (var stub = await LoopbackHttpStub.StartAsync(_ => { }))
        {
            gone = stub.BaseAddress;
        }

        var lookup = await new HttpPopulationRegistry(_http, gone, null, Today).FindAsync("052090001234", CancellationToken.None);

        Assert.IsType<CitizenLookup.Unavailable>(lookup);
    }
}
