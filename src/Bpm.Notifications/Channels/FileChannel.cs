using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Bpm.Engine.Calendar;

namespace Bpm.Notifications.Channels;

/// <summary>
/// The default channel: every message is appended as one JSON line to
/// <c>notifications-YYYY-MM-DD.jsonl</c> (the day in Vietnam's time) in a folder under the data
/// folder, and nothing leaves the machine. Lets a fresh installation, a test or a training room
/// run every notice without an SMS contract or a mail server.
/// </summary>
public sealed class FileChannel(string folder, TimeProvider time) : INotificationChannel
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // Vietnamese stays readable in the file instead of \u escapes.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    private readonly SemaphoreSlim _write = new(1, 1);

    public string Name => "file";

    public string Folder => folder;

    public async Task<DeliveryAnswer> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var path = Path.Combine(folder, $"notifications-{now.ToOffset(VietnameseWorkingCalendar.UtcOffset):yyyy-MM-dd}.jsonl");
        var line = JsonSerializer.Serialize(new FileLine(now, message.Id, message.DossierCode, message.Notice.ToString(), message.Channel.ToString(), message.Address, message.Subject, message.Body), Json);
        await _write.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(folder);
            await File.AppendAllTextAsync(path, line + "\n", cancellationToken);
        }
        finally
        {
            _write.Release();
        }

        return DeliveryAnswer.Sent($"ghi vào tệp {Path.GetFileName(path)}");
    }

    private sealed record FileLine(DateTimeOffset At, string Id, string DossierCode, string Notice, string Channel, string Address, string? Subject, string Body);
}
