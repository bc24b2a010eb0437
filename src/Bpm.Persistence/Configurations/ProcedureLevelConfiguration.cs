using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Persistence.Configurations;

internal sealed class ProcedureLevelConfiguration : IEntityTypeConfiguration<ProcedureLevelRecord>
{
    public void Configure(EntityTypeBuilder<ProcedureLevelRecord> builder)
    {
        builder.ToTable("procedure_levels");
        builder.HasKey(l => new { l.ProcedureCode, l.Position });
        builder.Property(l => l.ProcedureCode).HasMaxLength(20);
        builder.Property(l => l.Position).ValueGeneratedNever();
        builder.Property(l => l.Level).HasMaxLength(20);
    }
}
