using System.Globalization;
using System.Text.Json;

namespace Bpm.Engine.Reading;

/// <summary>
/// Reads the <c>&lt;bpm:feeSchedule&gt;</c> elements of a process's extension elements
/// (docs/payments.md). Every fault is a diagnostic on the line of the element at fault, naming the
/// schedule and the fee or exemption, so that a bad schedule is refused at lint and publish.
/// </summary>
internal sealed class FeeScheduleReader(DiagnosticSink diagnostics)
{
    private const string M = BpmnNames.Model;
    private const string B = BpmnNames.Extension;

    public Dictionary<string, FeeSchedule> Read(XmlNode process, out HashSet<string> refused)
    {
        refused = [];
        var schedules = new Dictionary<string, FeeSchedule>(StringComparer.Ordinal);
        foreach (var xml in process.Elements(M, "extensionElements").SelectMany(e => e.Elements(B, "feeSchedule")))
        {
            var id = xml.Attr("id");
            if (string.IsNullOrWhiteSpace(id))
            {
                diagnostics.ReportFor(DiagnosticCodes.BadFeeSchedule, xml, null, "(no id)", "a fee schedule needs an id, which fee steps name in bpm:feeSchedule");
                continue;
            }

            if (schedules.ContainsKey(id))
            {
                diagnostics.ReportFor(DiagnosticCodes.BadFeeSchedule, xml, id, id, "there is another schedule with this id");
                continue;
            }

            if (ReadSchedule(xml, id) is { } schedule)
            {
                schedules[id] = schedule;
            }
            else
            {
                refused.Add(id);
            }
        }

        return schedules;
    }

    private FeeSchedule? ReadSchedule(XmlNode xml, string id)
    {
        var errors = diagnostics.ErrorCount;
        var inputs = xml.Elements(B, "input").Select(i => ReadInput(i, id)).OfType<FeeInput>().ToList();
        var fees = new List<FeeRule>();
        foreach (var f in xml.Elements(B, "fee"))
        {
            if (ReadFee(f, id) is { } fee)
            {
                if (fees.Any(x => x.Code == fee.Code))
                {
                    Fault(f, id, $"fee '{fee.Code}': another fee has this code");
                }

                fees.Add(fee);
            }
        }

        if (fees.Count == 0 && diagnostics.ErrorCount == errors)
        {
            Fault(xml, id, "the schedule has no <bpm:fee>");
        }

        var exemptions = xml.Elements(B, "exemption").Select(e => ReadExemption(e, id, fees)).OfType<FeeExemption>().ToList();
        foreach (var other in xml.Children.Where(c => c.Name is not ("input" or "fee" or "exemption") && c.Namespace == B))
        {
            Fault(other, id, $"<bpm:{other.Name}> is not part of a fee schedule (input, fee, exemption)");
        }

        return diagnostics.ErrorCount == errors ? new FeeSchedule(id, xml.Attr("name"), inputs, fees, exemptions) : null;
    }

    private FeeInput? ReadInput(XmlNode xml, string id)
    {
        var name = xml.Attr("name");
        if (string.IsNullOrWhiteSpace(name))
        {
            Fault(xml, id, "<bpm:input> needs a name");
            return null;
        }

        try
        {
            using var parsed = JsonDocument.Parse(xml.Attr("default") ?? "null");
            return new FeeInput(name, parsed.RootElement.Clone());
        }
        catch (JsonException)
        {
            Fault(xml, id, $"input '{name}': default '{xml.Attr("default")}' is not a value (a number, true, false, or a \"quoted\" text)");
            return null;
        }
    }

    private FeeRule? ReadFee(XmlNode xml, string id)
    {
        var code = xml.Attr("code");
        var what = $"fee '{code}'";
        if (string.IsNullOrWhiteSpace(code))
        {
            Fault(xml, id, "a <bpm:fee> needs a code");
            return null;
        }

        var name = xml.Attr("name");
        if (string.IsNullOrWhiteSpace(name))
        {
            Fault(xml, id, $"{what}: needs a name, printed on the receipt");
        }

        var bands = new List<FeeBand>();
        foreach (var b in xml.Elements(B, "band"))
        {
            var when = Expression(b, id, $"{what}, band", "when", required: true);
            var amount = Expression(b, id, $"{what}, band", "amount", required: true);
            if (when is not null && amount is not null)
            {
                bands.Add(new FeeBand(when, amount));
            }
        }

        var amountText = xml.Attr("amount");
        var hasBands = xml.Elements(B, "band").Any();
        if ((amountText is null) != hasBands)
        {
            Fault(xml, id, $"{what}: give either an amount or <bpm:band> elements, not {(amountText is null ? "neither" : "both")}");
        }

        var amountExpression = amountText is null ? null : Expression(xml, id, what, "amount", required: true);
        var min = Whole(xml, id, what, "min");
        var max = Whole(xml, id, what, "max");
        if (min is not null && max is not null && min > max)
        {
            Fault(xml, id, $"{what}: min {min} is above max {max}");
        }

        return new FeeRule(code, name ?? code, amountExpression, bands, Expression(xml, id, what, "when", required: false), min, max, xml.Attr("unit"));
    }

    private FeeExemption? ReadExemption(XmlNode xml, string id, List<FeeRule> fees)
    {
        var name = xml.Attr("name");
        var what = $"exemption '{name}'";
        if (string.IsNullOrWhiteSpace(name))
        {
            Fault(xml, id, "a <bpm:exemption> needs a name");
            return null;
        }

        var codes = (xml.Attr("fees") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (codes.Length == 0)
        {
            Fault(xml, id, $"{what}: fees names no fee (comma-separated fee codes)");
        }

        foreach (var unknown in codes.Where(c => fees.All(f => f.Code != c)))
        {
            Fault(xml, id, $"{what}: fee '{unknown}' is not in the schedule (there are: {string.Join(", ", fees.Select(f => f.Code))})");
        }

        if (!int.TryParse(xml.Attr("percent"), NumberStyles.None, CultureInfo.InvariantCulture, out var percent) || percent is < 1 or > 100)
        {
            Fault(xml, id, $"{what}: percent '{xml.Attr("percent")}' must be a whole number from 1 to 100 (100: exempt)");
        }

        var basis = xml.Attr("basis");
        if (string.IsNullOrWhiteSpace(basis))
        {
            Fault(xml, id, $"{what}: needs its legal basis (basis), printed with the reduction");
        }

        var when = Expression(xml, id, what, "when", required: true);
        return when is null || basis is null ? null : new FeeExemption(name, codes, when, percent, basis);
    }

    private ConditionExpression? Expression(XmlNode xml, string id, string what, string attribute, bool required)
    {
        var text = xml.Attr(attribute);
        if (text is null)
        {
            if (required)
            {
                Fault(xml, id, $"{what}: needs {attribute}");
            }

            return null;
        }

        if (!ConditionExpression.TryParse(text, out var expression, out var error))
        {
            Fault(xml, id, $"{what}: {attribute} '{text}': {error}");
        }

        return expression;
    }

    private long? Whole(XmlNode xml, string id, string what, string attribute)
    {
        var text = xml.Attr(attribute);
        if (text is null)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            Fault(xml, id, $"{what}: {attribute} '{text}' is not a whole number of đồng");
            return null;
        }

        return value;
    }

    private void Fault(XmlNode xml, string id, string message) => diagnostics.ReportFor(DiagnosticCodes.BadFeeSchedule, xml, id, id, message);
}
