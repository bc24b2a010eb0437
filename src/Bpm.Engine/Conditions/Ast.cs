namespace Bpm.Engine.Conditions;

internal abstract record Expr;

internal sealed record Literal(Value Value) : Expr;

internal sealed record Variable(string Name) : Expr;

internal sealed record Member(Expr Target, string Name) : Expr;

internal sealed record Unary(string Op, Expr Operand) : Expr;

internal sealed record Binary(string Op, Expr Left, Expr Right) : Expr;
