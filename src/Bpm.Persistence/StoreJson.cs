using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bpm.Engine;

namespace Bpm.Persistence;

/// <summary>How state, journal payloads and side effects are written to text columns.</summary>
internal static class StoreJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static string State(InstanceState state) => JsonSerializer.Serialize(state, Options);

    public static InstanceState State(string json) =>
        JsonSerializer.Deserialize<InstanceState>(json, Options) ?? throw new InvalidDataException("instance state is null");

    public static string Event(JournalEvent e) => JsonSerializer.Serialize(e, Options);

    public static string Effect(SideEffect effect) => JsonSerializer.Serialize(effect, Options);

    public static SideEffect Effect(string json) =>
        JsonSerializer.Deserialize<SideEffect>(json, Options) ?? throw new InvalidDataException("side effect is null");

    /// <summary>The effect's <c>type</c> discriminator, from its <see cref="JsonDerivedTypeAttribute"/> rather than a second serialisation.</summary>
    public static string EffectType(SideEffect effect) => EffectTypes[effect.GetType()];

    private static readonly Dictionary<Type, string> EffectTypes = typeof(SideEffect)
        .GetCustomAttributes<JsonDerivedTypeAttribute>()
        .ToDictionary(a => a.DerivedType, a => (string)a.TypeDiscriminator!);
}
