using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Persistence.Configurations;

internal sealed class TaskConfiguration : IEntityTypeConfiguration<TaskRecord>
{
    public void Configure(EntityTypeBuilder<TaskRecord> builder)
    {
        builder.ToTable("tasks");

        // Engine task ids are unique per instance only.
        builder.HasKey(t => new { t.InstanceId, t.TaskId });
        builder.Property(t => t.InstanceId).HasMaxLength(100);
        builder.Property(t => t.TaskId).HasMaxLength(100);
        builder.Property(t => t.ElementId).HasMaxLength(200);
        builder.Property(t => t.Unit).HasMaxLength(200);
        builder.Property(t => t.Role).HasMaxLength(100);
        builder.Property(t => t.Candidate).HasMaxLength(200);
        builder.Property(t => t.Assignee).HasMaxLength(200);
        builder.Property(t => t.Kind).HasMaxLength(50);
        builder.Property(t => t.Status).HasMaxLength(20);
        builder.Property(t => t.BusinessKey).HasMaxLength(100);
        builder.Property(t => t.CompletedBy).HasMaxLength(200);
        builder.Property(t => t.Outcome).HasMaxLength(200);
        builder.HasOne<InstanceRecord>().WithMany().HasForeignKey(t => t.InstanceId).OnDelete(DeleteBehavior.Restrict);

        // The inbox: "my unit's open tasks by due date" and "my open tasks by due date" are index range scans.
        builder.HasIndex(t => new { t.Unit, t.Status, t.DueAt });
        builder.HasIndex(t => new { t.Assignee, t.Status, t.DueAt });
        builder.HasIndex(t => t.BusinessKey);
    }
}
