using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Bpm.Testing;

/// <summary>
/// A real HTTP server (Kestrel) on 127.0.0.1 and a free port, for the far side of a connector —
/// an SMS gateway, the national portal, the population database — in tests. Named a stub
/// wherever it answers: it stands for a partner system that does not run here.
/// </summary>
public sealed class LoopbackHttpStub : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackHttpStub(WebApplication app) => _app = app;

    public Uri BaseAddress => new(_app.Urls.First() + "/");

    public int Port => BaseAddress.Port;

    /// <summary>Starts a server whose endpoints <paramref name="map"/> declares.</summary>
    public static async Task<LoopbackHttpStub> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return new LoopbackHttpStub(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
