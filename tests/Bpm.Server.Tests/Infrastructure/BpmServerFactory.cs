using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bpm.Server.Tests.Infrastructure;

/// <summary>
/// The real server (Program) in memory, on a database of the given provider and a temp data
/// folder; the first request runs the real start-up: migrations, organisation, demo users, samples.
/// The environment is not Development, so the demo users exist only because the tests ask for them
/// (<c>Bpm:SeedDemoUsers</c>), as a script would; <paramref name="seedDemoUsers"/> false leaves the
/// setting unset, as on a production server. <paramref name="configure"/> adds settings or services of one test.
/// </summary>
public sealed class BpmServerFactory(string provider, string? connectionString, bool seedDemoUsers = true, Action<IWebHostBuilder>? configure = null) : WebApplicationFactory<Program>
{
    public const string SimulatedBankKey = "khoa-ngan-hang-gia-lap-cua-bai-thu";

    public string DataPath { get; } = Path.Combine(Path.GetTempPath(), "bpm-server-tests-" + Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Bpm:DataPath", DataPath);
        builder.UseSetting("Database:Provider", provider);
        if (seedDemoUsers)
        {
            builder.UseSetting("Bpm:SeedDemoUsers", "true");
        }

        if (connectionString is not null)
        {
            builder.UseSetting("Database:ConnectionString", connectionString);
        }

        // Every test signs in from the same client; only the tests about the limits use real ones (SignInLimitsTests).
        builder.UseSetting("Bpm:RateLimits:PermitLimit", "1000000");
        builder.UseSetting("Bpm:RateLimits:SignInPermitLimit", "1000000");
        builder.UseSetting("Bpm:RateLimits:PublicLookupPermitLimit", "1000000");

        // The simulated bank, with a key the payment tests sign their callbacks with.
        builder.UseSetting("Bpm:Payments:SimulatedBankEnabled", "true");
        builder.UseSetting("Bpm:Payments:SimulatedBankKey", SimulatedBankKey);

        configure?.Invoke(builder);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(DataPath))
        {
            Directory.Delete(DataPath, recursive: true);
        }
    }
}
