using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bpm.Testing;

/// <summary>A migrated database of one provider, shared by the tests of a class.</summary>
public interface IDatabaseFixture
{
    /// <summary>Why the database cannot be had (the tests skip, saying so), or null.</summary>
    string? SkipReason { get; }

    /// <summary>A new context on the fixture's database, with optional interceptors (test seams).</summary>
    BpmDbContext CreateContext(params IInterceptor[] interceptors);
}

public static class DatabaseFixtureExtensions
{
    public static DbContextOptions<BpmDbContext> WithInterceptors(this DbContextOptions<BpmDbContext> options, IInterceptor[] interceptors) =>
        interceptors.Length == 0 ? options : new DbContextOptionsBuilder<BpmDbContext>(options).AddInterceptors(interceptors).Options;
}
