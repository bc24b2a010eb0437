using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bpm.Integration;
using Bpm.Integration.NationalPortal;
using Bpm.Persistence;
using Bpm.Server.Features.Integration;
using Bpm.Server.Hosting;
using Bpm.Server.Tests.Features.Dossiers;
using Bpm.Server.Tests.Infrastructure;
using Bpm.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Server.Tests.Features.Integration;

/// <summary>The national portal told of a received dossier, the population look-up over the API, and <c>Bpm:Integration</c> choosing the adapters; nothing leaves the machine.</summary>
public abstract class IntegrationTestBase<TFixture>(TFixture fixture) : ServerTestBase<TFixture>(fixture)
    where TFixture : class, IServerFixture
{
    [SkippableFact]
    public async Task Receive_ThenTheSyncPass_TheDefaultFilePortalHasTheReceivedStatus()
    {
        SkipUnlessAvailable();
        var reception = await SignInAsync("motcua.phuonglam");
        var code = (await JsonAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", DossierBodies.BirthRegistration()), HttpStatusCode.Created)).GetProperty("code").GetString()!;

        using var scope = Factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<PortalSync>().SyncAsync();

        var row = await scope.ServiceProvider.GetRequiredService<BpmDbContext>().PortalSyncs.AsNoTracking().SingleAsync(s => s.DossierCode == code);
        Assert.NotNull(row.SyncedAt);
        Assert.StartsWith("file: ", row.LastAnswer);
        var lines = await File.ReadAllLinesAsync(Path.Combine(Factory.DataPath, "integration", "national-portal.jsonl"));
        var update = lines.Select(l => JsonDocument.Parse(l).RootElement).Single(u => u.GetProperty("dossierCode").GetString() == code);
        Assert.Equal("2", update.GetProperty("status").GetProperty("code").GetString());
        Assert.Equal("1.001193", update.GetProperty("procedureCode").GetString());
    }

    [SkippableFact]
    public async Task Population_KnownUnknownAndMalformedNumbers_FoundNamedAsTheSampleFile404And400()
    {
        SkipUnlessAvailable();
        var reception = await SignInAsync("motcua.phuonglam");

        var found = await JsonAsync(await reception.GetAsync("/api/v1/population/052090001234"), HttpStatusCode.OK);
        var unknown = await ProblemAsync(await reception.GetAsync("/api/v1/population/052090009999"), HttpStatusCode.NotFound);
        var malformed = await ProblemAsync(await reception.GetAsync("/api/v1/population/05209000123"), HttpStatusCode.BadRequest);

        Assert.Equal("Nguyễn Văn An", found.GetProperty("fullName").GetString());
        Assert.Equal("1990-03-15", found.GetProperty("dateOfBirth").GetString());
        Assert.Contains("không phải CSDL quốc gia về dân cư thật", found.GetProperty("source").GetString());
        Assert.Contains("052090009999", unknown.GetProperty("detail").GetString());
        Assert.Contains("12 chữ số", malformed.ToString());
    }

    [SkippableFact]
    public async Task Population_Anonymous_NotAnswered()
    {
        SkipUnlessAvailable();

        var response = await Anonymous().GetAsync("/api/v1/population/052090001234");

        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Redirect, response.StatusCode.ToString());
    }
}

/// <summary>The adapters <c>Bpm:Integration</c> builds: HTTP to a stub on loopback when asked, and a precise refusal of a bad setting.</summary>
public sealed class IntegrationSettingsTests : IDisposable
{
    private readonly BpmPaths _paths = new(Directory.CreateTempSubdirectory("bpm-integration-settings-").FullName, Bpm.Testing.RepositoryRoot.Find());
    private readonly ServiceProvider _services = new ServiceCollection().AddHttpClient().BuildServiceProvider();

    public void Dispose()
    {
        _services.Dispose();
        Directory.Delete(_paths.DataPath, recursive: true);
    }

    private IHttpClientFactory Http => _services.GetRequiredService<IHttpClientFactory>();

    [Fact]
    public async Task Portal_HttpTransportWithABaseAddress_CallsThatAddress()
    {
        string? got = null;
        await using var stub = await LoopbackHttpStub.StartAsync(app => app.MapPost("/dvcqg/dossiers/status", async (HttpRequest r) =>
        {
            got = await new StreamReader(r.Body).ReadToEndAsync();
            return Results.Ok();
        }));
        // Without its final slash: the base's last segment is kept all the same.
        var options = new IntegrationOptions.PortalOptions { Transport = "http", BaseAddress = new Uri(stub.BaseAddress, "dvcqg") };

        var portal = IntegrationSetup.Portal(options, _paths, Http);
        var answer = await portal.SyncStatusAsync(new PortalStatusUpdate("000.00.12.H08-261201-0007", "1.001193", "UBND.PHUONGLAM", new PortalStatus("2", "Được tiếp nhận"), DateTimeOffset.UnixEpoch, null, null), CancellationToken.None);

        Assert.Equal("http", portal.Name);
        Assert.True(answer.Accepted, answer.Detail);
        Assert.Contains("000.00.12.H08-261201-0007", got);
    }

    [Fact]
    public void Adapters_Default_FileAdaptersThatCallNobody()
    {
        var options = new IntegrationOptions();

        Assert.IsType<FileNationalPortal>(IntegrationSetup.Portal(options.Portal, _paths, Http));
        Assert.IsType<Bpm.Integration.Population.FilePopulationRegistry>(IntegrationSetup.Population(options.Population, _paths, Http, TimeProvider.System));
    }

    [Theory]
    [InlineData("http", null, "Bpm:Integration:Portal:Transport is http, but Bpm:Integration:Portal:BaseAddress is not an absolute URL")]
    [InlineData("ftp", null, "Bpm:Integration:Portal:Transport is 'ftp'; it must be file or http")]
    public void Portal_BadSetting_RefusedNamingTheSetting(string transport, string? baseAddress, string message)
    {
        var options = new IntegrationOptions.PortalOptions { Transport = transport, BaseAddress = baseAddress is null ? null : new Uri(baseAddress) };

        var refused = Assert.Throws<IntegrationConfigurationException>(() => IntegrationSetup.Portal(options, _paths, Http));

        Assert.Equal(message, refused.Message);
    }

    [Fact]
    public void Population_HttpWithoutBaseAddress_RefusedNamingTheSetting()
    {
        var options = new IntegrationOptions.PopulationOptions { Transport = "http" };

        var refused = Assert.Throws<IntegrationConfigurationException>(() => IntegrationSetup.Population(options, _paths, Http, TimeProvider.System));

        Assert.Contains("Bpm:Integration:Population:BaseAddress", refused.Message);
    }
}
