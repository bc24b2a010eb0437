using System.Net;
using System.Text.Json;
using Bpm.Notifications.Channels;
using Bpm.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Bpm.Notifications.Tests;

public sealed class ChannelTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("bpm-notifications-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private static OutgoingMessage Message(ChannelKind channel = ChannelKind.Sms, string address = "84912345678", string body = "Hồ sơ 000.00.12.H08-261201-0007 đã có kết quả.") =>
        new("000.00.12.H08-261201-0007/3/" + channel.ToString().ToLowerInvariant(), "000.00.12.H08-261201-0007", NoticeKind.ResultReady, channel, address, channel == ChannelKind.Email ? "Hồ sơ đã có kết quả" : null, body);

    [Fact]
    public async Task File_TwoMessages_OneJsonLineEachInTheVietnamDaysFile()
    {
        // 17:30 UTC on 1 December is 00:30 on 2 December in Vietnam.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 17, 30, 0, TimeSpan.Zero));
        var channel = new FileChannel(Path.Combine(_scratch, "notifications"), time);

        var answer = await channel.SendAsync(Message(), CancellationToken.None);
        await channel.SendAsync(Message(ChannelKind.Email, "an@example.vn"), CancellationToken.None);

        Assert.True(answer.Accepted);
        var path = Path.Combine(_scratch, "notifications", "notifications-2026-12-02.jsonl");
        var lines = await File.ReadAllLinesAsync(path);
        Assert.Equal(2, lines.Length);
        Assert.Contains("đã có kết quả", lines[0]);
        var first = JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal("000.00.12.H08-261201-0007/3/sms", first.GetProperty("id").GetString());
        Assert.Equal("84912345678", first.GetProperty("address").GetString());
        Assert.Equal("Email", JsonDocument.Parse(lines[1]).RootElement.GetProperty("channel").GetString());
    }

    [Fact]
    public async Task Smtp_ToALoopbackServer_DeliversSubjectBodyAndMessageId()
    {
        await using var sink = new SmtpSink();
        var channel = new SmtpChannel(Smtp(sink.Port));

        var answer = await channel.SendAsync(Message(ChannelKind.Email, "an.nguyen@example.vn"), CancellationToken.None);

        Assert.True(answer.Accepted, answer.Detail);
        var mail = await MimeMessage.LoadAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Assert.Single(sink.Received))));
        Assert.Equal("Hồ sơ đã có kết quả", mail.Subject);
        Assert.Equal("Hồ sơ 000.00.12.H08-261201-0007 đã có kết quả.", mail.TextBody?.Trim());
        Assert.Equal("an.nguyen@example.vn", mail.To.Mailboxes.Single().Address);
        Assert.Equal("000.00.12.H08-261201-0007%2F3%2Femail@bpm", mail.MessageId);
        Assert.Equal("000.00.12.H08-261201-0007", mail.Headers["X-Bpm-Dossier"]);
    }

    [Fact]
    public async Task Smtp_RecipientRefused_PermanentRefusalNothingKept()
    {
        await using var sink = new SmtpSink();

        var answer = await new SmtpChannel(Smtp(sink.Port)).SendAsync(Message(ChannelKind.Email, "khong-nhan@example.vn"), CancellationToken.None);

        Assert.False(answer.Accepted);
        Assert.True(answer.Permanent);
        Assert.Contains("550", answer.Detail);
        Assert.Empty(sink.Received);
    }

    [Fact]
    public async Task Smtp_NoServerListening_TriedAgainLater()
    {
        int port;
        await using (var sink = new SmtpSink())
        {
            port = sink.Port;
        }

        var answer = await new SmtpChannel(Smtp(port)).SendAsync(Message(ChannelKind.Email, "an@example.vn"), CancellationToken.None);

        Assert.False(answer.Accepted);
        Assert.False(answer.Permanent);
    }

    [Fact]
    public async Task Smtp_MalformedAddress_RefusedWithoutConnecting()
    {
        var answer = await new SmtpChannel(Smtp(1)).SendAsync(Message(ChannelKind.Email, "không phải địa chỉ"), CancellationToken.None);

        Assert.True(answer.Permanent);
        Assert.Contains("không phải địa chỉ", answer.Detail);
    }

    [Theory]
    [InlineData(200, true, false)]
    [InlineData(202, true, false)]
    [InlineData(429, false, false)]
    [InlineData(503, false, false)]
    [InlineData(400, false, true)]
    [InlineData(401, false, true)]
    public async Task Gateway_ProviderAnswers_SentRetryOrRefused(int status, bool accepted, bool permanent)
    {
        await using var gateway = await GatewayStub.StartAsync(status);

        var answer = await gateway.Channel().SendAsync(Message(), CancellationToken.None);

        Assert.Equal((accepted, permanent), (answer.Accepted, answer.Permanent));
        Assert.StartsWith(status.ToString(System.Globalization.CultureInfo.InvariantCulture), answer.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gateway_Request_CarriesIdempotencyKeyBearerAndTheMessage()
    {
        await using var gateway = await GatewayStub.StartAsync(200);

        await gateway.Channel().SendAsync(Message(), CancellationToken.None);

        var request = Assert.Single(gateway.Requests);
        Assert.Equal("000.00.12.H08-261201-0007/3/sms", request.IdempotencyKey);
        Assert.Equal("Bearer khoa-thu", request.Authorization);
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal("84912345678", body.GetProperty("to").GetString());
        Assert.Equal("UBND PHUONG LAM", body.GetProperty("sender").GetString());
        Assert.Equal("Hồ sơ 000.00.12.H08-261201-0007 đã có kết quả.", body.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Gateway_WithoutDiacritics_TextFoldedCaseKept()
    {
        await using var gateway = await GatewayStub.StartAsync(200);

        await gateway.Channel(withoutDiacritics: true).SendAsync(Message(body: "Đã tiếp nhận hồ sơ; Ủy ban xã Phương Lâm"), CancellationToken.None);

        Assert.Equal("Da tiep nhan ho so; Uy ban xa Phuong Lam", JsonDocument.Parse(Assert.Single(gateway.Requests).Body).RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Gateway_NothingListening_TriedAgainLater()
    {
        int port;
        await using (var gone = await GatewayStub.StartAsync(200))
        {
            port = gone.Port;
        }

        using var http = new HttpClient();
        var channel = new HttpGatewayChannel("sms", http, new HttpGatewayOptions { Endpoint = new Uri($"http://127.0.0.1:{port}/sms") });
        var answer = await channel.SendAsync(Message(), CancellationToken.None);

        Assert.False(answer.Accepted);
        Assert.False(answer.Permanent);
    }

    [Theory]
    [InlineData("EmailTransport", "smtp", "Bpm:Notifications:EmailTransport is smtp, but Bpm:Notifications:Smtp:Host or :From is empty")]
    [InlineData("EmailTransport", "zalo", "Bpm:Notifications:EmailTransport 'zalo' is not one of file, smtp")]
    [InlineData("SmsTransport", "http", "Bpm:Notifications:SmsTransport is http, but Bpm:Notifications:Sms:Endpoint is not an absolute URL")]
    [InlineData("ZaloTransport", "smtp", "Bpm:Notifications:ZaloTransport 'smtp' is not one of file, http")]
    public void Channels_MisconfiguredTransport_ErrorNamesTheSetting(string setting, string value, string message)
    {
        var options = new NotificationOptions();
        typeof(NotificationOptions).GetProperty(setting)!.SetValue(options, value);
        using var http = new HttpClient();

        var error = Assert.Throws<ArgumentException>(() => new NotificationChannels(options, _scratch, http, TimeProvider.System));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Channels_Unconfigured_EveryChannelIsTheFile()
    {
        using var http = new HttpClient();
        var channels = new NotificationChannels(new NotificationOptions(), _scratch, http, TimeProvider.System);

        Assert.All(Enum.GetValues<ChannelKind>(), k => Assert.Equal("file", channels.For(k).Name));
    }

    private static SmtpOptions Smtp(int port) => new() { Host = "127.0.0.1", Port = port, Security = "None", From = "Một cửa xã Phương Lâm <motcua@phuonglam.example>", Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>An SMS provider's endpoint on loopback that answers every post with one status and keeps what it got.</summary>
    private sealed class GatewayStub : IAsyncDisposable
    {
        private readonly HttpClient _http = new();
        private LoopbackHttpStub? _server;

        public List<(string? IdempotencyKey, string? Authorization, string Body)> Requests { get; } = [];

        public int Port => _server!.Port;

        public static async Task<GatewayStub> StartAsync(int status)
        {
            var stub = new GatewayStub();
            stub._server = await LoopbackHttpStub.StartAsync(app => app.MapPost("/sms", async (HttpRequest request) =>
            {
                using var reader = new StreamReader(request.Body);
                stub.Requests.Add((request.Headers["Idempotency-Key"], request.Headers.Authorization, await reader.ReadToEndAsync()));
                return Results.Text("{\"ma\":\"" + status + "\"}", "application/json", statusCode: status);
            }));
            return stub;
        }

        public HttpGatewayChannel Channel(bool withoutDiacritics = false) => new("sms", _http, new HttpGatewayOptions
        {
            Endpoint = new Uri(_server!.BaseAddress, "sms"),
            ApiKey = "khoa-thu",
            Sender = "UBND PHUONG LAM",
            WithoutDiacritics = withoutDiacritics,
        });

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            await _server!.DisposeAsync();
        }
    }
}
