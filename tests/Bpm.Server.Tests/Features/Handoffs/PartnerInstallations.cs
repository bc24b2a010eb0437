using System.Net;
using System.Net.Sockets;
using Bpm.Dossiers.Catalog;
using Bpm.Persistence;
using Bpm.Server.Tests.Features.Dossiers;
using Bpm.Server.Tests.Infrastructure;
using Bpm.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Server.Tests.Features.Handoffs;

/// <summary>
/// Two Bpm installations, each the real server (Program) in this process on its own SQLite
/// database and data folder, listening with Kestrel on a real loopback port, partners of each
/// other with a shared HMAC key: <see cref="Commune"/> ("tinh-a") runs the commune's land process
/// and sends its handoffs for the land registration office (VPDKDD) to <see cref="Office"/>
/// ("tinh-b"), which runs the office's process. In-process hosts rather than server processes:
/// the tests read each side's database and set one shared clock that both hosts sign and verify
/// with, and the requests between them still go over real HTTP on 127.0.0.1.
/// <see cref="StartOfficeAsync"/> may come later than <see cref="StartCommuneAsync"/>: until then
/// nothing listens on the office's port (the partner is down).
/// </summary>
public sealed class PartnerInstallations : IAsyncDisposable
{
    public const string Secret = "khoa-chung-tinh-a-tinh-b-cua-bai-thu-lien-thong";
    public const string CommuneId = "tinh-a";
    public const string OfficeId = "tinh-b";

    private readonly int _communePort = FreePort();
    private readonly int _officePort = FreePort();

    public PartnerInstallations()
    {
        Commune = Host(_communePort, CommuneId, _officePort, OfficeId, ["VPDKDD"]);
        Office = Host(_officePort, OfficeId, _communePort, CommuneId, []);
    }

    public DossierClock Clock { get; } = new() { Now = new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero) };

    public BpmServerFactory Commune { get; }

    public BpmServerFactory Office { get; }

    public Uri OfficeUrl => new($"http://127.0.0.1:{_officePort}/");

    public Uri CommuneUrl => new($"http://127.0.0.1:{_communePort}/");

    public Task StartCommuneAsync() => StartAsync(Commune, _communePort, "lien-thong-dinh-chinh-gcn", land: true);

    public Task StartOfficeAsync() => StartAsync(Office, _officePort, "lien-thong-chinh-ly-vpdkdd", land: false);

    public async ValueTask DisposeAsync()
    {
        await Commune.DisposeAsync();
        await Office.DisposeAsync();
    }

    private BpmServerFactory Host(int port, string self, int partnerPort, string partner, string[] agencies) =>
        new("sqlite", null, configure: b =>
        {
            b.UseSetting("Bpm:ImportSamples", "false");
            b.UseSetting("Bpm:Handoffs:InstallationId", self);
            b.UseSetting("Bpm:Handoffs:PublicUrl", $"http://127.0.0.1:{port}/");
            b.UseSetting("Bpm:Handoffs:DispatchInterval", "00:00:00.2");
            b.UseSetting("Bpm:Handoffs:Partners:0:Id", partner);
            b.UseSetting("Bpm:Handoffs:Partners:0:BaseUrl", $"http://127.0.0.1:{partnerPort}/");
            b.UseSetting("Bpm:Handoffs:Partners:0:Secret", Secret);
            for (var i = 0; i < agencies.Length; i++)
            {
                b.UseSetting($"Bpm:Handoffs:Partners:0:Agencies:{i}", agencies[i]);
            }

            DossierClock.Install(Clock)(b);
        });

    private static async Task StartAsync(BpmServerFactory factory, int port, string definition, bool land)
    {
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        factory.StartServer();
        await using var scope = factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<DefinitionStore>();
        await store.SaveDraftAsync(definition, await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Find(), "workflows", "handoffs", definition + ".bpmn")), "thietke");
        await store.PublishAsync(definition, "thietke");
        if (land)
        {
            DossierClock.PrepareSigning(factory);
            var catalog = scope.ServiceProvider.GetRequiredService<ProcedureCatalog>();
            var procedure = (await catalog.FindAsync("1.115320"))!;
            await catalog.ImportAsync([procedure with { Levels = [.. procedure.Levels.Select(l => l with { ReceivingUnits = ["XA-PHUONGLAM.MOTCUA"] })] }]);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
