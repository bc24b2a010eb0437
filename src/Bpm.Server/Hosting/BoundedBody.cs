using System.Text;

namespace Bpm.Server.Hosting;

/// <summary>A request body read as sent, as UTF-8 text, for endpoints that verify a signature over its bytes before reading its meaning.</summary>
public static class BoundedBody
{
    /// <returns>The body, or null when it is longer than <paramref name="maxBytes"/> (nothing past the limit is read).</returns>
    public static async Task<string?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[maxBytes + 1];
        var read = 0;
        int got;
        while (read < buffer.Length && (got = await request.Body.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
        {
            read += got;
        }

        return read > maxBytes ? null : Encoding.UTF8.GetString(buffer, 0, read);
    }

    /// <returns>The body's bytes, or null when it is longer than <paramref name="maxBytes"/> (nothing past the limit is read).</returns>
    public static async Task<byte[]?> ReadBytesAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        // Grown as the bytes arrive rather than sized to the limit: most files are far smaller than it.
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int got;
        while (buffer.Length <= maxBytes && (got = await request.Body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, maxBytes + 1 - buffer.Length)), cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, got);
        }

        return buffer.Length > maxBytes ? null : buffer.ToArray();
    }
}
