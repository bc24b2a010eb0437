using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Persistence.Configurations;

internal sealed class DossierDayCountConfiguration : IEntityTypeConfiguration<DossierDayCountRecord>
{
    // Bpm.Dossiers' DossierDayCounts writes this table with raw SQL: keep the names in step with it.
    public void Configure(EntityTypeBuilder<DossierDayCountRecord> builder)
    {
        builder.ToTable("dossier_day_counts");
        builder.HasKey(c => new { c.Day, c.ReceivingUnit, c.ProcedureCode });
        builder.Property(c => c.Day).HasMaxLength(10);
        builder.Property(c => c.ReceivingUnit).HasMaxLength(100);
        builder.Property(c => c.ProcedureCode).HasMaxLength(20);
    }
}
