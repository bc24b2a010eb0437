using Bpm.Dossiers.Dossiers;
using Bpm.Integration.NationalPortal;
using Bpm.Testing;

namespace Bpm.Integration.Tests;

public sealed class PortalMappingTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("bpm-integration-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void Load_ShippedFile_MapsEveryBpmStatus()
    {
        var mapping = PortalMapping.Load(RepositoryRoot.Combine("workflows", "integration", "national-portal.json"));

        Assert.All(DossierStatus.All, s => Assert.False(string.IsNullOrEmpty(mapping.StatusOf(s).Code)));
        Assert.Equal(new PortalStatus("10", "Đã trả kết quả"), mapping.StatusOf(DossierStatus.Returned));
        Assert.Equal(DossierStatus.All.Count, DossierStatus.All.Select(s => mapping.StatusOf(s).Code).Distinct().Count());
        Assert.Equal("1.001193", mapping.ProcedureCodeOf("1.001193"));
    }

    [Fact]
    public void Load_ProcedureMapped_NationalCodeInstead()
    {
        var path = Write(Statuses() + ", \"procedures\": { \"9.000001\": \"1.004227\" }");

        Assert.Equal("1.004227", PortalMapping.Load(path).ProcedureCodeOf("9.000001"));
    }

    [Theory]
    [InlineData("\"statuses\": 3", "'statuses' must be an object")]
    [InlineData("\"statuses\": { \"received\": { \"code\": \"2\", \"name\": \"Được tiếp nhận\" } }", "statuses: no portal status for processing, waiting-for-supplement")]
    [InlineData("\"statuses\": { \"archived\": { \"code\": \"2\", \"name\": \"x\" } }", "statuses.archived: Bpm has no such status")]
    [InlineData("\"statuses\": { \"received\": { \"code\": \"\", \"name\": \"x\" } }", "statuses.received: needs a non-empty \"code\" and \"name\"")]
    public void Load_WrongFile_RefusedNamingThePlace(string body, string expected)
    {
        var error = Assert.Throws<IntegrationConfigurationException>(() => PortalMapping.Load(Write(body)));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Load_NotJson_RefusedWithTheLine()
    {
        var path = Path.Combine(_scratch, "broken.json");
        File.WriteAllText(path, "{\n  \"statuses\": {\n    oops\n}");

        var error = Assert.Throws<IntegrationConfigurationException>(() => PortalMapping.Load(path));

        Assert.StartsWith($"{path}: not JSON (line 3)", error.Message, StringComparison.Ordinal);
    }

    private static string Statuses() =>
        "\"statuses\": {" + string.Join(", ", DossierStatus.All.Select((s, i) => $"\"{s}\": {{ \"code\": \"{i + 1}\", \"name\": \"{s}\" }}")) + "}";

    private string Write(string body)
    {
        var path = Path.Combine(_scratch, $"{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{ " + body + " }");
        return path;
    }
}
