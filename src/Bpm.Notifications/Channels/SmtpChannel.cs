using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Bpm.Notifications.Channels;

/// <summary>Settings of <see cref="SmtpChannel"/> (<c>Bpm:Notifications:Smtp</c>).</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    /// <summary><c>StartTls</c> (the default), <c>SslOnConnect</c>, or <c>None</c> for a relay on the same host.</summary>
    public string Security { get; set; } = "StartTls";

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, e.g. <c>Bộ phận Một cửa xã Phương Lâm &lt;motcua@phuonglam.gov.vn&gt;</c>.</summary>
    public string From { get; set; } = "";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>E-mail through an SMTP server (MailKit). The message id is the notice's <see cref="OutgoingMessage.Id"/>, so a repeat is recognisable.</summary>
public sealed class SmtpChannel(SmtpOptions options) : INotificationChannel
{
    public string Name => "smtp";

    public async Task<DeliveryAnswer> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        if (!MailboxAddress.TryParse(message.Address, out var to))
        {
            return DeliveryAnswer.Refused($"địa chỉ thư '{message.Address}' không hợp lệ");
        }

        var mail = new MimeMessage { Subject = message.Subject ?? "", Body = new TextPart("plain") { Text = message.Body } };
        mail.From.Add(MailboxAddress.Parse(options.From));
        mail.To.Add(to);
        mail.MessageId = $"{Uri.EscapeDataString(message.Id)}@bpm";
        mail.Headers.Add("X-Bpm-Dossier", message.DossierCode);

        using var client = new SmtpClient { Timeout = (int)options.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(options.Host, options.Port, SecurityOf(options.Security), cancellationToken);
            if (!string.IsNullOrEmpty(options.UserName))
            {
                await client.AuthenticateAsync(options.UserName, options.Password ?? "", cancellationToken);
            }

            var answer = await client.SendAsync(mail, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return DeliveryAnswer.Sent(answer);
        }
        catch (SmtpCommandException e) when (e.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.SenderNotAccepted || (int)e.StatusCode >= 500)
        {
            return DeliveryAnswer.Refused($"máy chủ thư từ chối: {(int)e.StatusCode} {e.Message}");
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException or IOException or System.Net.Sockets.SocketException or TimeoutException or AuthenticationException)
        {
            return DeliveryAnswer.Retry($"chưa gửi được thư: {e.Message}");
        }
    }

    private static SecureSocketOptions SecurityOf(string security) => security switch
    {
        "None" => SecureSocketOptions.None,
        "SslOnConnect" => SecureSocketOptions.SslOnConnect,
        "StartTls" => SecureSocketOptions.StartTls,
        _ => throw new ArgumentException($"Bpm:Notifications:Smtp:Security '{security}' is not one of StartTls, SslOnConnect, None", nameof(security)),
    };
}
