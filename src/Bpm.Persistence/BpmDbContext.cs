using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence;

/// <summary>The Bpm database. Create its options with a provider assembly (e.g. <c>BpmSqlite.Options</c>).</summary>
public sealed class BpmDbContext(DbContextOptions<BpmDbContext> options) : DbContext(options)
{
    internal const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";

    public DbSet<DefinitionRecord> Definitions => Set<DefinitionRecord>();

    public DbSet<InstanceRecord> Instances => Set<InstanceRecord>();

    public DbSet<TaskRecord> Tasks => Set<TaskRecord>();

    public DbSet<JournalRecord> Journal => Set<JournalRecord>();

    public DbSet<OutboxRecord> Outbox => Set<OutboxRecord>();

    public DbSet<DocumentRecord> Documents => Set<DocumentRecord>();

    public DbSet<ProcedureRecord> Procedures => Set<ProcedureRecord>();

    public DbSet<DossierCodeCounterRecord> DossierCodeCounters => Set<DossierCodeCounterRecord>();

    public DbSet<DossierRecord> Dossiers => Set<DossierRecord>();

    public DbSet<DossierEventRecord> DossierEvents => Set<DossierEventRecord>();

    public DbSet<DossierDayCountRecord> DossierDayCounts => Set<DossierDayCountRecord>();

    public DbSet<NotificationRecord> Notifications => Set<NotificationRecord>();

    public DbSet<NotificationAttemptRecord> NotificationAttempts => Set<NotificationAttemptRecord>();

    public DbSet<PaymentRecord> Payments => Set<PaymentRecord>();

    public DbSet<PaymentCallbackRecord> PaymentCallbacks => Set<PaymentCallbackRecord>();

    public DbSet<TemplateOverrideRecord> TemplateOverrides => Set<TemplateOverrideRecord>();

    public DbSet<HandoffRecord> Handoffs => Set<HandoffRecord>();

    public DbSet<PendingScanRecord> PendingScans => Set<PendingScanRecord>();

    public DbSet<HandoffMessageRecord> HandoffMessages => Set<HandoffMessageRecord>();

    public DbSet<HandoffMessageAttemptRecord> HandoffMessageAttempts => Set<HandoffMessageAttemptRecord>();

    public DbSet<InboundHandoffRecord> InboundHandoffs => Set<InboundHandoffRecord>();

    public DbSet<InboundHandoffPaperRecord> InboundHandoffPapers => Set<InboundHandoffPaperRecord>();

    public DbSet<PortalSyncRecord> PortalSyncs => Set<PortalSyncRecord>();

    /// <summary>
    /// When set, <c>SaveChanges</c> and the executor's writes are held there and written when its
    /// owner flushes (decision 0010, the province simulator); null writes at once, as everywhere else.
    /// </summary>
    public DeferredWrites? DeferredWrites { get; set; }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        DeferredWrites is { } deferred ? deferred.Take(this, ChangeTracker) : base.SaveChanges(acceptAllChangesOnSuccess);

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        DeferredWrites is { } deferred ? Task.FromResult(deferred.Take(this, ChangeTracker)) : base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(BpmDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite stores DateTimeOffset as text and cannot order or compare it in SQL; the inbox orders by due date.
        if (Database.ProviderName == SqliteProvider)
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        }
    }
}
