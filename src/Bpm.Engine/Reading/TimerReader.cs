using System.Globalization;

namespace Bpm.Engine.Reading;

/// <summary>Reads a timer event's <c>timeDate</c>, <c>timeDuration</c> or <c>timeCycle</c>, on the calendar <c>bpm:calendar</c> names.</summary>
internal sealed class TimerReader(DiagnosticSink diagnostics)
{
    private const string M = BpmnNames.Model;

    public TimerDefinition? Read(XmlNode c, FlowNode node)
    {
        var def = c.Element(M, "timerEventDefinition")!;
        var parts = def.Children.Where(x => x.Namespace == M && x.Name is "timeDate" or "timeDuration" or "timeCycle").ToList();
        if (parts.Count != 1)
        {
            return Fail(c, node, DiagnosticCodes.TimerParts);
        }

        var part = parts[0];
        var text = part.Text.Trim();
        var calendar = node.Extensions.GetValueOrDefault(BpmVocabulary.Attributes.Calendar,
            node.DomainKind == BpmVocabulary.Kinds.Sla ? BpmVocabulary.Calendars.Working : BpmVocabulary.Calendars.Calendar);
        if (!BpmVocabulary.Calendars.All.Contains(calendar))
        {
            return Fail(c, node, DiagnosticCodes.BadCalendar, calendar, BpmVocabulary.OneOf(BpmVocabulary.Calendars.All));
        }

        var working = calendar == BpmVocabulary.Calendars.Working;
        switch (part.Name)
        {
            case "timeDate":
                return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && HasOffset(text)
                    ? new TimerDefinition(text, date, null, null, null)
                    : Fail(c, node, DiagnosticCodes.BadTimeDate, text);
            case "timeDuration":
                return Duration(c, node, text, text, working, null);
            default:
                if (node.Kind != ElementKind.TimerBoundaryEvent || node.CancelActivity && c.Attr("cancelActivity") != "false")
                {
                    return Fail(c, node, DiagnosticCodes.CycleNotOnBoundary);
                }

                var slash = text.IndexOf('/');
                var count = slash > 0 ? text[..slash] : "";
                if (count.Length == 0 || count[0] != 'R'
                    || !(count.Length == 1 || int.TryParse(count[1..], NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                {
                    return Fail(c, node, DiagnosticCodes.BadTimeCycle, text);
                }

                return Duration(c, node, text, text[(slash + 1)..], working, count.Length == 1 ? -1 : int.Parse(count[1..], CultureInfo.InvariantCulture));
        }
    }

    private TimerDefinition? Duration(XmlNode c, FlowNode node, string text, string duration, bool working, int? repetitions)
    {
        if (working)
        {
            return WorkingDuration.TryParse(duration, out var w, out var error)
                ? new TimerDefinition(text, null, null, w, repetitions)
                : Fail(c, node, DiagnosticCodes.BadTimerDuration, error ?? "");
        }

        return IsoDuration.TryParse(duration, out var iso, out var isoError)
            ? new TimerDefinition(text, null, iso, null, repetitions)
            : Fail(c, node, DiagnosticCodes.BadTimerDuration, isoError ?? "");
    }

    private TimerDefinition? Fail(XmlNode c, FlowNode node, DiagnosticCode code, params string[] arguments)
    {
        diagnostics.ReportFor(code, c, node.Id, arguments);
        return null;
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.Length > 6 && (text[^6] is '+' or '-') && text[^3] == ':';
}
