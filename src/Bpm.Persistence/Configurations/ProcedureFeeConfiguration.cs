using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Persistence.Configurations;

internal sealed class ProcedureFeeConfiguration : IEntityTypeConfiguration<ProcedureFeeRecord>
{
    public void Configure(EntityTypeBuilder<ProcedureFeeRecord> builder)
    {
        builder.ToTable("procedure_fees");
        builder.HasKey(f => new { f.ProcedureCode, f.Position });
        builder.Property(f => f.ProcedureCode).HasMaxLength(20);
        builder.Property(f => f.Position).ValueGeneratedNever();
        builder.Property(f => f.Kind).HasMaxLength(20);
    }
}
