using System.Net;
using System.Net.Http.Json;

namespace Bpm.Notifications.Channels;

/// <summary>Settings of one <see cref="HttpGatewayChannel"/> (<c>Bpm:Notifications:Sms</c>, <c>Bpm:Notifications:Zalo</c>).</summary>
public sealed class HttpGatewayOptions
{
    /// <summary>Where messages are posted, e.g. the SMS brand-name provider's endpoint.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Sent as <c>Authorization: Bearer …</c> when set.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Brand name or Zalo OA the messages are sent as.</summary>
    public string Sender { get; set; } = "";

    /// <summary>Many SMS brand-name contracts accept unaccented text only; the message is then folded ("Hồ sơ" → "Ho so").</summary>
    public bool WithoutDiacritics { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// SMS or Zalo through a provider's HTTP gateway: one JSON POST per message
/// (<c>{ id, sender, to, text, dossierCode }</c>) with the message id as <c>Idempotency-Key</c>.
/// 2xx is sent; 408, 429 and 5xx are tried again; any other answer is a refusal. Providers whose
/// format differs get an adapter of their own behind <see cref="INotificationChannel"/>.
/// </summary>
public sealed class HttpGatewayChannel(string name, HttpClient http, HttpGatewayOptions options) : INotificationChannel
{
    public string Name => $"http:{name}";

    public async Task<DeliveryAnswer> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var text = options.WithoutDiacritics ? Unaccented.Of(message.Body) : message.Body;
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Endpoint)
        {
            Content = JsonContent.Create(new { id = message.Id, sender = options.Sender, to = message.Address, text, dossierCode = message.DossierCode }),
        };
        request.Headers.Add("Idempotency-Key", message.Id);
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", options.ApiKey);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            var detail = $"{(int)response.StatusCode} {Shorten(body)}".TrimEnd();
            if (response.IsSuccessStatusCode)
            {
                return DeliveryAnswer.Sent(detail);
            }

            return response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500
                ? DeliveryAnswer.Retry(detail)
                : DeliveryAnswer.Refused(detail);
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return DeliveryAnswer.Retry($"không gọi được cổng {name}: {e.Message}");
        }
    }

    private static string Shorten(string body) => body.Length > 500 ? body[..500] : body;
}
