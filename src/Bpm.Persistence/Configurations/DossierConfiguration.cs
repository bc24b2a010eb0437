using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Persistence.Configurations;

internal sealed class DossierConfiguration : IEntityTypeConfiguration<DossierRecord>
{
    public void Configure(EntityTypeBuilder<DossierRecord> builder)
    {
        builder.ToTable("dossiers");
        builder.HasKey(d => d.Code);
        builder.Property(d => d.Code).HasMaxLength(40);
        builder.Property(d => d.ProcedureCode).HasMaxLength(20);
        builder.Property(d => d.ReceivingUnit).HasMaxLength(100);
        builder.Property(d => d.InstanceId).HasMaxLength(100);
        builder.Property(d => d.Status).HasMaxLength(30);
        builder.Property(d => d.ApplicantKind).HasMaxLength(20);
        builder.Property(d => d.ApplicantName).HasMaxLength(200);
        builder.Property(d => d.IdentityNumber).HasMaxLength(12);
        builder.Property(d => d.Phone).HasMaxLength(20);
        builder.Property(d => d.Email).HasMaxLength(254);
        builder.Property(d => d.NotifyBy).HasMaxLength(32);
        builder.Property(d => d.Address).HasMaxLength(500);
        builder.Property(d => d.OrganisationName).HasMaxLength(300);
        builder.Property(d => d.TaxCode).HasMaxLength(14);
        builder.Property(d => d.Channel).HasMaxLength(10);
        builder.Property(d => d.ResultDelivery).HasMaxLength(10);
        builder.Property(d => d.Notes).HasMaxLength(2000);
        builder.Property(d => d.ReceivedBy).HasMaxLength(100);
        builder.Property(d => d.IdempotencyKey).HasMaxLength(100);
        builder.Property(d => d.RequestHash).HasMaxLength(64);
        builder.Property(d => d.Evaluation).HasMaxLength(10);
        builder.HasIndex(d => d.InstanceId).IsUnique();
        builder.HasIndex(d => new { d.ReceivingUnit, d.IdempotencyKey }).IsUnique();
        builder.HasIndex(d => new { d.ReceivingUnit, d.Status, d.ReceivedAt });
        builder.HasIndex(d => d.IdentityNumber);
    }
}
