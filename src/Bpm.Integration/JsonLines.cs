using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Bpm.Integration;

/// <summary>Appends records as JSON lines to one file, one writer at a time, Vietnamese kept readable.</summary>
internal sealed class JsonLines(string path)
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    private readonly SemaphoreSlim _write = new(1, 1);

    public string Path => path;

    public async Task AppendAsync<T>(T record, CancellationToken cancellationToken)
    {
        var line = JsonSerializer.Serialize(record, Json) + "\n";
        await _write.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            await File.AppendAllTextAsync(path, line, cancellationToken);
        }
        finally
        {
            _write.Release();
        }
    }
}
