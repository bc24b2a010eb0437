using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Bpm.Persistence;

/// <summary>
/// The journal's hash chain. A row's hash is the lower-case hex SHA-256 of the UTF-8 bytes of its
/// canonical form followed by the ASCII bytes of the previous row's hash; the first row of an
/// instance has <see cref="Genesis"/> (64 zeros) as its previous hash. The canonical form is the
/// compact JSON array <c>[instanceId, seq, type, at, actor, payload]</c> where <c>at</c> is UTC
/// ISO 8601 with six fractional digits (<c>2026-03-02T01:00:00.000000Z</c>), <c>actor</c> may be
/// null, and <c>payload</c> is the stored JSON text as a JSON string.
/// </summary>
public static class JournalHash
{
    public static readonly string Genesis = new('0', 64);

    public static string Canonical(string instanceId, long seq, string type, DateTimeOffset at, string? actor, string payload)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteStringValue(instanceId);
            writer.WriteNumberValue(seq);
            writer.WriteStringValue(type);
            writer.WriteStringValue(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
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

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string Compute(JournalRecord row) =>
        Compute(Canonical(row.InstanceId, row.Seq, row.Type, row.At, row.Actor, row.Payload), row.PreviousHash);

    public static string Compute(string canonical, string previousHash) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical + previousHash)));

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
