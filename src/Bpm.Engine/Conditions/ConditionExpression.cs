using System.Text.Json;
using Bpm.Engine.Conditions;

namespace Bpm.Engine;

/// <summary>
/// An expression of Bpm's condition language over process variables, e.g.
/// <c>outcome == "approve" &amp;&amp; fee &gt; 0</c>. It is parsed, never compiled or run as code.
/// </summary>
public sealed class ConditionExpression
{
    private readonly Expr _expr;

    private ConditionExpression(string text, Expr expr)
    {
        Text = text;
        _expr = expr;
    }

    /// <summary>The expression as written (without any <c>${…}</c> wrapper).</summary>
    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says what and where.</summary>
    public static bool TryParse(string text, out ConditionExpression? expression, out string? error)
    {
        var body = text.Trim();
        if (body.StartsWith("${", StringComparison.Ordinal) && body.EndsWith('}'))
        {
            body = body[2..^1].Trim();
        }

        expression = null;
        error = null;
        if (body.Length == 0)
        {
            error = "the expression is empty";
            return false;
        }

        try
        {
            expression = new ConditionExpression(body, Parser.Parse(body));
            return true;
        }
        catch (ConditionException e)
        {
            error = e.Message;
            return false;
        }
    }

    /// <summary>Evaluates to true or false; on failure (unset variable, wrong type) <paramref name="error"/> says why.</summary>
    public bool TryEvaluate(IReadOnlyDictionary<string, JsonElement> variables, out bool result, out string? error)
    {
        var ok = TryEvaluateAs(variables, ValueKind.Boolean, "true or false", out var value, out error);
        result = ok && value.Boolean;
        return ok;
    }

    /// <summary>Evaluates to a text (for correlation keys); null stays null.</summary>
    public bool TryEvaluateText(IReadOnlyDictionary<string, JsonElement> variables, out string? result, out string? error)
    {
        result = null;
        if (!TryEvaluateValue(variables, out var value, out error))
        {
            return false;
        }

        result = value.Kind == ValueKind.Null ? null : value.ToString();
        return true;
    }

    /// <summary>Evaluates to a number (a multi-instance loopCardinality).</summary>
    internal bool TryEvaluateNumber(IReadOnlyDictionary<string, JsonElement> variables, out decimal result, out string? error)
    {
        var ok = TryEvaluateAs(variables, ValueKind.Number, "a number", out var value, out error);
        result = ok ? value.Number : 0;
        return ok;
    }

    private bool TryEvaluateAs(IReadOnlyDictionary<string, JsonElement> variables, ValueKind kind, string expected, out Value value, out string? error)
    {
        if (!TryEvaluateValue(variables, out value, out error))
        {
            return false;
        }

        if (value.Kind != kind)
        {
            error = $"'{Text}' gives a {value.TypeName}, not {expected}";
            return false;
        }

        return true;
    }

    private bool TryEvaluateValue(IReadOnlyDictionary<string, JsonElement> variables, out Value value, out string? error)
    {
        error = null;
        try
        {
            value = Evaluator.Evaluate(_expr, variables);
            return true;
        }
        catch (ConditionException e)
        {
            value = Value.Null;
            error = $"'{Text}': {e.Message}";
            return false;
        }
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
