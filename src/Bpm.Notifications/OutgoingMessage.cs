namespace Bpm.Notifications;

/// <summary>How a message reaches the applicant: the kind of address it goes to.</summary>
public enum ChannelKind
{
    Sms,
    Zalo,
    Email,
}

/// <summary>
/// One message to one address, rendered and ready. <see cref="Id"/> is the same on every attempt
/// to send it, so a channel (or the gateway behind it) can drop a repeat: delivery is at least once.
/// </summary>
public sealed record OutgoingMessage(string Id, string DossierCode, NoticeKind Notice, ChannelKind Channel, string Address, string? Subject, string Body);

/// <summary>
/// What a channel answered. <see cref="Accepted"/> false with <see cref="Permanent"/> true means
/// trying again cannot help (a malformed address, a refused recipient); otherwise the sender tries again later.
/// </summary>
public sealed record DeliveryAnswer(bool Accepted, bool Permanent, string Detail)
{
    public static DeliveryAnswer Sent(string detail) => new(true, false, detail);

    public static DeliveryAnswer Retry(string detail) => new(false, false, detail);

    public static DeliveryAnswer Refused(string detail) => new(false, true, detail);
}

/// <summary>A way out for messages: a file (the default), SMTP, an SMS or Zalo gateway.</summary>
public interface INotificationChannel
{
    /// <summary>Short name recorded with each attempt: <c>file</c>, <c>smtp</c>, <c>http:NAME</c>.</summary>
    string Name { get; }

    /// <summary>Hands the message over. Never throws for a refusal or an outage: the answer says which.</summary>
    Task<DeliveryAnswer> SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}
