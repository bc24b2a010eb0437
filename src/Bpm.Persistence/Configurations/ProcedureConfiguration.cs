using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Persistence.Configurations;

internal sealed class ProcedureConfiguration : IEntityTypeConfiguration<ProcedureRecord>
{
    public void Configure(EntityTypeBuilder<ProcedureRecord> builder)
    {
        builder.ToTable("procedures");
        builder.HasKey(p => p.Code);
        builder.Property(p => p.Code).HasMaxLength(20);
        builder.Property(p => p.Sector).HasMaxLength(200);
        builder.Property(p => p.TimeLimitValue).HasPrecision(9, 2);
        builder.Property(p => p.TimeLimitUnit).HasMaxLength(20);
        builder.Property(p => p.OnlineLevel).HasMaxLength(20);

        // Name and FoldedName stay unbounded: portal names run past 400 characters. Search is a
        // substring match on FoldedName, which no B-tree index serves, so it has none.
        builder.HasIndex(p => p.Sector);
        builder.HasMany(p => p.Levels).WithOne().HasForeignKey(l => l.ProcedureCode).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Papers).WithOne().HasForeignKey(x => x.ProcedureCode).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Fees).WithOne().HasForeignKey(f => f.ProcedureCode).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Sources).WithOne().HasForeignKey(s => s.ProcedureCode).OnDelete(DeleteBehavior.Cascade);
    }
}
