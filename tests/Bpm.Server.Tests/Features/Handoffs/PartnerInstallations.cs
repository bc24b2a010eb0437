using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Bpm.Dossiers.Catalog;
using Bpm.Dossiers.Handoffs;
using Bpm.Persistence;
using Bpm.Server.Tests.Features.Dossiers;
using Bpm.Server.Tests.Infrastructure;
using Bpm.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Server.Tests.Features.Handoffs;

/// <summary>How the two installations of <see cref="PartnerInstallations"/> sign their requests.</summary>
public enum PartnerSigning
{
    /// <summary>One shared HMAC key, configured as before rotation (<c>Partners:0:Secret</c>).</summary>
    SharedSecret,

    /// <summary>Each its own ECDSA P-256 key pair: its <c>PrivateKey</c>, the other's <c>PublicKey</c>.</summary>
    Ecdsa,

    /// <summary>Two named shared keys in rotation (<c>Partners:0:Keys</c>): <see cref="PartnerInstallations.OldKeyId"/> until <see cref="PartnerInstallations.OldKeyUntil"/>, <see cref="PartnerInstallations.NewKeyId"/> from <see cref="PartnerInstallations.NewKeyFrom"/>.</summary>
    RotatingSecrets,
}

/// <summary>
/// Two Bpm installations, each the real server (Program) in this process on its own database
/// (SQLite, or a database of its own on one PostgreSQL server) and data folder, listening with
/// Kestrel on a real loopback port, partners of each other (<see cref="PartnerSigning"/>):
/// <see cref="Commune"/> ("tinh-a") runs the commune's land process and sends its handoffs for the
/// land registration office (VPDKDD) to <see cref="Office"/> ("tinh-b"), which runs the office's
/// process. In-process hosts rather than server processes: the tests read each side's database
/// and set one shared clock that both hosts sign and verify with, and the requests between them
/// still go over real HTTP on 127.0.0.1. <see cref="StartOfficeAsync"/> may come later than
/// <see cref="StartCommuneAsync"/>: until then nothing listens on the office's port (the partner is down).
/// </summary>
public sealed class PartnerInstallations : IAsyncDisposable
{
    public const string Secret = "khoa-chung-tinh-a-tinh-b-cua-bai-thu-lien-thong";
    public const string NewSecret = "khoa-chung-moi-tinh-a-tinh-b-tu-thang-12-nam-2026";
    public const string OldKeyId = "2026-1";
    public const string NewKeyId = "2026-2";
    public const string CommuneId = "tinh-a";
    public const string OfficeId = "tinh-b";

    /// <summary>The old shared key's last moment (<see cref="PartnerSigning.RotatingSecrets"/>): 16 December 2026, 08:00 in Vietnam.</summary>
    public static readonly DateTimeOffset OldKeyUntil = new(2026, 12, 16, 1, 0, 0, TimeSpan.Zero);

    /// <summary>The new shared key's first moment: 14 December 2026, 08:00 in Vietnam; the two overlap for two days.</summary>
    public static readonly DateTimeOffset NewKeyFrom = new(2026, 12, 14, 1, 0, 0, TimeSpan.Zero);

    private readonly int _communePort = FreePort();
    private readonly int _officePort = FreePort();
    private readonly PartnerSigning _signing;
    private readonly ECDsa _communeKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _officeKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <param name="communeDatabase">The commune's connection string for <paramref name="provider"/>; null: a SQLite file of its own.</param>
    /// <param name="officeSettings">Settings of the office's server beyond the partners' (its paper limits, say).</param>
    public PartnerInstallations(
        string provider = "sqlite", string? communeDatabase = null, string? officeDatabase = null, PartnerSigning signing = PartnerSigning.SharedSecret,
        IReadOnlyDictionary<string, string>? officeSettings = null)
    {
        _signing = signing;
        Commune = Host(provider, communeDatabase, _communePort, CommuneId, _communeKey, _officePort, OfficeId, _officeKey, ["VPDKDD"], null);
        Office = Host(provider, officeDatabase, _officePort, OfficeId, _officeKey, _communePort, CommuneId, _communeKey, [], officeSettings);
    }

    public DossierClock Clock { get; } = new() { Now = new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero) };

    public BpmServerFactory Commune { get; }

    public BpmServerFactory Office { get; }

    public Uri OfficeUrl => new($"http://127.0.0.1:{_officePort}/");

    public Uri CommuneUrl => new($"http://127.0.0.1:{_communePort}/");

    /// <summary>How <paramref name="installation"/> signs for its partner now: the shared key (the new one in rotation) or its own private key.</summary>
    public HandoffSignature SignatureOf(string installation) => _signing switch
    {
        PartnerSigning.Ecdsa => HandoffSignature.Ecdsa(installation == CommuneId ? _communeKey : _officeKey),
        PartnerSigning.RotatingSecrets => HandoffSignature.Hmac(NewSecret),
        _ => HandoffSignature.Hmac(Secret),
    };

    /// <summary>The key id <see cref="SignatureOf"/> is sent with; null when the keys are not named.</summary>
    public string? KeyIdOf() => _signing == PartnerSigning.RotatingSecrets ? NewKeyId : null;

    public Task StartCommuneAsync() => StartAsync(Commune, _communePort, "lien-thong-dinh-chinh-gcn", land: true);

    public Task StartOfficeAsync() => StartAsync(Office, _officePort, "lien-thong-chinh-ly-vpdkdd", land: false);

    public async ValueTask DisposeAsync()
    {
        await Commune.DisposeAsync();
        await Office.DisposeAsync();
        _communeKey.Dispose();
        _officeKey.Dispose();
    }

    private BpmServerFactory Host(
        string provider, string? database, int port, string self, ECDsa ownKey, int partnerPort, string partner, ECDsa partnerKey, string[] agencies, IReadOnlyDictionary<string, string>? settings) =>
        new(provider, database, configure: b =>
        {
            b.UseSetting("Bpm:ImportSamples", "false");
            b.UseSetting("Bpm:Handoffs:InstallationId", self);
            b.UseSetting("Bpm:Handoffs:PublicUrl", $"http://127.0.0.1:{port}/");
            b.UseSetting("Bpm:Handoffs:DispatchInterval", "00:00:00.2");
            b.UseSetting("Bpm:Handoffs:Partners:0:Id", partner);
            b.UseSetting("Bpm:Handoffs:Partners:0:BaseUrl", $"http://127.0.0.1:{partnerPort}/");
            switch (_signing)
            {
                case PartnerSigning.Ecdsa:
                    b.UseSetting("Bpm:Handoffs:PrivateKey", ownKey.ExportECPrivateKeyPem());
                    b.UseSetting("Bpm:Handoffs:Partners:0:PublicKey", partnerKey.ExportSubjectPublicKeyInfoPem());
                    break;
                case PartnerSigning.RotatingSecrets:
                    b.UseSetting("Bpm:Handoffs:Partners:0:Keys:0:Id", OldKeyId);
                    b.UseSetting("Bpm:Handoffs:Partners:0:Keys:0:Secret", Secret);
                    b.UseSetting("Bpm:Handoffs:Partners:0:Keys:0:NotAfter", OldKeyUntil.ToString("O"));
                    b.UseSetting("Bpm:Handoffs:Partners:0:Keys:1:Id", NewKeyId);
                    b.UseSetting("Bpm:Handoffs:Partners:0:Keys:1:Secret", NewSecret);
                    b.UseSetting("Bpm:Handoffs:Partners:0:Keys:1:NotBefore", NewKeyFrom.ToString("O"));
                    break;
                default:
                    b.UseSetting("Bpm:Handoffs:Partners:0:Secret", Secret);
                    break;
            }

            for (var i = 0; i < agencies.Length; i++)
            {
                b.UseSetting($"Bpm:Handoffs:Partners:0:Agencies:{i}", agencies[i]);
            }

            foreach (var (name, value) in settings ?? new Dictionary<string, string>())
            {
                b.UseSetting(name, value);
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
