using System.Globalization;
using System.Text.Json;

namespace Bpm.Engine.Conditions;

internal enum ValueKind
{
    Null,
    Boolean,
    Number,
    String,
    Json,
}

/// <summary>A value in the condition language: null, boolean, decimal number, string, or a JSON object/array.</summary>
internal readonly record struct Value(ValueKind Kind, bool Boolean = false, decimal Number = 0, string? String = null, JsonElement Json = default)
{
    public static readonly Value Null = new(ValueKind.Null);
    public static readonly Value True = new(ValueKind.Boolean, Boolean: true);
    public static readonly Value False = new(ValueKind.Boolean, Boolean: false);

    public static Value Of(bool b) => b ? True : False;

    public static Value Of(decimal d) => new(ValueKind.Number, Number: d);

    public static Value Of(string s) => new(ValueKind.String, String: s);

    public static Value FromJson(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => Null,
        JsonValueKind.True => True,
        JsonValueKind.False => False,
        JsonValueKind.Number => e.TryGetDecimal(out var d) ? Of(d) : Of((decimal)e.GetDouble()),
        JsonValueKind.String => Of(e.GetString()!),
        _ => new Value(ValueKind.Json, Json: e),
    };

    public string TypeName => Kind switch
    {
        ValueKind.Null => "null",
        ValueKind.Boolean => "boolean",
        ValueKind.Number => "number",
        ValueKind.String => "string",
        _ => Json.ValueKind == JsonValueKind.Array ? "array" : "object",
    };

    public override string ToString() => Kind switch
    {
        ValueKind.Null => "null",
        ValueKind.Boolean => Boolean ? "true" : "false",
        ValueKind.Number => Number.ToString(CultureInfo.InvariantCulture),
        ValueKind.String => String!,
        _ => Json.GetRawText(),
    };
}
