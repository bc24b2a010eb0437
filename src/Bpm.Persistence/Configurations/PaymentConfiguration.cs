using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Persistence.Configurations;

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<PaymentRecord>
{
    public void Configure(EntityTypeBuilder<PaymentRecord> builder)
    {
        builder.ToTable("payments");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasMaxLength(64);
        builder.Property(p => p.DossierCode).HasMaxLength(40);
        builder.HasIndex(p => p.DossierCode);
        builder.Property(p => p.Provider).HasMaxLength(40);
        builder.Property(p => p.Status).HasMaxLength(20);
        builder.Property(p => p.PaidBy).HasMaxLength(10);
        builder.Property(p => p.TransactionId).HasMaxLength(100);
        builder.Property(p => p.ReceivedBy).HasMaxLength(100);
        builder.Property(p => p.EInvoice).HasMaxLength(1000);
        builder.Property(p => p.EInvoiceError).HasMaxLength(500);
        // A bank transaction (or a desk receipt) pays one payment, once.
        builder.HasIndex(p => new { p.Provider, p.TransactionId }).IsUnique();
        builder.HasIndex(p => p.PaidAt);
    }
}

internal sealed class PaymentCallbackConfiguration : IEntityTypeConfiguration<PaymentCallbackRecord>
{
    public void Configure(EntityTypeBuilder<PaymentCallbackRecord> builder)
    {
        builder.ToTable("payment_callbacks");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Provider).HasMaxLength(40);
        builder.Property(c => c.PaymentId).HasMaxLength(200);
        builder.Property(c => c.TransactionId).HasMaxLength(200);
        builder.Property(c => c.Outcome).HasMaxLength(20);
        builder.Property(c => c.Reason).HasMaxLength(500);
        builder.HasIndex(c => c.ReceivedAt);
        builder.HasIndex(c => c.PaymentId);
    }
}
