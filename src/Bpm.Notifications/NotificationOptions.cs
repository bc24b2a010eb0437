using Bpm.Notifications.Channels;

namespace Bpm.Notifications;

/// <summary>
/// <c>Bpm:Notifications</c>: which transport carries each channel. Every channel is
/// <c>file</c> until configured otherwise, so a new installation sends nothing off the machine.
/// </summary>
public sealed class NotificationOptions
{
    public const string Section = "Bpm:Notifications";

    /// <summary><c>file</c> or <c>http</c> (<see cref="Sms"/>).</summary>
    public string SmsTransport { get; set; } = "file";

    /// <summary><c>file</c> or <c>http</c> (<see cref="Zalo"/>).</summary>
    public string ZaloTransport { get; set; } = "file";

    /// <summary><c>file</c> or <c>smtp</c> (<see cref="Smtp"/>).</summary>
    public string EmailTransport { get; set; } = "file";

    /// <summary>Folder of the file channel, under the data folder when relative.</summary>
    public string FileFolder { get; set; } = "notifications";

    public HttpGatewayOptions Sms { get; set; } = new();

    public HttpGatewayOptions Zalo { get; set; } = new();

    public SmtpOptions Smtp { get; set; } = new();
}

/// <summary>A channel's transport, as <see cref="NotificationOptions"/> configure it.</summary>
public sealed class NotificationChannels
{
    private readonly Dictionary<ChannelKind, INotificationChannel> _channels;

    /// <exception cref="ArgumentException">A transport name the channel does not have, or a transport without its settings; the message names the setting.</exception>
    public NotificationChannels(NotificationOptions options, string dataFolder, HttpClient http, TimeProvider time)
    {
        var file = new FileChannel(Path.Combine(dataFolder, options.FileFolder), time);
        _channels = new()
        {
            [ChannelKind.Sms] = Gateway("Sms", options.SmsTransport, options.Sms, file, http),
            [ChannelKind.Zalo] = Gateway("Zalo", options.ZaloTransport, options.Zalo, file, http),
            [ChannelKind.Email] = options.EmailTransport switch
            {
                "file" => file,
                "smtp" when !string.IsNullOrWhiteSpace(options.Smtp.Host) && !string.IsNullOrWhiteSpace(options.Smtp.From) => new SmtpChannel(options.Smtp),
                "smtp" => throw new ArgumentException($"{NotificationOptions.Section}:EmailTransport is smtp, but {NotificationOptions.Section}:Smtp:Host or :From is empty"),
                var other => throw new ArgumentException($"{NotificationOptions.Section}:EmailTransport '{other}' is not one of file, smtp"),
            },
        };
    }

    public INotificationChannel For(ChannelKind kind) => _channels[kind];

    private static INotificationChannel Gateway(string name, string transport, HttpGatewayOptions options, FileChannel file, HttpClient http) => transport switch
    {
        "file" => file,
        "http" when options.Endpoint is { IsAbsoluteUri: true } => new HttpGatewayChannel(name.ToLowerInvariant(), http, options),
        "http" => throw new ArgumentException($"{NotificationOptions.Section}:{name}Transport is http, but {NotificationOptions.Section}:{name}:Endpoint is not an absolute URL"),
        var other => throw new ArgumentException($"{NotificationOptions.Section}:{name}Transport '{other}' is not one of file, http"),
    };
}
