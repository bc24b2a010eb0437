using System.Net;
using System.Net.Http.Json;
using Bpm.Dossiers.Catalog;
using Bpm.Engine;
using Bpm.Persistence;
using Bpm.Server.Features.Desk;
using Bpm.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Server.Tests.Features.Dossiers;

/// <summary>
/// The catalogue's legal time limit governs the dossier's due date (docs/dossiers.md). Birth registration's
/// catalogue limit is 1 working day; these tests publish a version of its definition planned at P3D, and
/// put the sample back afterwards, so the rest of the suite runs on the definition it expects.
/// </summary>
public abstract class CatalogTimeLimitTestBase<TFixture>(TFixture fixture) : ServerTestBase<TFixture>(fixture)
    where TFixture : class, IDossierServerFixture
{
    private const string Unit = "000.27.22.H10";

    private const string ProcedureCode = "1.001193";

    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    [SkippableFact]
    public async Task Receive_DefinitionPlansLongerThanCatalogue_DueDateFromCatalogueAndPreviewAgrees()
    {
        SkipUnlessAvailable();
        // Tuesday 29 December 2026, 09:00: one working day is Wednesday the 30th; P3D would be Friday 1 January's next working day.
        Fixture.Clock.Now = new DateTimeOffset(2026, 12, 29, 9, 0, 0, Vietnam).ToUniversalTime();
        await WithDefinitionPlannedAtAsync("P3D", async () =>
        {
            var preview = await PreviewAsync();
            var reception = await SignInAsync("motcua.phuonglam");

            var dossier = await JsonAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", DossierBodies.BirthRegistration()), HttpStatusCode.Created);

            var due = dossier.GetProperty("dueAt").GetDateTimeOffset();
            Assert.Equal(new DateTime(2026, 12, 30), due.ToOffset(Vietnam).Date);
            Assert.Equal(preview, due);
            var instance = await JsonAsync(await reception.GetAsync($"/api/v1/instances/{dossier.GetProperty("instanceId").GetString()}"), HttpStatusCode.OK);
            Assert.Equal(due, instance.GetProperty("dueAt").GetDateTimeOffset());
        });
    }

    [SkippableFact]
    public async Task Receive_CatalogueWithoutTimeLimit_DueDateFromDefinition()
    {
        SkipUnlessAvailable();
        // Thursday 17 December 2026, 09:00: three working days end on Tuesday the 22nd; the catalogue's one day would be Friday the 18th.
        Fixture.Clock.Now = new DateTimeOffset(2026, 12, 17, 9, 0, 0, Vietnam).ToUniversalTime();
        await WithDefinitionPlannedAtAsync("P3D", () => WithoutCatalogueTimeLimitAsync(async () =>
        {
            var preview = await PreviewAsync();
            var reception = await SignInAsync("motcua.phuonglam");

            var dossier = await JsonAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", DossierBodies.BirthRegistration()), HttpStatusCode.Created);

            Assert.Equal($"{Unit}-261217-0001", dossier.GetProperty("code").GetString());
            var due = dossier.GetProperty("dueAt").GetDateTimeOffset();
            Assert.Equal(new DateTime(2026, 12, 22), due.ToOffset(Vietnam).Date);
            Assert.Equal(preview, due);
        }));
    }

    [SkippableFact]
    public async Task Validate_DefinitionPlannedAtOtherThanCatalogue_WarnsNamingBothLimits()
    {
        SkipUnlessAvailable();
        var designer = await SignInAsync("thietke");
        var xml = (await File.ReadAllTextAsync(SamplePath())).Replace("bpm:timeLimit=\"P1D\"", "bpm:timeLimit=\"P3D\"", StringComparison.Ordinal);

        var differs = await JsonAsync(await designer.PostAsJsonAsync("/api/v1/definitions/validate", new { xml }), HttpStatusCode.OK);
        var same = await JsonAsync(await designer.PostAsJsonAsync("/api/v1/definitions/validate", new { xml = await File.ReadAllTextAsync(SamplePath()) }), HttpStatusCode.OK);

        var warning = Assert.Single(differs.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("code").GetString() == "catalog-time-limit");
        Assert.Equal("warning", warning.GetProperty("severity").GetString());
        var message = warning.GetProperty("message").GetString()!;
        Assert.Contains("bpm:timeLimit \"P3D\"", message, StringComparison.Ordinal);
        Assert.Contains("1 ngày làm việc", message, StringComparison.Ordinal);
        Assert.True(differs.GetProperty("valid").GetBoolean());
        Assert.DoesNotContain(same.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("code").GetString() == "catalog-time-limit");
    }

    private async Task<DateTimeOffset?> PreviewAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var procedure = await services.GetRequiredService<ProcedureCatalog>().FindAsync(ProcedureCode);
        return await DueDatePreview.ComputeAsync(
            services.GetRequiredService<BpmDbContext>(), services.GetRequiredService<DefinitionCache>(), services.GetRequiredService<EngineOptions>(),
            procedure!, Unit, Fixture.Clock.Now, CancellationToken.None);
    }

    private async Task WithDefinitionPlannedAtAsync(string timeLimit, Func<Task> test)
    {
        var sample = await File.ReadAllTextAsync(SamplePath());
        await PublishAsync(sample.Replace("bpm:timeLimit=\"P1D\"", $"bpm:timeLimit=\"{timeLimit}\"", StringComparison.Ordinal));
        try
        {
            await test();
        }
        finally
        {
            await PublishAsync(sample);
        }
    }

    private async Task WithoutCatalogueTimeLimitAsync(Func<Task> test)
    {
        var (value, unit) = await SetCatalogueTimeLimitAsync(null, null);
        try
        {
            await test();
        }
        finally
        {
            await SetCatalogueTimeLimitAsync(value, unit);
        }
    }

    /// <summary>Sets the procedure's stored limit in this test server's database only (the catalogue files are not touched); returns the former.</summary>
    private async Task<(decimal? Value, string? Unit)> SetCatalogueTimeLimitAsync(decimal? value, string? unit)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BpmDbContext>();
        var record = await db.Procedures.FirstAsync(p => p.Code == ProcedureCode);
        var former = (record.TimeLimitValue, record.TimeLimitUnit);
        (record.TimeLimitValue, record.TimeLimitUnit) = (value, unit);
        await db.SaveChangesAsync();
        return former;
    }

    private async Task PublishAsync(string xml)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<DefinitionStore>();
        await store.SaveDraftAsync(BirthRegistration, xml, "thietke");
        await store.PublishAsync(BirthRegistration, "thietke");
    }

    private static string SamplePath() =>
        Path.Combine(Bpm.Testing.RepositoryRoot.Find(), "workflows", "samples", "civil-status-birth-registration.bpmn");
}

[Collection(SqliteDossierCollection.Name)]
public sealed class SqliteCatalogTimeLimitTests(SqliteDossierServerFixture fixture) : CatalogTimeLimitTestBase<SqliteDossierServerFixture>(fixture);

[Collection(PostgresDossierCollection.Name)]
public sealed class PostgreSqlCatalogTimeLimitTests(PostgresDossierServerFixture fixture) : CatalogTimeLimitTestBase<PostgresDossierServerFixture>(fixture);
