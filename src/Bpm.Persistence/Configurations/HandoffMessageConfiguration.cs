using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Persistence.Configurations;

internal sealed class HandoffMessageConfiguration : IEntityTypeConfiguration<HandoffMessageRecord>
{
    public void Configure(EntityTypeBuilder<HandoffMessageRecord> builder)
    {
        builder.ToTable("handoff_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Key).HasMaxLength(200);
        // A redelivered engine outbox row writes the same key and finds it there.
        builder.HasIndex(m => m.Key).IsUnique();
        builder.Property(m => m.Partner).HasMaxLength(100);
        builder.Property(m => m.Kind).HasMaxLength(20);
        builder.Property(m => m.Url).HasMaxLength(1000);
        builder.Property(m => m.DossierCode).HasMaxLength(100);
        builder.HasIndex(m => m.DossierCode);
        builder.Property(m => m.LastAnswer).HasMaxLength(1000);
        // The sender's question: what is due and not finished.
        builder.HasIndex(m => new { m.AcknowledgedAt, m.GaveUpAt, m.NextAttemptAt });
    }
}

internal sealed class HandoffMessageAttemptConfiguration : IEntityTypeConfiguration<HandoffMessageAttemptRecord>
{
    public void Configure(EntityTypeBuilder<HandoffMessageAttemptRecord> builder)
    {
        builder.ToTable("handoff_message_attempts");
        builder.HasKey(a => new { a.MessageId, a.Attempt });
        builder.Property(a => a.Answer).HasMaxLength(1000);
        builder.HasOne<HandoffMessageRecord>().WithMany().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InboundHandoffConfiguration : IEntityTypeConfiguration<InboundHandoffRecord>
{
    public void Configure(EntityTypeBuilder<InboundHandoffRecord> builder)
    {
        builder.ToTable("inbound_handoffs");
        // One child per key of a partner: a repeat finds it, two at once collide here and one rolls back.
        builder.HasKey(h => new { h.Partner, h.Key });
        builder.Property(h => h.Partner).HasMaxLength(100);
        builder.Property(h => h.Key).HasMaxLength(200);
        builder.Property(h => h.BodySha256).HasMaxLength(64);
        builder.Property(h => h.DossierCode).HasMaxLength(100);
        builder.HasIndex(h => h.DossierCode);
        builder.Property(h => h.TargetAgency).HasMaxLength(100);
        builder.Property(h => h.TargetProcedure).HasMaxLength(100);
        builder.Property(h => h.ChildInstanceId).HasMaxLength(100);
        builder.HasIndex(h => h.ChildInstanceId).IsUnique();
        builder.Property(h => h.CallbackUrl).HasMaxLength(1000);
        builder.Property(h => h.Status).HasMaxLength(20);
    }
}

internal sealed class InboundHandoffPaperConfiguration : IEntityTypeConfiguration<InboundHandoffPaperRecord>
{
    public void Configure(EntityTypeBuilder<InboundHandoffPaperRecord> builder)
    {
        builder.ToTable("inbound_handoff_papers");
        // One copy per file of a handoff: a file sent again finds it, two at once collide here and one removes its copy.
        builder.HasKey(p => new { p.Partner, p.HandoffKey, p.RemoteFileId });
        builder.Property(p => p.Partner).HasMaxLength(100);
        builder.Property(p => p.HandoffKey).HasMaxLength(200);
        builder.Property(p => p.RemoteFileId).HasMaxLength(100);
        builder.Property(p => p.PaperId).HasMaxLength(100);
        builder.Property(p => p.FileId).HasMaxLength(32);
        builder.Property(p => p.Sha256).HasMaxLength(64);
        builder.Property(p => p.ContentType).HasMaxLength(100);
        builder.Property(p => p.FileName).HasMaxLength(300);
        builder.HasOne<InboundHandoffRecord>().WithMany().HasForeignKey(p => new { p.Partner, p.HandoffKey }).OnDelete(DeleteBehavior.Cascade);
    }
}
