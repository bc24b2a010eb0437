using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Bpm.Persistence;

/// <summary>
/// The journal's hash chain. A row's hash is the lower-case hex SHA-256 of the UTF-8 bytes of its
/// canonical form followed by the ASCII bytes of the previous row's hash; the first row of an
/// instance has <see cref="Genesis"/> (64 zeros) as its previous hash. The canonical form is the
/// compact JSON array <c>[instanceId, seq, type, at, actor, payload]</c> where <c>at</c> is UTC
/// ISO 8601 with six fractional digits (<c>2026-03-02T01:00:00.000000Z</c>), <c>actor</c> may be
/// null, and <c>payload</c> is the stored JSON text as a JSON string; strings are escaped minimally
/// (<c>\"</c>, <c>\\</c>, control characters), other characters are written as UTF-8.
/// </summary>
public static class JournalHash
{
    public static readonly string Genesis = new('0', 64);

    // Relaxed escaping: quotes become \" and Vietnamese text stays as UTF-8, which other tools reproduce easily.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Canonical(string instanceId, long seq, string type, DateTimeOffset at, string? actor, string payload)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteCanonical(writer, instanceId, seq, type, at, actor, payload);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// The same bytes as <see cref="Compute(string, string)"/> of <see cref="Canonical"/>, written into a
    /// per-thread buffer and hashed there: the executor hashes every journal row it appends (about six
    /// per task completion), and the canonical text, its copy and the concatenated string were garbage.
    /// </summary>
    public static string Compute(JournalRecord row)
    {
        var scratch = _scratch ??= new Scratch();
        scratch.Buffer.ResetWrittenCount();
        scratch.Writer.Reset(scratch.Buffer);
        WriteCanonical(scratch.Writer, row.InstanceId, row.Seq, row.Type, row.At, row.Actor, row.Payload);
        scratch.Writer.Flush();
        var previous = scratch.Buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(row.PreviousHash.Length));
        scratch.Buffer.Advance(Encoding.UTF8.GetBytes(row.PreviousHash, previous));
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(scratch.Buffer.WrittenSpan, hash);
        return Convert.ToHexStringLower(hash);
    }

    public static string Compute(string canonical, string previousHash) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical + previousHash)));

    private static void WriteCanonical(Utf8JsonWriter writer, string instanceId, long seq, string type, DateTimeOffset at, string? actor, string payload)
    {
        writer.WriteStartArray();
        writer.WriteStringValue(instanceId);
        writer.WriteNumberValue(seq);
        writer.WriteStringValue(type);
        Span<char> time = stackalloc char[TimeFormat.Length];
        if (!at.UtcDateTime.TryFormat(time, out var written, TimeFormat, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"journal time {at:O} does not fit the canonical form");
        }

        writer.WriteStringValue(time[..written]);
        if (actor is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(actor);
        }

        writer.WriteStringValue(payload);
        writer.WriteEndArray();
    }

    // 27 characters written (2026-03-02T01:00:00.000000Z); the format string itself is longer, so it bounds them.
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    [ThreadStatic]
    private static Scratch? _scratch;

    /// <summary>One thread's buffer and writer, reset for each row: a thread hashes one row at a time.</summary>
    private sealed class Scratch
    {
        public ArrayBufferWriter<byte> Buffer { get; } = new(1024);

        public Utf8JsonWriter Writer { get; }

        public Scratch() => Writer = new Utf8JsonWriter(Buffer, WriterOptions);
    }

    /// <summary>Stored times are truncated to microseconds: PostgreSQL keeps no more, and the hash must survive a round trip.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % 10), TimeSpan.Zero);

    /// <summary>Builds the next chained row.</summary>
    public static JournalRecord Append(string instanceId, long seq, string type, DateTimeOffset at, string? actor, string payload, string previousHash)
    {
        var row = new JournalRecord
        {
            InstanceId = instanceId,
            Seq = seq,
            Type = type,
            At = Truncate(at),
            Actor = actor,
            Payload = payload,
            PreviousHash = previousHash,
            Hash = "",
        };
        row.Hash = Compute(row);
        return row;
    }
}
