using Bpm.Persistence;

namespace Bpm.Scheduling;

/// <summary>Where Quartz keeps Bpm's timers: Bpm's own database, so that they survive restarts.</summary>
/// <param name="Provider">Bpm's database provider (the same setting as <c>Database:Provider</c>).</param>
/// <param name="ConnectionString">Bpm's connection string.</param>
/// <param name="InstanceId">This host's name in the cluster; unique per running host.</param>
public sealed record TimerStoreOptions(DatabaseProvider Provider, string ConnectionString, string InstanceId)
{
    /// <summary>
    /// Whether several hosts share the store, each timer then firing on exactly one. Quartz refuses
    /// clustering on SQLite (its file locking cannot support it), and SQLite is the single-host
    /// embedded default anyway; PostgreSQL and SQL Server are clustered.
    /// </summary>
    public bool Clustered => Provider != DatabaseProvider.Sqlite;

    /// <summary>Quartz's scheduler name: every Bpm host in a cluster uses the same one.</summary>
    public const string SchedulerName = "bpm";

    /// <summary>How often the job store looks for triggers that misfired (e.g. while the host was down).</summary>
    public TimeSpan MisfireThreshold { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the scheduler sleeps (wall-clock time) before it asks the store again when no trigger
    /// is due within that span; Quartz's default is 30 seconds, and it may not be under one.
    /// </summary>
    public TimeSpan IdleWaitTime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a clustered host checks in, and notices a dead peer.</summary>
    public TimeSpan ClusterCheckinInterval { get; init; } = TimeSpan.FromSeconds(5);
}
