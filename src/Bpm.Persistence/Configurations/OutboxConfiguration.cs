using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Persistence.Configurations;

internal sealed class OutboxConfiguration : IEntityTypeConfiguration<OutboxRecord>
{
    public void Configure(EntityTypeBuilder<OutboxRecord> builder)
    {
        builder.ToTable("outbox");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedOnAdd();
        builder.Property(o => o.InstanceId).HasMaxLength(100);
        builder.Property(o => o.Type).HasMaxLength(50);
        builder.Property(o => o.LastError).HasMaxLength(2000);
        builder.Property(o => o.LeasedBy).HasMaxLength(OutboxRecord.LeasedByLength);
        builder.HasIndex(o => new { o.DispatchedAt, o.Id });
        // The take's look at an instance's earlier rows.
        builder.HasIndex(o => new { o.InstanceId, o.Id });
    }
}
