using Bpm.Engine;
using Bpm.Organisation;
using Bpm.Persistence;
using Bpm.Server.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Seeding;

/// <summary>
/// What a first start does with no other step: apply both contexts' migrations, create the roles,
/// the organisation tree and (see <see cref="DemoSeeding"/>) the demo users, and import and publish the sample definitions. Each
/// part runs only where it is missing, so a restart changes nothing.
/// </summary>
internal sealed class StartupSeeder(
    BpmDbContext workflow,
    OrganisationDbContext organisation,
    DefinitionStore definitions,
    Bpm.Dossiers.Catalog.ProcedureCatalog catalog,
    UserManager<BpmUser> users,
    RoleManager<IdentityRole> roles,
    BpmPaths paths,
    IConfiguration configuration,
    IHostEnvironment environment,
    ILogger<StartupSeeder> logger)
{
    public const string SystemActor = "system";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await workflow.Database.MigrateAsync(cancellationToken);
        await organisation.Database.MigrateAsync(cancellationToken);
        await SeedRolesAsync();
        await SeedUnitsAsync(cancellationToken);
        if (DemoSeeding.IsEnabled(configuration, environment))
        {
            await SeedDemoUsersAsync(cancellationToken);
        }

        if (configuration.GetValue("Bpm:ImportSamples", true))
        {
            await ImportSamplesAsync(cancellationToken);
        }

        await Features.Catalog.CatalogSeed.ImportAsync(catalog, paths, configuration, logger, cancellationToken);
    }

    private async Task SeedRolesAsync()
    {
        foreach (var role in BpmRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
            }
        }
    }

    private async Task SeedUnitsAsync(CancellationToken cancellationToken)
    {
        var existing = await organisation.Units.ToListAsync(cancellationToken);
        var missing = OrganisationSeed.Units.Where(u => existing.All(e => e.Code != u.Code)).ToList();
        // A tree seeded before units carried identifiers or area classes gets the demo's; a value set since is kept.
        var identified = 0;
        foreach (var unit in existing)
        {
            var seed = OrganisationSeed.Units.FirstOrDefault(u => u.Code == unit.Code);
            if (unit.Identifier is null && seed?.Identifier is { } identifier)
            {
                unit.Identifier = identifier;
                identified++;
            }

            if (unit.AreaClass is null && seed?.AreaClass is { } area)
            {
                unit.AreaClass = area;
                identified++;
            }
        }

        if (missing.Count > 0 || identified > 0)
        {
            organisation.Units.AddRange(missing);
            await organisation.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Seeded {Count} organisation units, gave {Identified} identifiers or area classes", missing.Count, identified);
        }
    }

    private async Task SeedDemoUsersAsync(CancellationToken cancellationToken)
    {
        foreach (var demo in DemoUsers.All)
        {
            if (await users.FindByNameAsync(demo.UserName) is not null)
            {
                continue;
            }

            var user = new BpmUser { UserName = demo.UserName, DisplayName = demo.DisplayName };
            Check(await users.CreateAsync(user, DemoUsers.Password), $"user {demo.UserName}");
            Check(await users.AddToRolesAsync(user, demo.Roles), $"roles of {demo.UserName}");
            organisation.Memberships.AddRange(demo.Memberships.Select(m => new UnitMembership { UserId = user.Id, UnitCode = m.Unit, Role = m.Role }));
            await organisation.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Seeded demo user {UserName}", demo.UserName);
        }
    }

    private async Task ImportSamplesAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(paths.SamplesPath))
        {
            logger.LogWarning("No sample definitions at {Path}; nothing imported", paths.SamplesPath);
            return;
        }

        foreach (var file in Directory.EnumerateFiles(paths.SamplesPath, "*.bpmn").Order(StringComparer.Ordinal))
        {
            var definitionId = Path.GetFileNameWithoutExtension(file);
            if (await workflow.Definitions.AnyAsync(d => d.DefinitionId == definitionId, cancellationToken))
            {
                continue;
            }

            var xml = await File.ReadAllTextAsync(file, cancellationToken);
            var loaded = BpmnLoader.Load(xml);
            if (!loaded.IsValid)
            {
                logger.LogWarning("Sample {File} does not validate and is not imported: {Error}", file, loaded.Errors.First());
                continue;
            }

            await definitions.SaveDraftAsync(definitionId, xml, SystemActor, cancellationToken);
            await definitions.PublishAsync(definitionId, SystemActor, cancellationToken);
            logger.LogInformation("Imported and published sample definition {DefinitionId}", definitionId);
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
