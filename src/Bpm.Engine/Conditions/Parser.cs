using System.Globalization;
using System.Text;

namespace Bpm.Engine.Conditions;

/// <summary>Recursive-descent parser of the condition language (grammar in docs/conditions.md).</summary>
internal sealed class Parser
{
    public const int MaxLength = 2000;
    public const int MaxDepth = 32;

    private readonly string _text;
    private int _pos;
    private int _depth;

    private Parser(string text) => _text = text;

    public static Expr Parse(string text)
    {
        if (text.Length > MaxLength)
        {
            throw new ConditionException($"the expression is longer than {MaxLength} characters");
        }

        var p = new Parser(text);
        var e = p.Or();
        p.SkipSpace();
        if (p._pos < text.Length)
        {
            throw p.Error($"unexpected '{text[p._pos]}'");
        }

        return e;
    }

    private Expr Or()
    {
        var left = And();
        while (Accept("||") || AcceptWord("or"))
        {
            left = new Binary("||", left, And());
        }

        return left;
    }

    private Expr And()
    {
        var left = Not();
        while (Accept("&&") || AcceptWord("and"))
        {
            left = new Binary("&&", left, Not());
        }

        return left;
    }

    private Expr Not()
    {
        if (Peek("!") && !Peek("!="))
        {
            _pos++;
            return Nested(() => new Unary("!", Not()));
        }

        if (AcceptWord("not"))
        {
            return Nested(() => new Unary("!", Not()));
        }

        return Comparison();
    }

    private Expr Comparison()
    {
        var left = Additive();
        foreach (var op in (string[])["==", "!=", "<=", ">=", "<", ">"])
        {
            if (Accept(op))
            {
                return new Binary(op, left, Additive());
            }
        }

        return left;
    }

    private Expr Additive()
    {
        var left = Multiplicative();
        while (true)
        {
            if (Accept("+"))
            {
                left = new Binary("+", left, Multiplicative());
            }
            else if (Accept("-"))
            {
                left = new Binary("-", left, Multiplicative());
            }
            else
            {
                return left;
            }
        }
    }

    private Expr Multiplicative()
    {
        var left = UnaryMinus();
        while (true)
        {
            string? op = Accept("*") ? "*" : Accept("/") ? "/" : Accept("%") ? "%" : null;
            if (op is null)
            {
                return left;
            }

            left = new Binary(op, left, UnaryMinus());
        }
    }

    private Expr UnaryMinus() => Accept("-") ? Nested(() => new Unary("-", UnaryMinus())) : Primary();

    private Expr Primary()
    {
        SkipSpace();
        if (_pos >= _text.Length)
        {
            throw Error("the expression ends too early");
        }

        var c = _text[_pos];
        if (c == '(')
        {
            _pos++;
            var inner = Nested(Or);
            if (!Accept(")"))
            {
                throw Error("')' expected");
            }

            return inner;
        }

        if (c is '"' or '\'')
        {
            return new Literal(Value.Of(StringLiteral(c)));
        }

        if (char.IsAsciiDigit(c))
        {
            var start = _pos;
            while (_pos < _text.Length && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] == '.'))
            {
                _pos++;
            }

            var digits = _text[start.._pos];
            return decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)
                ? new Literal(Value.Of(d))
                : throw Error($"'{digits}' is not a number");
        }

        if (char.IsLetter(c) || c == '_')
        {
            var name = Identifier();
            Expr e = name switch
            {
                "true" => new Literal(Value.True),
                "false" => new Literal(Value.False),
                "null" => new Literal(Value.Null),
                _ => new Variable(name),
            };
            while (Peek(".") && _pos + 1 < _text.Length && (char.IsLetter(_text[_pos + 1]) || _text[_pos + 1] == '_'))
            {
                _pos++;
                e = new Member(e, Identifier());
            }

            return e;
        }

        throw Error($"unexpected '{c}'");
    }

    private string StringLiteral(char quote)
    {
        _pos++;
        var sb = new StringBuilder();
        while (_pos < _text.Length && _text[_pos] != quote)
        {
            if (_text[_pos] == '\\' && _pos + 1 < _text.Length)
            {
                _pos++;
            }

            sb.Append(_text[_pos++]);
        }

        if (_pos >= _text.Length)
        {
            throw Error("a string is not closed");
        }

        _pos++;
        return sb.ToString();
    }

    private string Identifier()
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
        {
            _pos++;
        }

        return _text[start.._pos];
    }

    private T Nested<T>(Func<T> parse)
    {
        if (++_depth > MaxDepth)
        {
            throw Error($"the expression nests deeper than {MaxDepth} levels");
        }

        try
        {
            return parse();
        }
        finally
        {
            _depth--;
        }
    }

    private bool Accept(string token)
    {
        if (!Peek(token))
        {
            return false;
        }

        _pos += token.Length;
        return true;
    }

    private bool AcceptWord(string word)
    {
        SkipSpace();
        var end = _pos + word.Length;
        if (end > _text.Length || string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0
            || (end < _text.Length && (char.IsLetterOrDigit(_text[end]) || _text[end] == '_')))
        {
            return false;
        }

        _pos = end;
        return true;
    }

    private bool Peek(string token)
    {
        SkipSpace();
        return string.CompareOrdinal(_text, _pos, token, 0, token.Length) == 0;
    }

    private void SkipSpace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }
    }

    private ConditionException Error(string message) => new($"{message} at position {_pos + 1}");
}
