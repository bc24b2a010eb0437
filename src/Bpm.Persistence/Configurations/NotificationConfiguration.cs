using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Persistence.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<NotificationRecord>
{
    public void Configure(EntityTypeBuilder<NotificationRecord> builder)
    {
        builder.ToTable("notifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.MessageId).HasMaxLength(200);
        builder.HasIndex(n => n.MessageId).IsUnique();
        builder.Property(n => n.DossierCode).HasMaxLength(40);
        builder.HasIndex(n => n.DossierCode);
        builder.Property(n => n.Notice).HasMaxLength(40);
        builder.Property(n => n.Channel).HasMaxLength(10);
        builder.Property(n => n.Address).HasMaxLength(320);
        builder.Property(n => n.Subject).HasMaxLength(500);
        builder.Property(n => n.LastAnswer).HasMaxLength(1000);
        // The dispatcher's question: what is due and not finished.
        builder.HasIndex(n => new { n.SentAt, n.GaveUpAt, n.NextAttemptAt });
    }
}

internal sealed class NotificationAttemptConfiguration : IEntityTypeConfiguration<NotificationAttemptRecord>
{
    public void Configure(EntityTypeBuilder<NotificationAttemptRecord> builder)
    {
        builder.ToTable("notification_attempts");
        builder.HasKey(a => new { a.NotificationId, a.Attempt });
        builder.Property(a => a.ChannelName).HasMaxLength(40);
        builder.Property(a => a.Answer).HasMaxLength(1000);
        builder.HasOne<NotificationRecord>().WithMany().HasForeignKey(a => a.NotificationId).OnDelete(DeleteBehavior.Cascade);
    }
}
