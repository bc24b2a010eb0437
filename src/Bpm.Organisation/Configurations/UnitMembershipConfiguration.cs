using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Organisation.Configurations;

internal sealed class UnitMembershipConfiguration : IEntityTypeConfiguration<UnitMembership>
{
    public void Configure(EntityTypeBuilder<UnitMembership> builder)
    {
        builder.ToTable("UnitMemberships");
        builder.HasKey(m => new { m.UserId, m.UnitCode, m.Role });
        builder.Property(m => m.UnitCode).HasMaxLength(100);
        builder.Property(m => m.Role).HasMaxLength(50);
        builder.HasOne<BpmUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<OrganisationUnit>().WithMany().HasForeignKey(m => m.UnitCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => m.UnitCode);
    }
}
