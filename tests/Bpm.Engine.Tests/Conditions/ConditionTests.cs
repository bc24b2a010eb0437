using System.Text.Json;
using Bpm.Engine;

namespace Bpm.Engine.Tests.Conditions;

public sealed class ConditionTests
{
    private static readonly Dictionary<string, JsonElement> Variables = TestModels.Vars(new
    {
        outcome = "approve",
        fee = 50000,
        paid = true,
        applicant = new { age = 30, name = "Nguyễn Văn A" },
        nothing = (string?)null,
    })!;

    [Theory]
    [InlineData("outcome == \"approve\" && fee > 0", true)]
    [InlineData("outcome == 'reject' || fee >= 50000", true)]
    [InlineData("!(paid) or fee < 0", false)]
    [InlineData("not paid", false)]
    [InlineData("applicant.age >= 18 and applicant.name == \"Nguyễn Văn A\"", true)]
    [InlineData("applicant.missing == null", true)]
    [InlineData("nothing == null", true)]
    [InlineData("fee * 2 - 1 == 99999", true)]
    [InlineData("fee / 4 % 3 == 12500 % 3", true)]
    [InlineData("-fee < 0", true)]
    [InlineData("\"a\" + \"b\" == \"ab\"", true)]
    [InlineData("\"abc\" < \"abd\"", true)]
    [InlineData("${ outcome != \"approve\" }", false)]
    [InlineData("1 == \"1\"", false)]
    public void TryEvaluate_ValidExpression_GivesExpectedResult(string text, bool expected)
    {
        Assert.True(ConditionExpression.TryParse(text, out var expression, out var parseError), parseError);
        Assert.True(expression!.TryEvaluate(Variables, out var result, out var error), error);
        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData("unknown == 1", "variable 'unknown' is not set")]
    [InlineData("fee && paid", "'&&' needs a boolean, not a number")]
    [InlineData("outcome > 1", "cannot compare a string with a number")]
    [InlineData("fee / 0 == 1", "division by zero")]
    [InlineData("fee", "gives a number, not true or false")]
    [InlineData("outcome.x == 1", "needs an object, not a string")]
    public void TryEvaluate_BadOperands_FailsWithReason(string text, string expected)
    {
        Assert.True(ConditionExpression.TryParse(text, out var expression, out _));
        Assert.False(expression!.TryEvaluate(Variables, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("a ==", "ends too early")]
    [InlineData("a == 'x", "not closed")]
    [InlineData("a == 1)", "unexpected ')'")]
    [InlineData("System.IO.File.Delete(\"x\")", "unexpected '('")]
    [InlineData("a = 1", "unexpected '='")]
    public void TryParse_Malformed_FailsWithPosition(string text, string expected)
    {
        Assert.False(ConditionExpression.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_NestedTooDeep_IsRefused()
    {
        var text = new string('(', 40) + "true" + new string(')', 40);
        Assert.False(ConditionExpression.TryParse(text, out _, out var error));
        Assert.Contains("deeper than 32", error, StringComparison.Ordinal);
    }
}
