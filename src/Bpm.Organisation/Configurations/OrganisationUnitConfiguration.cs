using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Organisation.Configurations;

internal sealed class OrganisationUnitConfiguration : IEntityTypeConfiguration<OrganisationUnit>
{
    public void Configure(EntityTypeBuilder<OrganisationUnit> builder)
    {
        builder.ToTable("OrganisationUnits");
        builder.HasKey(u => u.Code);
        builder.Property(u => u.Code).HasMaxLength(100);
        builder.Property(u => u.Name).HasMaxLength(300);
        builder.Property(u => u.Level).HasMaxLength(20);
        builder.Property(u => u.ParentCode).HasMaxLength(100);
        builder.HasIndex(u => u.ParentCode);
        builder.Property(u => u.Identifier).HasMaxLength(13);
        // Two units with one identifier would issue the same dossier codes.
        builder.HasIndex(u => u.Identifier).IsUnique();
        // Stored by name (urban, rural, remote) so that the column reads without the enum.
        builder.Property(u => u.AreaClass).HasConversion(
            a => a == null ? null : a.ToString()!.ToLowerInvariant(),
            s => s == null ? null : Enum.Parse<AreaClass>(s, true)).HasMaxLength(10);
    }
}
