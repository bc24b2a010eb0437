using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace Bpm.Papers.Tests;

public sealed class PaperIdTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 2, 30, 0, TimeSpan.Zero));

    [Fact]
    public void New_SameInstant_DistinctIdsCarryingThatInstant()
    {
        var a = PaperId.New(_time);
        var b = PaperId.New(_time);

        Assert.NotEqual(a, b);
        Assert.Equal(_time.GetUtcNow(), a.CreatedAt);
    }

    [Fact]
    public void Parse_ItsOwnText_RoundTrips()
    {
        var id = PaperId.New(_time);

        Assert.Matches("^[0-9a-f]{32}$", id.ToString());
        Assert.Equal(id, PaperId.Parse(id.ToString()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("../../etc/passwd")]
    [InlineData("0192f1a2-b3c4-7d5e-8f60-718293a4b5c6")]
    [InlineData("3f2504e04f8911d39a0c0305e82c3301")] // a version-1 GUID
    public void TryParse_NotAPaperId_False(string? text)
    {
        Assert.False(PaperId.TryParse(text, out _));
    }

    [Fact]
    public void Json_WrittenAndReadAsString()
    {
        var id = PaperId.New(_time);

        var json = JsonSerializer.Serialize(new { id });

        Assert.Equal($"{{\"id\":\"{id}\"}}", json);
        Assert.Equal(id, JsonSerializer.Deserialize<PaperId>($"\"{id}\""));
    }
}
