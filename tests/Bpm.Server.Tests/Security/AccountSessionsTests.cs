using Bpm.Organisation;
using Bpm.Persistence;
using Bpm.Persistence.Providers;
using Bpm.Server.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Bpm.Server.Tests.Security;

/// <summary>The cached account sessions on SQLite: kept for their lifetime, read again once forgotten or expired.</summary>
public sealed class AccountSessionsTests : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "bpm-sessions-" + Guid.NewGuid().ToString("N"));
    private readonly DbContextOptions<OrganisationDbContext> _options;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2027, 3, 2, 2, 0, 0, TimeSpan.Zero));

    public AccountSessionsTests()
    {
        Directory.CreateDirectory(_folder);
        var options = new DbContextOptionsBuilder<OrganisationDbContext>();
        options.UseBpmOrganisation(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_folder, "bpm.db")};Pooling=False");
        _options = options.Options;
        using var db = new OrganisationDbContext(_options);
        db.Database.EnsureCreated();
        db.Units.AddRange(
            Unit("XA-A", null), Unit("XA-A.LANHDAO", "XA-A"), Unit("XA-A.TUPHAP", "XA-A"), Unit("XA-B", null), Unit("XA-B.TUPHAP", "XA-B"));
        db.Users.Add(new BpmUser { Id = "u1", UserName = "u1", DisplayName = "Một", SecurityStamp = "stamp-1" });
        db.Memberships.Add(new UnitMembership { UserId = "u1", UnitCode = "XA-A.TUPHAP", Role = "specialist" });
        db.SaveChanges();
    }

    [Fact]
    public async Task GetAsync_MembershipAddedInDatabase_ServedFromTheCopyUntilItExpires()
    {
        var sessions = new AccountSessions(_clock, Lifetime);
        Assert.Equal(["XA-A.TUPHAP"], await UnitsAsync(sessions));
        AddMembership("XA-B.TUPHAP");

        _clock.Advance(Lifetime - TimeSpan.FromSeconds(1));
        Assert.Equal(["XA-A.TUPHAP"], await UnitsAsync(sessions));

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["XA-A.TUPHAP", "XA-B.TUPHAP"], await UnitsAsync(sessions));
    }

    [Fact]
    public async Task GetAsync_AfterForget_ReadsTheAccountAgainAtOnce()
    {
        var sessions = new AccountSessions(_clock, Lifetime);
        Assert.Equal("stamp-1", (await GetAsync(sessions))!.SecurityStamp);
        await using (var db = new OrganisationDbContext(_options))
        {
            await db.Users.Where(u => u.Id == "u1").ExecuteUpdateAsync(u => u.SetProperty(x => x.SecurityStamp, "stamp-2"));
        }

        Assert.Equal("stamp-1", (await GetAsync(sessions))!.SecurityStamp);
        sessions.Forget("u1");

        Assert.Equal("stamp-2", (await GetAsync(sessions))!.SecurityStamp);
    }

    [Fact]
    public async Task GetAsync_LifetimeZero_ReadsEveryTime()
    {
        var sessions = new AccountSessions(_clock, TimeSpan.Zero);
        Assert.Equal(["XA-A.TUPHAP"], await UnitsAsync(sessions));

        AddMembership("XA-B.TUPHAP");

        Assert.Equal(["XA-A.TUPHAP", "XA-B.TUPHAP"], await UnitsAsync(sessions));
    }

    [Fact]
    public async Task GetAsync_LockedAccount_LockedUntilItsEnd()
    {
        await using (var db = new OrganisationDbContext(_options))
        {
            await db.Users.Where(u => u.Id == "u1").ExecuteUpdateAsync(u => u
                .SetProperty(x => x.LockoutEnabled, true)
                .SetProperty(x => x.LockoutEnd, _clock.GetUtcNow().AddMinutes(10)));
        }

        var session = (await GetAsync(new AccountSessions(_clock, Lifetime)))!;

        Assert.True(session.IsLockedOut(_clock.GetUtcNow()));
        Assert.False(session.IsLockedOut(_clock.GetUtcNow().AddMinutes(11)));
    }

    [Fact]
    public async Task GetAsync_UnknownAccount_Null()
    {
        await using var db = new OrganisationDbContext(_options);

        Assert.Null(await new AccountSessions(_clock, Lifetime).GetAsync("khong-co", db, CancellationToken.None));
    }

    [Fact]
    public async Task GetAsync_LeadershipMembership_SupervisesEveryUnitOfItsAgencyOnly()
    {
        AddMembership("XA-A.LANHDAO", "leader");

        var session = (await GetAsync(new AccountSessions(_clock, Lifetime)))!;

        Assert.Equal(["XA-A", "XA-A.LANHDAO", "XA-A.TUPHAP"], session.SupervisedUnits.Order(StringComparer.Ordinal).ToArray());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static OrganisationUnit Unit(string code, string? parent) =>
        new() { Code = code, Name = code, Level = "commune", ParentCode = parent, ValidFrom = new DateOnly(2025, 7, 1) };

    private async Task<AccountSession?> GetAsync(AccountSessions sessions)
    {
        await using var db = new OrganisationDbContext(_options);
        return await sessions.GetAsync("u1", db, CancellationToken.None);
    }

    private async Task<string[]> UnitsAsync(AccountSessions sessions) =>
        [.. (await GetAsync(sessions))!.Memberships.Select(m => m.UnitCode).Order(StringComparer.Ordinal)];

    private void AddMembership(string unit, string role = "specialist")
    {
        using var db = new OrganisationDbContext(_options);
        db.Memberships.Add(new UnitMembership { UserId = "u1", UnitCode = unit, Role = role });
        db.SaveChanges();
    }
}
