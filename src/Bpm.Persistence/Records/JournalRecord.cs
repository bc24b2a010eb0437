namespace Bpm.Persistence;

/// <summary>
/// One append-only journal row. <see cref="Hash"/> chains it to the previous row of the same
/// instance (see <see cref="JournalHash"/>); nothing updates or deletes these rows.
/// </summary>
public sealed class JournalRecord
{
    public required string InstanceId { get; set; }

    public required long Seq { get; set; }

    /// <summary>Kebab-case event type, e.g. <c>task-completed</c>, or <c>instance-migrated</c>.</summary>
    public required string Type { get; set; }

    /// <summary>UTC, truncated to microseconds so that every provider stores it exactly.</summary>
    public required DateTimeOffset At { get; set; }

    public string? Actor { get; set; }

    /// <summary>The event as JSON text; hashed byte for byte, so never re-formatted by the database.</summary>
    public required string Payload { get; set; }

    public required string PreviousHash { get; set; }

    public required string Hash { get; set; }
}
