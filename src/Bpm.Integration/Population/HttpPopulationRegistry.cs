using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bpm.Dossiers.Dossiers;

namespace Bpm.Integration.Population;

/// <summary>
/// The population database over HTTP: <c>GET {BaseAddress}citizens/{number}</c> with a bearer
/// token; 200 with the citizen as JSON, 404 for an unknown number, anything else (or no answer) is
/// "unavailable". As with the portal, the real service's contract is not available here: this is
/// the shape Bpm needs, tested against a stub.
/// </summary>
public sealed class HttpPopulationRegistry(HttpClient http, Uri baseAddress, string? token, TimeProvider time) : IPopulationRegistry
{
    public string Name => "http";

    public async Task<CitizenLookup> FindAsync(string identityNumber, CancellationToken cancellationToken)
    {
        // Checked first, so a malformed number is never sent (nor a path trick in it).
        if (CitizenIdentityNumber.Check(identityNumber, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)) is { } reason)
        {
            return new CitizenLookup.Invalid(reason);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseAddress, $"citizens/{identityNumber}"));
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return new CitizenLookup.NotFound(identityNumber);
            }

            if (!response.IsSuccessStatusCode)
            {
                return new CitizenLookup.Unavailable($"CSDL dân cư trả lời {(int)response.StatusCode}");
            }

            var citizen = await response.Content.ReadFromJsonAsync<Citizen>(JsonLines.Json, cancellationToken);
            return citizen is { FullName.Length: > 0 } && citizen.IdentityNumber == identityNumber
                ? new CitizenLookup.Found(citizen)
                : new CitizenLookup.Unavailable("CSDL dân cư trả lời không đúng dạng (thiếu họ tên hoặc sai số định danh)");
        }
        catch (Exception e) when (e is HttpRequestException or JsonException)
        {
            return new CitizenLookup.Unavailable($"không tra cứu được CSDL dân cư: {e.Message}");
        }
    }
}
