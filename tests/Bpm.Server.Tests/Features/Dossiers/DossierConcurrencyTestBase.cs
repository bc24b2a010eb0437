using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bpm.Server.Tests.Infrastructure;

namespace Bpm.Server.Tests.Features.Dossiers;

/// <summary>
/// Steps sent at once to one dossier, each excluding the others: exactly one applies, every other
/// answers 409 naming the step and the user that won, and the dossier's events stay numbered without
/// a gap or a repeat. Receptions on 8 April 2027.
/// </summary>
public abstract class DossierConcurrencyTestBase<TFixture>(TFixture fixture) : ServerTestBase<TFixture>(fixture)
    where TFixture : class, IDossierServerFixture
{
    [SkippableFact]
    public async Task Steps_SixAtOnceOnOneDossier_OneAppliedOthers409NamingTheWinner()
    {
        SkipUnlessAvailable();
        Fixture.Clock.Now = new DateTimeOffset(2027, 4, 8, 9, 0, 0, TimeSpan.FromHours(7)).ToUniversalTime();
        var reception = await SignInAsync("motcua.phuonglam");
        var code = (await JsonAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", DossierBodies.BirthRegistration()), HttpStatusCode.Created)).GetProperty("code").GetString()!;

        // A pause leaves the dossier where neither a pause nor a refusal may follow, and a refusal closes it.
        var steps = Enumerable.Range(0, 6).Select(i => i % 2 == 0
            ? reception.PostAsJsonAsync($"/api/v1/dossiers/{code}/pause", new { reason = "Chờ xác minh của UBND xã Hòa Bình." })
            : reception.PostAsJsonAsync($"/api/v1/dossiers/{code}/refusal", new { reasons = new[] { "Trẻ đã được đăng ký khai sinh tại xã khác." } }));
        var responses = await Task.WhenAll(steps);

        var applied = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        var winner = await JsonAsync(applied, HttpStatusCode.OK);
        var won = winner.GetProperty("events").EnumerateArray().Last().GetProperty("type").GetString();
        foreach (var lost in responses.Where(r => r != applied))
        {
            var problem = await ProblemAsync(lost, HttpStatusCode.Conflict);
            Assert.Equal(won, problem.GetProperty("lastEvent").GetString());
            Assert.Equal("motcua.phuonglam", problem.GetProperty("lastActor").GetString());
            Assert.Contains($"{won} bởi motcua.phuonglam", problem.GetProperty("detail").GetString());
        }

        var dossier = await JsonAsync(await reception.GetAsync($"/api/v1/dossiers/{code}"), HttpStatusCode.OK);
        Assert.Equal([1, 2], dossier.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("seq").GetInt32()));
        Assert.Equal(winner.GetProperty("status").GetString(), dossier.GetProperty("status").GetString());
    }
}

[Collection(SqliteDossierCollection.Name)]
public sealed class SqliteDossierConcurrencyTests(SqliteDossierServerFixture fixture) : DossierConcurrencyTestBase<SqliteDossierServerFixture>(fixture);

[Collection(PostgresDossierCollection.Name)]
public sealed class PostgreSqlDossierConcurrencyTests(PostgresDossierServerFixture fixture) : DossierConcurrencyTestBase<PostgresDossierServerFixture>(fixture);
