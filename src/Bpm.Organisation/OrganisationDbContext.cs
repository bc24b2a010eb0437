using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Organisation;

/// <summary>
/// Users (ASP.NET Core Identity), the organisation tree, memberships and API keys. It lives on the
/// same database as the workflow data; its migrations sit in the same per-provider migrations
/// assemblies, with their own history table (see docs/decisions/0005-identity-context.md).
/// </summary>
public sealed class OrganisationDbContext(DbContextOptions<OrganisationDbContext> options) : IdentityDbContext<BpmUser>(options)
{
    /// <summary>The migrations history table of this context, distinct from the workflow context's.</summary>
    public const string MigrationsHistoryTable = "__OrganisationMigrationsHistory";

    public DbSet<OrganisationUnit> Units => Set<OrganisationUnit>();

    public DbSet<UnitMembership> Memberships => Set<UnitMembership>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(OrganisationDbContext).Assembly);
    }
}
