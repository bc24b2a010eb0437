using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Persistence.Configurations;

internal sealed class DefinitionConfiguration : IEntityTypeConfiguration<DefinitionRecord>
{
    public void Configure(EntityTypeBuilder<DefinitionRecord> builder)
    {
        builder.ToTable("definitions");
        builder.HasKey(d => new { d.DefinitionId, d.Version });
        builder.Property(d => d.DefinitionId).HasMaxLength(200);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.ContentHash).HasMaxLength(64).IsFixedLength();
        builder.Property(d => d.CreatedBy).HasMaxLength(200);
        builder.Property(d => d.PublishedBy).HasMaxLength(200);
        builder.Property(d => d.ChangeNote).HasMaxLength(2000);
        builder.Property(d => d.ProcedureCode).HasMaxLength(DefinitionProcedureColumns.MaxLength);
        builder.Property(d => d.DecidingUnit).HasMaxLength(DefinitionProcedureColumns.MaxLength);
        builder.HasIndex(d => new { d.DefinitionId, d.Status });
        builder.HasIndex(d => new { d.ProcedureCode, d.Status });
    }
}
