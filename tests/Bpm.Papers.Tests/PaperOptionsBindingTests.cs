using Microsoft.Extensions.Configuration;

namespace Bpm.Papers.Tests;

/// <summary>The options bound from <c>Bpm:Papers</c> the way the server binds them (docs/papers.md).</summary>
public sealed class PaperOptionsBindingTests
{
    [Fact]
    public void Get_SectionWithEverySetting_BindsEach()
    {
        var configuration = Configuration(new()
        {
            ["Bpm:Papers:MaxFileBytes"] = "10485760",
            ["Bpm:Papers:MaxFilesPerDossier"] = "12",
            ["Bpm:Papers:AllowedTypes"] = "pdf,jpeg",
            ["Bpm:Papers:Path"] = "/srv/bpm/papers",
        });

        var options = configuration.GetSection(PaperOptions.Section).Get<PaperOptions>();

        Assert.Equal(new PaperOptions { MaxFileBytes = 10 * 1024 * 1024, MaxFilesPerDossier = 12, AllowedTypes = "pdf,jpeg", Path = "/srv/bpm/papers" }, options);
        Assert.Equal([PaperKind.Pdf, PaperKind.Jpeg], options!.AllowedKinds());
    }

    [Fact]
    public void Get_OneSettingOnly_OthersKeepDefaults()
    {
        var configuration = Configuration(new() { ["Bpm:Papers:AllowedTypes"] = "tiff" });

        var options = configuration.GetSection(PaperOptions.Section).Get<PaperOptions>();

        Assert.Equal(new PaperOptions { AllowedTypes = "tiff" }, options);
    }

    [Fact]
    public void Get_NoSection_NullSoTheServerFallsBackToDefaults()
    {
        Assert.Null(Configuration([]).GetSection(PaperOptions.Section).Get<PaperOptions>());
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
