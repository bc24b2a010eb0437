namespace Bpm.Load.Tests;

public sealed class LoadOptionsTests
{
    private static readonly string[] Get = ["get", "--url", "http://127.0.0.1:5000", "--count", "300"];

    [Fact]
    public void Parse_WarmUpGiven_KeptApartFromTheCount()
    {
        var (options, error) = LoadOptions.Parse([.. Get, "--warm-up", "1000"]);

        Assert.Null(error);
        Assert.Equal(1000, options!.WarmUp);
        Assert.Equal(300, options.Count);
    }

    [Fact]
    public void Parse_NoWarmUp_NoneRun()
    {
        var (options, error) = LoadOptions.Parse(Get);

        Assert.Null(error);
        Assert.Equal(0, options!.WarmUp);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("100001")]
    [InlineData("-5")]
    [InlineData("nhiều")]
    public void Parse_WarmUpOutOfBounds_RefusedNamingTheOption(string value)
    {
        var (options, error) = LoadOptions.Parse([.. Get, "--warm-up", value]);

        Assert.Null(options);
        Assert.StartsWith($"--warm-up '{value}' must be a whole number from 1 to ", error);
    }
}
