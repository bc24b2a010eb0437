using System.Net;
using System.Net.Http.Json;
using Bpm.Organisation;
using Bpm.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Server.Tests.Features.Dossiers;

/// <summary>
/// Where a dossier is received and the identifier its code opens with, both from the organisation
/// tree: a receptionist of several desks names one (<c>unitCode</c>); a desk without an identifier
/// issues no code. Receptions on 6–7 April 2027.
/// </summary>
public abstract class ReceivingUnitTestBase<TFixture>(TFixture fixture) : ServerTestBase<TFixture>(fixture)
    where TFixture : class, IDossierServerFixture
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    [SkippableFact]
    public async Task Receive_ReceptionistOfTwoDesks_NamesOneOfTheirsOrIsAsked()
    {
        SkipUnlessAvailable();
        Fixture.Clock.Now = new DateTimeOffset(2027, 4, 6, 9, 0, 0, Vietnam).ToUniversalTime();
        var userName = await CreateReceptionistAsync("XA-PHUONGLAM.MOTCUA", "XA-HOABINH.MOTCUA");
        var both = await SignInAsync(userName);

        var unnamed = await ProblemAsync(await both.PostAsJsonAsync("/api/v1/dossiers", DossierBodies.BirthRegistration()), HttpStatusCode.BadRequest);
        var notTheirs = await ProblemAsync(await both.PostAsJsonAsync("/api/v1/dossiers", DossierBodies.BirthRegistration(unitCode: "TTPVHCC.QUAY-STC")), HttpStatusCode.BadRequest);
        var received = await JsonAsync(await both.PostAsJsonAsync("/api/v1/dossiers", DossierBodies.BirthRegistration(unitCode: "XA-PHUONGLAM.MOTCUA")), HttpStatusCode.Created);

        var question = unnamed.GetProperty("errors").GetProperty("unitCode")[0].GetString();
        Assert.Contains("XA-PHUONGLAM.MOTCUA", question);
        Assert.Contains("XA-HOABINH.MOTCUA", question);
        Assert.Contains("TTPVHCC.QUAY-STC", notTheirs.GetProperty("errors").GetProperty("unitCode")[0].GetString());
        // The identifier is the organisation tree's (seeded for the demo desk), not configuration's.
        Assert.Equal("000.27.22.H10-270406-0001", received.GetProperty("code").GetString());
        Assert.Equal("XA-PHUONGLAM.MOTCUA", received.GetProperty("receivingUnit").GetString());
    }

    [SkippableFact]
    public async Task Receive_DeskIdentifierChangedInTheTree_CodeOpensWithTheNewOne()
    {
        SkipUnlessAvailable();
        Fixture.Clock.Now = new DateTimeOffset(2027, 4, 7, 9, 0, 0, Vietnam).ToUniversalTime();
        var reception = await SignInAsync("motcua.phuonglam");
        await SetIdentifierAsync("XA-PHUONGLAM.MOTCUA", "000.27.22.H99");
        try
        {
            var received = await JsonAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", DossierBodies.BirthRegistration()), HttpStatusCode.Created);
            await SetIdentifierAsync("XA-PHUONGLAM.MOTCUA", null);
            var refused = await ProblemAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", DossierBodies.BirthRegistration()), HttpStatusCode.Conflict);

            Assert.Equal("000.27.22.H99-270407-0001", received.GetProperty("code").GetString());
            Assert.Contains("mã định danh", refused.GetProperty("detail").GetString());
        }
        finally
        {
            await SetIdentifierAsync("XA-PHUONGLAM.MOTCUA", "000.27.22.H10");
        }
    }

    private async Task SetIdentifierAsync(string unit, string? identifier)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var organisation = scope.ServiceProvider.GetRequiredService<OrganisationDbContext>();
        await organisation.Units.Where(u => u.Code == unit).ExecuteUpdateAsync(u => u.SetProperty(x => x.Identifier, identifier));
    }

    private async Task<string> CreateReceptionistAsync(params string[] desks)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<BpmUser>>();
        var user = new BpmUser { UserName = NewId("motcua.hai-noi").Replace('-', '.'), DisplayName = "Cán bộ một cửa hai nơi" };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, BpmRoles.Reception)).Succeeded);
        var organisation = scope.ServiceProvider.GetRequiredService<OrganisationDbContext>();
        organisation.Memberships.AddRange(desks.Select(d => new UnitMembership { UserId = user.Id, UnitCode = d, Role = "reception" }));
        await organisation.SaveChangesAsync();
        return user.UserName;
    }
}

[Collection(SqliteDossierCollection.Name)]
public sealed class SqliteReceivingUnitTests(SqliteDossierServerFixture fixture) : ReceivingUnitTestBase<SqliteDossierServerFixture>(fixture);

[Collection(PostgresDossierCollection.Name)]
public sealed class PostgreSqlReceivingUnitTests(PostgresDossierServerFixture fixture) : ReceivingUnitTestBase<PostgresDossierServerFixture>(fixture);
