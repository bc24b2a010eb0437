using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Persistence.Configurations;

internal sealed class PortalSyncConfiguration : IEntityTypeConfiguration<PortalSyncRecord>
{
    public void Configure(EntityTypeBuilder<PortalSyncRecord> builder)
    {
        builder.ToTable("portal_syncs");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.DossierCode).HasMaxLength(40);
        builder.HasIndex(s => new { s.DossierCode, s.EventSeq }).IsUnique();
        builder.Property(s => s.Status).HasMaxLength(40);
        builder.Property(s => s.LastAnswer).HasMaxLength(1000);
        // The sync's question: what is due and not finished.
        builder.HasIndex(s => new { s.SyncedAt, s.GaveUpAt, s.NextAttemptAt });
    }
}
