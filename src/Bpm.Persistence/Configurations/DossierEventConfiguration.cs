using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Persistence.Configurations;

internal sealed class DossierEventConfiguration : IEntityTypeConfiguration<DossierEventRecord>
{
    public void Configure(EntityTypeBuilder<DossierEventRecord> builder)
    {
        builder.ToTable("dossier_events");
        builder.HasKey(e => new { e.DossierCode, e.Seq });
        builder.Property(e => e.DossierCode).HasMaxLength(40);
        builder.Property(e => e.Type).HasMaxLength(40);
        builder.Property(e => e.Status).HasMaxLength(30);
        builder.Property(e => e.Actor).HasMaxLength(100);
        builder.HasOne<DossierRecord>().WithMany().HasForeignKey(e => e.DossierCode).OnDelete(DeleteBehavior.Restrict);
    }
}
