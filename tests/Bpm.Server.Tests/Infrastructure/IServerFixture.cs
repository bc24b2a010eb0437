namespace Bpm.Server.Tests.Infrastructure;

/// <summary>A running test server on one database provider.</summary>
public interface IServerFixture
{
    /// <summary>Why the provider's database cannot be had (the tests skip, saying so), or null.</summary>
    string? SkipReason { get; }

    BpmServerFactory Factory { get; }
}
