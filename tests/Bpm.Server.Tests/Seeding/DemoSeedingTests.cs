using Bpm.Server.Seeding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Bpm.Server.Tests.Seeding;

public sealed class DemoSeedingTests
{
    [Theory]
    [InlineData("Development", null, true)]
    [InlineData("Development", "false", false)]
    [InlineData("Production", null, false)]
    [InlineData("Testing", null, false)]
    [InlineData("Production", "true", true)]
    [InlineData("Staging", "True", true)]
    public void IsEnabled_DevelopmentByDefaultElsewhereOnlyWhenAsked(string environment, string? setting, bool expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(setting is null ? [] : [new KeyValuePair<string, string?>(DemoSeeding.Setting, setting)])
            .Build();

        Assert.Equal(expected, DemoSeeding.IsEnabled(configuration, new Environment(environment)));
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Bpm.Server";

        public string ContentRootPath { get; set; } = "";

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
