using System.Text.Json;

namespace Bpm.Engine.Conditions;

/// <summary>Evaluates a parsed expression over process variables. No side effects, no calls, no reflection.</summary>
internal static class Evaluator
{
    public static Value Evaluate(Expr expr, IReadOnlyDictionary<string, JsonElement> variables) => expr switch
    {
        Literal l => l.Value,
        Variable v => variables.TryGetValue(v.Name, out var json)
            ? Value.FromJson(json)
            : throw new ConditionException($"variable '{v.Name}' is not set"),
        Member m => MemberOf(Evaluate(m.Target, variables), m.Name),
        Unary { Op: "!" } u => Value.Of(!Bool(Evaluate(u.Operand, variables), "!")),
        Unary u => Value.Of(-Number(Evaluate(u.Operand, variables), "-")),
        Binary { Op: "&&" } b => Value.Of(Bool(Evaluate(b.Left, variables), "&&") && Bool(Evaluate(b.Right, variables), "&&")),
        Binary { Op: "||" } b => Value.Of(Bool(Evaluate(b.Left, variables), "||") || Bool(Evaluate(b.Right, variables), "||")),
        Binary b => Apply(b.Op, Evaluate(b.Left, variables), Evaluate(b.Right, variables)),
        _ => throw new ConditionException("unknown expression"),
    };

    private static Value MemberOf(Value target, string name)
    {
        if (target.Kind != ValueKind.Json || target.Json.ValueKind != JsonValueKind.Object)
        {
            throw new ConditionException($"'.{name}' needs an object, not a {target.TypeName}");
        }

        return target.Json.TryGetProperty(name, out var p) ? Value.FromJson(p) : Value.Null;
    }

    private static Value Apply(string op, Value l, Value r)
    {
        switch (op)
        {
            case "==":
                return Value.Of(AreEqual(l, r));
            case "!=":
                return Value.Of(!AreEqual(l, r));
            case "<" or "<=" or ">" or ">=":
                var c = Compare(op, l, r);
                return Value.Of(op switch { "<" => c < 0, "<=" => c <= 0, ">" => c > 0, _ => c >= 0 });
            case "+" when l.Kind == ValueKind.String && r.Kind == ValueKind.String:
                return Value.Of(l.String + r.String);
        }

        var a = Number(l, op);
        var b = Number(r, op);
        if (op is "/" or "%" && b == 0)
        {
            throw new ConditionException("division by zero");
        }

        try
        {
            return Value.Of(op switch { "+" => a + b, "-" => a - b, "*" => a * b, "/" => a / b, _ => a % b });
        }
        catch (OverflowException)
        {
            throw new ConditionException($"'{op}' overflows");
        }
    }

    private static bool AreEqual(Value l, Value r) => (l.Kind, r.Kind) switch
    {
        (ValueKind.Null, ValueKind.Null) => true,
        (ValueKind.Boolean, ValueKind.Boolean) => l.Boolean == r.Boolean,
        (ValueKind.Number, ValueKind.Number) => l.Number == r.Number,
        (ValueKind.String, ValueKind.String) => string.Equals(l.String, r.String, StringComparison.Ordinal),
        (ValueKind.Json, ValueKind.Json) => l.Json.GetRawText() == r.Json.GetRawText(),
        _ => false,
    };

    private static int Compare(string op, Value l, Value r) => (l.Kind, r.Kind) switch
    {
        (ValueKind.Number, ValueKind.Number) => l.Number.CompareTo(r.Number),
        (ValueKind.String, ValueKind.String) => string.CompareOrdinal(l.String, r.String),
        _ => throw new ConditionException($"'{op}' cannot compare a {l.TypeName} with a {r.TypeName}"),
    };

    private static bool Bool(Value v, string op) =>
        v.Kind == ValueKind.Boolean ? v.Boolean : throw new ConditionException($"'{op}' needs a boolean, not a {v.TypeName}");

    private static decimal Number(Value v, string op) =>
        v.Kind == ValueKind.Number ? v.Number : throw new ConditionException($"'{op}' needs a number, not a {v.TypeName}");
}
