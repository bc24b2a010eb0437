using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Persistence.Configurations;

internal sealed class JournalConfiguration : IEntityTypeConfiguration<JournalRecord>
{
    public void Configure(EntityTypeBuilder<JournalRecord> builder)
    {
        builder.ToTable("journal");

        // The key doubles as the guard against two writers appending the same sequence number.
        builder.HasKey(j => new { j.InstanceId, j.Seq });
        builder.Property(j => j.InstanceId).HasMaxLength(100);
        builder.Property(j => j.Type).HasMaxLength(50);
        builder.Property(j => j.Actor).HasMaxLength(200);
        builder.Property(j => j.PreviousHash).HasMaxLength(64).IsFixedLength();
        builder.Property(j => j.Hash).HasMaxLength(64).IsFixedLength();
        builder.HasOne<InstanceRecord>().WithMany().HasForeignKey(j => j.InstanceId).OnDelete(DeleteBehavior.Restrict);
    }
}
