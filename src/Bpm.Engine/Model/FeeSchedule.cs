using System.Globalization;
using System.Text.Json;

namespace Bpm.Engine;

/// <summary>
/// A procedure's fee and charge schedule (<c>&lt;bpm:feeSchedule&gt;</c> in the process's
/// extension elements, referenced by a fee step's <c>bpm:feeSchedule</c>): its items, fixed or
/// computed from dossier variables, and the exemptions and reductions that the law grants, each
/// chosen by a condition on the dossier's variables (docs/payments.md).
/// </summary>
public sealed class FeeSchedule
{
    internal FeeSchedule(string id, string? name, IReadOnlyList<FeeInput> inputs, IReadOnlyList<FeeRule> fees, IReadOnlyList<FeeExemption> exemptions)
    {
        Id = id;
        Name = name;
        Inputs = inputs;
        Fees = fees;
        Exemptions = exemptions;
    }

    /// <summary>The schedule's id, referenced by fee steps.</summary>
    public string Id { get; }

    /// <summary>Its name, as shown to staff.</summary>
    public string? Name { get; }

    /// <summary>The dossier variables it reads that may be absent, with the value they then take.</summary>
    public IReadOnlyList<FeeInput> Inputs { get; }

    /// <summary>The fees and charges, in the order they are printed.</summary>
    public IReadOnlyList<FeeRule> Fees { get; }

    /// <summary>The exemptions and reductions, in the order they are tried: for each fee the first that holds applies.</summary>
    public IReadOnlyList<FeeExemption> Exemptions { get; }

    /// <summary>A schedule of fixed items, as a fee step's <c>bpm:feeItems</c> gives them.</summary>
    public static FeeSchedule Fixed(IReadOnlyList<FeeItem> items) =>
        new("bpm:feeItems", null, [], items.Select(i => FeeRule.FixedAmount(i.Code, i.Name ?? i.Code, i.Amount)).ToList(), []);

    /// <summary>
    /// Computes each item from <paramref name="variables"/>, applies the first exemption that holds
    /// for it and rounds to whole đồng; on failure (a variable not set, a value of the wrong kind)
    /// <paramref name="error"/> names the item and why, and there is no breakdown.
    /// </summary>
    public bool TryCompute(IReadOnlyDictionary<string, JsonElement> variables, out FeeBreakdown? breakdown, out string? error)
    {
        breakdown = null;
        var scope = WithInputs(variables);
        var lines = new List<FeeLine>();
        foreach (var fee in Fees)
        {
            if (!fee.TryAmount(scope, out var applies, out var amount, out var rule, out error))
            {
                error = $"fee schedule '{Id}', fee '{fee.Code}': {error}";
                return false;
            }

            if (!applies)
            {
                continue;
            }

            AppliedExemption? applied = null;
            foreach (var exemption in Exemptions.Where(e => e.Fees.Contains(fee.Code)))
            {
                if (!exemption.When.TryEvaluate(scope, out var holds, out error))
                {
                    error = $"fee schedule '{Id}', exemption '{exemption.Name}': {error}";
                    return false;
                }

                if (holds)
                {
                    applied = new AppliedExemption(exemption.Name, exemption.Percent, exemption.Basis);
                    break;
                }
            }

            var due = applied is null ? amount : amount - RoundVnd(amount * applied.Percent / 100m);
            lines.Add(new FeeLine(fee.Code, fee.Name, rule, amount, applied, due));
        }

        error = null;
        breakdown = new FeeBreakdown(Id, lines);
        return true;
    }

    internal static long RoundVnd(decimal amount) => (long)Math.Round(amount, MidpointRounding.AwayFromZero);

    private IReadOnlyDictionary<string, JsonElement> WithInputs(IReadOnlyDictionary<string, JsonElement> variables)
    {
        if (Inputs.All(i => variables.ContainsKey(i.Name)))
        {
            return variables;
        }

        var scope = new Dictionary<string, JsonElement>(variables);
        foreach (var input in Inputs)
        {
            scope.TryAdd(input.Name, input.Default);
        }

        return scope;
    }
}

/// <summary>A dossier variable a schedule reads, and the value it takes when the dossier does not have it.</summary>
/// <param name="Name">The variable.</param>
/// <param name="Default">Its value when not set (JSON).</param>
public sealed record FeeInput(string Name, JsonElement Default);

/// <summary>One fee or charge of a schedule: a fixed amount, an expression over dossier variables, or the first band whose condition holds; rounded to whole đồng and kept within its minimum and maximum.</summary>
public sealed class FeeRule
{
    internal FeeRule(string code, string name, ConditionExpression? amount, IReadOnlyList<FeeBand> bands, ConditionExpression? when, long? min, long? max, string? unit)
    {
        Code = code;
        Name = name;
        Amount = amount;
        Bands = bands;
        When = when;
        Min = min;
        Max = max;
        Unit = unit;
    }

    /// <summary>The fee's code, e.g. <c>LEPHI-DKDN</c>.</summary>
    public string Code { get; }

    /// <summary>Its name as printed on the receipt.</summary>
    public string Name { get; }

    /// <summary>The amount in đồng as an expression of the condition language (<c>8000 * soBanSao</c>); null when it has bands.</summary>
    public ConditionExpression? Amount { get; }

    /// <summary>Amounts by band (area, value…): the first band whose condition holds gives the amount.</summary>
    public IReadOnlyList<FeeBand> Bands { get; }

    /// <summary>When set, the fee is charged only when it holds.</summary>
    public ConditionExpression? When { get; }

    /// <summary>The least amount charged, in đồng.</summary>
    public long? Min { get; }

    /// <summary>The most charged, in đồng.</summary>
    public long? Max { get; }

    /// <summary>What the amount is counted per (<c>bản</c>, <c>m²</c>), for the printed rule.</summary>
    public string? Unit { get; }

    internal static FeeRule FixedAmount(string code, string name, long amount)
    {
        ConditionExpression.TryParse(amount.ToString(CultureInfo.InvariantCulture), out var expression, out _);
        return new FeeRule(code, name, expression, [], null, null, null, null);
    }

    internal bool TryAmount(IReadOnlyDictionary<string, JsonElement> variables, out bool applies, out long amount, out string rule, out string? error)
    {
        amount = 0;
        rule = "";
        applies = true;
        error = null;
        if (When is not null)
        {
            if (!When.TryEvaluate(variables, out applies, out error))
            {
                return false;
            }

            if (!applies)
            {
                return true;
            }
        }

        var expression = Amount;
        var band = "";
        foreach (var b in Bands)
        {
            if (!b.When.TryEvaluate(variables, out var holds, out error))
            {
                return false;
            }

            if (holds)
            {
                expression = b.Amount;
                band = $" (khi {b.When.Text})";
                break;
            }
        }

        if (expression is null)
        {
            error = "no band's condition holds for this dossier";
            return false;
        }

        if (!expression.TryEvaluateNumber(variables, out var value, out error))
        {
            return false;
        }

        if (value < 0)
        {
            error = $"'{expression.Text}' gives {value.ToString(CultureInfo.InvariantCulture)}, below 0 đồng";
            return false;
        }

        amount = Math.Clamp(FeeSchedule.RoundVnd(value), Min ?? 0, Max ?? long.MaxValue);
        rule = expression.Text + band + (Unit is null ? "" : $", tính theo {Unit}")
            + (Min is null ? "" : $", tối thiểu {Min.Value.ToString(CultureInfo.InvariantCulture)}")
            + (Max is null ? "" : $", tối đa {Max.Value.ToString(CultureInfo.InvariantCulture)}");
        return true;
    }
}

/// <summary>One band of a fee: its amount when its condition holds.</summary>
/// <param name="When">The band's condition, e.g. <c>dienTichSan &lt;= 100</c>.</param>
/// <param name="Amount">The amount in đồng, an expression.</param>
public sealed record FeeBand(ConditionExpression When, ConditionExpression Amount);

/// <summary>An exemption or reduction granted by law: which fees, when, by how much, and the legal basis printed with it.</summary>
/// <param name="Name">What it is, e.g. <c>Miễn lệ phí cho người thuộc hộ nghèo</c>.</param>
/// <param name="Fees">The codes of the fees it reduces.</param>
/// <param name="When">The condition on dossier variables under which it applies.</param>
/// <param name="Percent">How much is taken off, 1–100 (100: exempt).</param>
/// <param name="Basis">The legal basis, e.g. <c>Luật Hộ tịch 2014, Điều 11 khoản 1</c>.</param>
public sealed record FeeExemption(string Name, IReadOnlyList<string> Fees, ConditionExpression When, int Percent, string Basis);

/// <summary>The exemption applied to one line of a breakdown.</summary>
/// <param name="Name">What it is.</param>
/// <param name="Percent">How much was taken off, 1–100.</param>
/// <param name="Basis">The legal basis.</param>
public sealed record AppliedExemption(string Name, int Percent, string Basis);

/// <summary>One computed line: the fee, the rule that gave its amount, the exemption applied, and what is due.</summary>
/// <param name="Code">The fee's code.</param>
/// <param name="Name">Its name.</param>
/// <param name="Rule">How the amount was computed, e.g. <c>8000 * soBanSao</c>.</param>
/// <param name="BaseAmountVnd">The amount before any exemption.</param>
/// <param name="Exemption">The exemption applied, if any.</param>
/// <param name="AmountVnd">What is due, in đồng.</param>
public sealed record FeeLine(string Code, string Name, string Rule, long BaseAmountVnd, AppliedExemption? Exemption, long AmountVnd);

/// <summary>A fee step's computed fees for one dossier.</summary>
/// <param name="ScheduleId">The schedule computed (<c>bpm:feeItems</c> for a fixed list).</param>
/// <param name="Lines">Each fee charged.</param>
public sealed record FeeBreakdown(string ScheduleId, IReadOnlyList<FeeLine> Lines)
{
    /// <summary>The total due, in đồng.</summary>
    public long TotalVnd => Lines.Sum(l => l.AmountVnd);
}
