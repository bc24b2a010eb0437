namespace Bpm.Papers.Tests;

/// <summary>Streams that behave like slow or hostile uploads.</summary>
internal static class TestStreams
{
    /// <summary>Hands out <paramref name="content"/> a few bytes per read, as a network upload does.</summary>
    public static Stream Trickle(byte[] content, int bytesPerRead = 7) => new ScriptedStream(content, bytesPerRead, long.MaxValue, null);

    /// <summary>Never ends; counts what was read from it.</summary>
    public static EndlessStream Endless(byte[] start) => new(start);

    /// <summary>Hands out the first <paramref name="cancelAfter"/> bytes, then cancels <paramref name="source"/> and honours it.</summary>
    public static Stream CancelledAfter(byte[] content, long cancelAfter, CancellationTokenSource source) => new ScriptedStream(content, 1024, cancelAfter, source);

    private sealed class ScriptedStream(byte[] content, int bytesPerRead, long cancelAfter, CancellationTokenSource? cancel) : ForwardOnlyStream
    {
        private int _position;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position >= cancelAfter)
            {
                cancel!.Cancel();
                cancellationToken.ThrowIfCancellationRequested();
            }

            var n = (int)Math.Min(Math.Min(buffer.Length, bytesPerRead), Math.Min(content.Length - _position, cancelAfter - _position));
            content.AsSpan(_position, n).CopyTo(buffer.Span);
            _position += n;
            return ValueTask.FromResult(n);
        }

    }

    internal sealed class EndlessStream(byte[] start) : ForwardOnlyStream
    {
        public long BytesRead { get; private set; }

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            for (var i = 0; i < count; i++)
            {
                buffer[offset + i] = BytesRead + i < start.Length ? start[BytesRead + i] : (byte)'x';
            }

            BytesRead += count;
            return count;
        }

    }

    /// <summary>What an upload body is: read forward only, length unknown.</summary>
    internal abstract class ForwardOnlyStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
