using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Persistence.Configurations;

internal sealed class InstanceConfiguration : IEntityTypeConfiguration<InstanceRecord>
{
    public void Configure(EntityTypeBuilder<InstanceRecord> builder)
    {
        builder.Property(i => i.Evaluation).HasMaxLength(20);
        builder.ToTable("instances");
        builder.HasKey(i => i.InstanceId);
        builder.Property(i => i.InstanceId).HasMaxLength(100);
        builder.Property(i => i.DefinitionId).HasMaxLength(200);
        builder.Property(i => i.ProcessId).HasMaxLength(200);
        builder.Property(i => i.BusinessKey).HasMaxLength(100);
        builder.Property(i => i.Status).HasMaxLength(20);
        builder.Property(i => i.JournalHead).HasMaxLength(64).IsFixedLength();

        // A plain integer token rather than rowversion/xmin: it behaves the same on all three providers.
        builder.Property(i => i.Revision).IsConcurrencyToken();

        builder.HasOne<DefinitionRecord>().WithMany().HasForeignKey(i => new { i.DefinitionId, i.DefinitionVersion }).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => i.BusinessKey);
        builder.HasIndex(i => new { i.DefinitionId, i.DefinitionVersion, i.Status });
    }
}
