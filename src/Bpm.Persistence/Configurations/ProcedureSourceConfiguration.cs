using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Persistence.Configurations;

internal sealed class ProcedureSourceConfiguration : IEntityTypeConfiguration<ProcedureSourceRecord>
{
    public void Configure(EntityTypeBuilder<ProcedureSourceRecord> builder)
    {
        builder.ToTable("procedure_sources");
        builder.HasKey(s => new { s.ProcedureCode, s.Position });
        builder.Property(s => s.ProcedureCode).HasMaxLength(20);
        builder.Property(s => s.Position).ValueGeneratedNever();
        builder.Property(s => s.Url).HasMaxLength(2000);
    }
}
