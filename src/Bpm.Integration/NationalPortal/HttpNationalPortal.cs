using System.Net;
using System.Net.Http.Json;

namespace Bpm.Integration.NationalPortal;

/// <summary>
/// The portal over HTTP: <c>POST {BaseAddress}dossiers/status</c> with the update as JSON, a bearer
/// token and the idempotency key <c>CODE:STATUS:TIME</c>. The real portal's integration contract is
/// not available here; this adapter is the shape Bpm needs, tested against a stub, and the place a
/// province's integrator adapts to the contract they are given.
/// </summary>
public sealed class HttpNationalPortal(HttpClient http, Uri baseAddress, string? token) : INationalPortal
{
    public string Name => "http";

    public async Task<PortalAnswer> SyncStatusAsync(PortalStatusUpdate update, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, "dossiers/status"))
        {
            Content = JsonContent.Create(update, options: JsonLines.Json),
        };
        request.Headers.Add("Idempotency-Key", $"{update.DossierCode}:{update.Status.Code}:{update.At.ToUnixTimeMilliseconds()}");
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var detail = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}".Trim();
            detail = detail.Length > 500 ? detail[..500] : detail;
            return response.IsSuccessStatusCode
                ? new PortalAnswer(true, false, detail)
                : new PortalAnswer(false, !(response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500), detail);
        }
        catch (HttpRequestException e)
        {
            return new PortalAnswer(false, false, $"không gọi được Cổng: {e.Message}");
        }
    }
}
