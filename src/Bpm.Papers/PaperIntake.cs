using System.Security.Cryptography;

namespace Bpm.Papers;

/// <summary>What copying an upload found: its length (or that it ran over the cap), hash, first and last bytes.</summary>
internal sealed record PaperIntake(long Length, bool OverLimit, string Sha256, byte[] Header, byte[] Tail)
{
    private const int BufferSize = 81_920;

    /// <summary>
    /// Copies <paramref name="source"/> to <paramref name="destination"/> in chunks, hashing as it
    /// goes, and stops reading as soon as more than <paramref name="maxBytes"/> have come: an endless
    /// upload costs one buffer beyond the cap, never memory or disk beyond it.
    /// </summary>
    public static async Task<PaperIntake> CopyAsync(Stream source, Stream destination, long maxBytes, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[BufferSize];
        var header = new byte[PaperSniffer.HeaderLength];
        var headerLength = 0;
        var tail = new TailWindow(PaperSniffer.TailLength);
        long total = 0;
        while (true)
        {
            var wanted = (int)Math.Min(buffer.Length, maxBytes + 1 - total);
            var read = await source.ReadAsync(buffer.AsMemory(0, wanted), cancellationToken);
            if (read == 0)
            {
                break;
            }

            total += read;
            if (total > maxBytes)
            {
                return new PaperIntake(total, true, "", [], []);
            }

            var chunk = buffer.AsMemory(0, read);
            if (headerLength < header.Length)
            {
                var take = Math.Min(read, header.Length - headerLength);
                chunk.Span[..take].CopyTo(header.AsSpan(headerLength));
                headerLength += take;
            }

            hash.AppendData(chunk.Span);
            tail.Append(chunk.Span);
            await destination.WriteAsync(chunk, cancellationToken);
        }

        return new PaperIntake(total, false, Convert.ToHexStringLower(hash.GetHashAndReset()), header[..headerLength], tail.ToArray());
    }

    /// <summary>The last bytes seen, without keeping the rest.</summary>
    private sealed class TailWindow(int capacity)
    {
        private readonly byte[] _bytes = new byte[capacity];
        private int _length;

        public void Append(ReadOnlySpan<byte> data)
        {
            if (data.Length >= _bytes.Length)
            {
                data[^_bytes.Length..].CopyTo(_bytes);
                _length = _bytes.Length;
                return;
            }

            var keep = Math.Min(_length, _bytes.Length - data.Length);
            _bytes.AsSpan(_length - keep, keep).CopyTo(_bytes);
            data.CopyTo(_bytes.AsSpan(keep));
            _length = keep + data.Length;
        }

        public byte[] ToArray() => _bytes[.._length];
    }
}
