using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Persistence.Configurations;

internal sealed class PendingScanConfiguration : IEntityTypeConfiguration<PendingScanRecord>
{
    public void Configure(EntityTypeBuilder<PendingScanRecord> builder)
    {
        builder.ToTable("pending_scans");
        builder.HasKey(s => s.FileId);
        builder.Property(s => s.FileId).HasMaxLength(32);
        builder.Property(s => s.Session).HasMaxLength(100);
        builder.Property(s => s.UserName).HasMaxLength(100);
        builder.Property(s => s.ProcedureCode).HasMaxLength(40);
        builder.Property(s => s.PaperId).HasMaxLength(100);
        builder.Property(s => s.Sha256).HasMaxLength(64);
        builder.Property(s => s.ContentType).HasMaxLength(100);
        builder.Property(s => s.FileName).HasMaxLength(255);
        builder.HasIndex(s => new { s.UserName, s.Session });
        builder.HasIndex(s => s.ExpiresAt);
    }
}
