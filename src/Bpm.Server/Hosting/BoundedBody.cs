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
}
