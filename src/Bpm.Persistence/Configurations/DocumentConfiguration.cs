using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Persistence.Configurations;

internal sealed class DocumentConfiguration : IEntityTypeConfiguration<DocumentRecord>
{
    public void Configure(EntityTypeBuilder<DocumentRecord> builder)
    {
        builder.ToTable("documents");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedOnAdd();
        builder.Property(d => d.InstanceId).HasMaxLength(100);
        builder.Property(d => d.TaskId).HasMaxLength(100);
        builder.Property(d => d.Kind).HasMaxLength(50);
        builder.Property(d => d.Template).HasMaxLength(200);
        builder.Property(d => d.ContentHash).HasMaxLength(64);
        builder.Property(d => d.SignedBy).HasMaxLength(200);
        builder.HasIndex(d => d.InstanceId);
        builder.HasIndex(d => new { d.SourceOutboxId, d.Kind }).IsUnique();
    }
}
