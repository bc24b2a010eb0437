using Bpm.Documents;
using Bpm.Documents.Templates;

namespace Bpm.Notifications;

/// <summary>The messages of one notice, and the channels left out with the reason.</summary>
public sealed record Composition(IReadOnlyList<OutgoingMessage> Messages, IReadOnlyList<string> Skipped);

/// <summary>
/// Renders a notice into one message per channel the recipient can be reached on (<see cref="NoticeTemplates"/>).
/// </summary>
public sealed class NotificationComposer(TemplateSource templates)
{
    private readonly DocumentRenderer _renderer = new(templates);

    /// <summary>Composes <paramref name="notice"/> for <paramref name="to"/>.</summary>
    /// <param name="occurrence">What this notice is about within the dossier (e.g. the dossier event's number); with the dossier code and channel it makes the message id, the same however often this is called.</param>
    /// <param name="unitCode">The unit whose template override is used, when it has one.</param>
    public Composition Compose<TNotice>(TNotice notice, Recipient to, string occurrence, string? unitCode = null)
        where TNotice : class, INotice
    {
        var messages = new List<OutgoingMessage>();
        var skipped = new List<string>();
        foreach (var channel in ChannelsOf(to))
        {
            var address = channel == ChannelKind.Email ? to.Email?.Trim() : to.MobileNumber;
            if (string.IsNullOrEmpty(address))
            {
                skipped.Add(channel == ChannelKind.Email
                    ? "Email: người nộp không có địa chỉ thư"
                    : $"{channel}: số điện thoại '{to.Phone}' không phải số di động Việt Nam");
                continue;
            }

            var id = $"{notice.DossierCode}/{occurrence}/{channel.ToString().ToLowerInvariant()}";
            if (channel == ChannelKind.Email)
            {
                var (subject, body) = SubjectAndBody(_renderer.Render(NoticeTemplates.Email(notice.Kind), notice, unitCode));
                messages.Add(new OutgoingMessage(id, notice.DossierCode, notice.Kind, channel, address, subject, body));
            }
            else
            {
                var text = _renderer.Render(NoticeTemplates.Sms(notice.Kind), notice, unitCode).Trim();
                messages.Add(new OutgoingMessage(id, notice.DossierCode, notice.Kind, channel, address, null, text));
            }
        }

        return new Composition(messages, skipped);
    }

    private static IEnumerable<ChannelKind> ChannelsOf(Recipient to)
    {
        // An empty choice is a choice: the applicant wants no messages (the desk tells them in person).
        if (to.Preferred is { } preferred)
        {
            return preferred.Distinct().Where(c => c != ChannelKind.Zalo || to.ZaloConsent);
        }

        var channels = new List<ChannelKind>();
        if (!string.IsNullOrWhiteSpace(to.Phone))
        {
            channels.Add(to.ZaloConsent ? ChannelKind.Zalo : ChannelKind.Sms);
        }

        if (!string.IsNullOrWhiteSpace(to.Email))
        {
            channels.Add(ChannelKind.Email);
        }

        return channels;
    }

    /// <summary>An e-mail template's first line is the subject; the rest, without the blank lines before it, the body.</summary>
    private static (string Subject, string Body) SubjectAndBody(string rendered)
    {
        var text = rendered.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\n');
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? (text.Trim(), "") : (text[..end].Trim(), text[(end + 1)..].Trim('\n') + "\n");
    }
}
