using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bpm.Papers;

/// <summary>
/// A stored paper's identity: a version-7 GUID, written as 32 lowercase hex digits. Time-ordered, so
/// the file-system store files papers by month; random in its low bits, so two saves never collide.
/// Only this value, never a user's file name, decides where a paper lives.
/// </summary>
[JsonConverter(typeof(PaperIdJsonConverter))]
public readonly record struct PaperId
{
    private PaperId(Guid value) => Value = value;

    /// <summary>The GUID.</summary>
    public Guid Value { get; }

    /// <summary>A new id stamped with the current time.</summary>
    public static PaperId New(TimeProvider time) => new(Guid.CreateVersion7(time.GetUtcNow()));

    /// <summary>Parses the 32-hex-digit form; anything else (other formats, other GUID versions) is refused.</summary>
    public static bool TryParse(string? text, out PaperId id)
    {
        id = default;
        if (text is not { Length: 32 } || !Guid.TryParseExact(text, "N", out var guid) || guid.Version != 7)
        {
            return false;
        }

        id = new PaperId(guid);
        return true;
    }

    /// <summary>Parses the 32-hex-digit form.</summary>
    /// <exception cref="FormatException">The text is not a paper id.</exception>
    public static PaperId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a paper id (32 hexadecimal digits of a version-7 GUID).");

    /// <summary>When the id was made, from its first 48 bits (Unix milliseconds).</summary>
    public DateTimeOffset CreatedAt
    {
        get
        {
            Span<byte> bytes = stackalloc byte[16];
            Value.TryWriteBytes(bytes, bigEndian: true, out _);
            var millis = (long)(BinaryPrimitives.ReadUInt64BigEndian(bytes) >> 16);
            return DateTimeOffset.FromUnixTimeMilliseconds(millis);
        }
    }

    /// <inheritdoc />
    public override string ToString() => Value.ToString("N");
}

/// <summary>Writes a <see cref="PaperId"/> as its 32-hex-digit string, as the API shows it.</summary>
public sealed class PaperIdJsonConverter : JsonConverter<PaperId>
{
    public override PaperId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        PaperId.TryParse(reader.GetString(), out var id) ? id : throw new JsonException($"'{reader.GetString()}' is not a paper id.");

    public override void Write(Utf8JsonWriter writer, PaperId value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
