using Bpm.Persistence;
using Bpm.Server.Hosting;
using Microsoft.Extensions.Configuration;

namespace Bpm.Server.Tests.Hosting;

public sealed class DatabaseOptionsTests
{
    private static readonly BpmPaths Paths = new(Path.Combine(Path.GetTempPath(), "bpm-options-" + Guid.NewGuid().ToString("N")), Path.GetTempPath());

    private static DatabaseOptions Resolve(params (string Key, string Value)[] settings) =>
        DatabaseOptions.Resolve(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build(), Paths);

    [Fact]
    public void Resolve_NoSetting_SqliteInTheDataFolder()
    {
        var options = Resolve();

        Assert.Equal(DatabaseProvider.Sqlite, options.Provider);
        Assert.Equal($"Data Source={Path.Combine(Paths.DataPath, "bpm.db")}", options.ConnectionString);
        Directory.Delete(Paths.DataPath);
    }

    [Theory]
    [InlineData("PostgreSQL", DatabaseProvider.PostgreSql)]
    [InlineData("sqlserver", DatabaseProvider.SqlServer)]
    public void Resolve_ProviderInAnyCase_ThatProvider(string name, DatabaseProvider expected)
    {
        Assert.Equal(expected, Resolve(("Database:Provider", name), ("ConnectionStrings:Bpm", "Host=db")).Provider);
    }

    [Fact]
    public void Resolve_UnknownProvider_ListsTheAllowedOnes()
    {
        var e = Assert.Throws<UnknownDatabaseProviderException>(() => Resolve(("Database:Provider", "oracle")));

        Assert.Equal("Database:Provider 'oracle' is not a database provider; use sqlite, postgresql or sqlserver", e.Message);
    }

    [Fact]
    public void Resolve_ServerProviderWithoutConnectionString_SaysWhichSettings()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Resolve(("Database:Provider", "postgresql")));

        Assert.Contains("Database:ConnectionString or ConnectionStrings:Bpm", e.Message);
    }
}
