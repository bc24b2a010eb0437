using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Persistence.Configurations;

internal sealed class ProcedurePaperConfiguration : IEntityTypeConfiguration<ProcedurePaperRecord>
{
    public void Configure(EntityTypeBuilder<ProcedurePaperRecord> builder)
    {
        builder.ToTable("procedure_papers");
        builder.HasKey(p => new { p.ProcedureCode, p.PaperId });
        builder.Property(p => p.ProcedureCode).HasMaxLength(20);
        builder.Property(p => p.PaperId).HasMaxLength(100);
        builder.Property(p => p.Form).HasMaxLength(20);
    }
}
