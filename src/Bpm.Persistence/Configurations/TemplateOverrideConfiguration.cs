using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Persistence.Configurations;

internal sealed class TemplateOverrideConfiguration : IEntityTypeConfiguration<TemplateOverrideRecord>
{
    public void Configure(EntityTypeBuilder<TemplateOverrideRecord> builder)
    {
        builder.ToTable("template_overrides");
        builder.HasKey(o => new { o.UnitCode, o.TemplateName });
        builder.Property(o => o.UnitCode).HasMaxLength(100);
        builder.Property(o => o.TemplateName).HasMaxLength(100);
        builder.Property(o => o.UpdatedBy).HasMaxLength(256);
    }
}
