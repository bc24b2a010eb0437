using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Persistence.Configurations;

internal sealed class HandoffConfiguration : IEntityTypeConfiguration<HandoffRecord>
{
    public void Configure(EntityTypeBuilder<HandoffRecord> builder)
    {
        builder.ToTable("handoffs");
        // One handoff per parent task: a redelivered task-created finds it and starts nothing.
        builder.HasKey(h => new { h.ParentInstanceId, h.ParentTaskId });
        builder.Property(h => h.ParentInstanceId).HasMaxLength(100);
        builder.Property(h => h.ParentTaskId).HasMaxLength(100);
        builder.Property(h => h.ParentElementId).HasMaxLength(200);
        builder.Property(h => h.DossierCode).HasMaxLength(100);
        builder.HasIndex(h => h.DossierCode);
        builder.Property(h => h.ChildInstanceId).HasMaxLength(100);
        builder.HasIndex(h => h.ChildInstanceId).IsUnique();
        builder.Property(h => h.TargetAgency).HasMaxLength(100);
        builder.Property(h => h.TargetProcedure).HasMaxLength(100);
        builder.Property(h => h.DefinitionId).HasMaxLength(200);
        builder.Property(h => h.Status).HasMaxLength(20);
        builder.Property(h => h.Evaluation).HasMaxLength(20);
        builder.Property(h => h.Partner).HasMaxLength(100);
        builder.Property(h => h.RemoteKey).HasMaxLength(200);
        // A partner's answer names the request by its key.
        builder.HasIndex(h => new { h.Partner, h.RemoteKey }).IsUnique();
        builder.Property(h => h.AnswerKey).HasMaxLength(200);
    }
}
