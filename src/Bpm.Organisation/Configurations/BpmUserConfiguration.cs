using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Organisation.Configurations;

internal sealed class BpmUserConfiguration : IEntityTypeConfiguration<BpmUser>
{
    public void Configure(EntityTypeBuilder<BpmUser> builder) =>
        builder.Property(u => u.DisplayName).HasMaxLength(200);
}
