namespace Bpm.Server.Seeding;

/// <summary>
/// Whether the demo accounts (one shared, published password) exist: in Development — what the
/// README's <c>dotnet run</c> uses — unless <c>Bpm:SeedDemoUsers=false</c>; elsewhere only with
/// <c>Bpm:SeedDemoUsers=true</c>. The home page lists them only then.
/// </summary>
public static class DemoSeeding
{
    public const string Setting = "Bpm:SeedDemoUsers";

    public static bool IsEnabled(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue<bool?>(Setting) ?? environment.IsDevelopment();
}
