using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Bpm.Designer.Tests;

/// <summary>The server's REST API, signed in as the demo designer, to check what the browser did.</summary>
public sealed class DesignerApi : IDisposable
{
    public const string DesignerUser = "thietke";
    public const string DemoPassword = "BpmDemo2026";

    private readonly HttpClient _http;

    private DesignerApi(HttpClient http) => _http = http;

    public static async Task<DesignerApi> SignInAsync(Uri baseAddress)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = baseAddress };
        var response = await http.PostAsJsonAsync("api/v1/auth/login", new { userName = DesignerUser, password = DemoPassword });
        Assert.True(response.IsSuccessStatusCode, $"sign-in as {DesignerUser} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return new DesignerApi(http);
    }

    public async Task<JsonElement> GetAsync(string path)
    {
        var response = await _http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    public async Task<JsonElement> PostAsync(string path, object body)
    {
        var response = await _http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    public async Task<JsonElement> PutAsync(string path, object body)
    {
        var response = await _http.PutAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"PUT {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    public async Task<int> LatestVersionAsync(string definitionId) =>
        (await GetAsync($"api/v1/definitions/{definitionId}")).GetProperty("versions").EnumerateArray().Max(v => v.GetProperty("version").GetInt32());

    public void Dispose() => _http.Dispose();
}
