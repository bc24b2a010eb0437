using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Persistence.Configurations;

internal sealed class DossierCodeCounterConfiguration : IEntityTypeConfiguration<DossierCodeCounterRecord>
{
    // Bpm.Dossiers' DossierCodeGenerator writes this table with raw SQL: keep the names in step with it.
    public void Configure(EntityTypeBuilder<DossierCodeCounterRecord> builder)
    {
        builder.ToTable("dossier_code_counters");
        builder.HasKey(c => new { c.UnitIdentifier, c.ReceiptDay });
        builder.Property(c => c.UnitIdentifier).HasMaxLength(20);
        builder.Property(c => c.ReceiptDay).HasMaxLength(10);
    }
}
