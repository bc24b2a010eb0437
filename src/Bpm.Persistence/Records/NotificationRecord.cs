namespace Bpm.Persistence;

/// <summary>
/// One message to an applicant, written in the same transaction as the dossier step that causes
/// it and sent afterwards, at least once (src/Bpm.Notifications). <see cref="MessageId"/> is unique:
/// writing the same notice twice keeps one row.
/// </summary>
public sealed class NotificationRecord
{
    public long Id { get; set; }

    /// <summary><c>DOSSIER-CODE/OCCURRENCE/CHANNEL</c>, the id every attempt sends.</summary>
    public required string MessageId { get; set; }

    public required string DossierCode { get; set; }

    /// <summary>The notice kind (<c>Receipt</c>, <c>Apology</c>…).</summary>
    public required string Notice { get; set; }

    /// <summary><c>Sms</c>, <c>Zalo</c> or <c>Email</c>.</summary>
    public required string Channel { get; set; }

    public required string Address { get; set; }

    public string? Subject { get; set; }

    public required string Body { get; set; }

    public required DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the next attempt may be made; the dispatcher backs off after each failure.</summary>
    public required DateTimeOffset NextAttemptAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Set when the channel refused for good or the attempts ran out; the message is not tried again.</summary>
    public DateTimeOffset? GaveUpAt { get; set; }

    /// <summary>The last answer of the channel, as it gave it.</summary>
    public string? LastAnswer { get; set; }
}

/// <summary>One attempt to send a <see cref="NotificationRecord"/>, with the channel's answer, kept for the dossier page and audits.</summary>
public sealed class NotificationAttemptRecord
{
    public required long NotificationId { get; set; }

    /// <summary>1, 2, 3… within the message.</summary>
    public required int Attempt { get; set; }

    public required DateTimeOffset At { get; set; }

    /// <summary>The channel's name: <c>file</c>, <c>smtp</c>, <c>http:sms</c>.</summary>
    public required string ChannelName { get; set; }

    public required bool Accepted { get; set; }

    public required bool Permanent { get; set; }

    public required string Answer { get; set; }
}
