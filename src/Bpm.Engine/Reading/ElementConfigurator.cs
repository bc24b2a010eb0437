using System.Globalization;

namespace Bpm.Engine.Reading;

/// <summary>
/// Reads an element's <c>bpm:</c> attributes and its BPMN settings (error and message references,
/// timers, called element, default flow) into its <see cref="FlowNode"/>, checking each value
/// against <see cref="BpmVocabulary"/>.
/// </summary>
internal sealed class ElementConfigurator(DiagnosticSink diagnostics)
{
    private const string M = BpmnNames.Model;

    private readonly TimerReader _timers = new(diagnostics);

    private MultiInstanceReader? _multiInstances;

    /// <summary>Message ids to message names, from the document's <c>&lt;message&gt;</c> elements.</summary>
    public Dictionary<string, string> Messages { get; } = [];

    /// <summary>Error ids to error codes, from the document's <c>&lt;error&gt;</c> elements.</summary>
    public Dictionary<string, string> Errors { get; } = [];

    /// <summary>The fee schedules of the process being read, by id, that fee steps may name.</summary>
    public Dictionary<string, FeeSchedule> FeeSchedules { get; set; } = [];

    /// <summary>Ids of schedules that were there but faulty (already reported), so a step naming one is not reported again.</summary>
    public HashSet<string> RefusedFeeSchedules { get; set; } = [];

    /// <summary>Gateway ids to the id of their default flow, checked once the flows are known.</summary>
    public Dictionary<string, string> Defaults { get; } = [];

    public void Configure(XmlNode c, FlowNode node)
    {
        var allowed = node.Kind switch
        {
            ElementKind.TimerBoundaryEvent or ElementKind.TimerCatchEvent => BpmVocabulary.AttributesOf.Timer,
            ElementKind.MessageCatchEvent or ElementKind.ReceiveTask => BpmVocabulary.AttributesOf.MessageWait,
            ElementKind.CallActivity => BpmVocabulary.AttributesOf.Call,
            _ => BpmVocabulary.AttributesOf.Activity,
        };
        node.Extensions = ReadExtensions(c, allowed);
        var ext = node.Extensions;
        if (ext.TryGetValue(BpmVocabulary.Attributes.Allowance, out var allowance))
        {
            node.Allowance = ParseWorking(c, node.Id, DiagnosticCodes.BadAllowance, allowance);
        }

        if (ext.TryGetValue(BpmVocabulary.Attributes.Outcomes, out var outcomes))
        {
            node.Outcomes = outcomes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        if (ext.TryGetValue(BpmVocabulary.Attributes.Role, out var role) && !BpmVocabulary.Roles.All.Contains(role))
        {
            diagnostics.ReportFor(DiagnosticCodes.UnknownRole, c, node.Id, role, string.Join(", ", BpmVocabulary.Roles.All));
        }

        CheckDomainKind(c, node);
        CheckClock(c, node);
        if (node.Kind == ElementKind.UserTask && (node.Unit is null || node.Role is null))
        {
            diagnostics.ReportFor(DiagnosticCodes.UserTaskWithoutInbox, c, node.Id);
        }

        ConfigureByKind(c, node);
        if (c.Element(M, "multiInstanceLoopCharacteristics") is { } loop)
        {
            _multiInstances ??= new MultiInstanceReader(diagnostics, this);
            node.MultiInstance = _multiInstances.Read(loop, node);
        }

        if (node.Kind == ElementKind.ParallelGateway && c.Attr("default") is not null)
        {
            diagnostics.ReportFor(DiagnosticCodes.ParallelDefault, c, node.Id);
        }

        if (node.Kind == ElementKind.TimerBoundaryEvent || node.Kind == ElementKind.ErrorBoundaryEvent)
        {
            node.CancelActivity = c.Attr("cancelActivity") != "false";
            if (node.Kind == ElementKind.ErrorBoundaryEvent && !node.CancelActivity)
            {
                diagnostics.ReportFor(DiagnosticCodes.ErrorBoundaryNonInterrupting, c, node.Id);
            }
        }
    }

    public Dictionary<string, string> ReadExtensions(XmlNode c, IReadOnlyList<string> allowed)
    {
        var result = new Dictionary<string, string>();
        foreach (var ((ns, name), value) in c.Attributes)
        {
            if (ns != BpmnNames.Extension)
            {
                continue;
            }

            if (!allowed.Contains(name))
            {
                diagnostics.Report(DiagnosticCodes.UnknownAttribute, c, name, c.Name);
            }

            result[name] = value;
        }

        return result;
    }

    public WorkingDuration? ParseWorking(XmlNode c, string id, DiagnosticCode code, string text)
    {
        if (WorkingDuration.TryParse(text, out var d, out var error))
        {
            return d;
        }

        diagnostics.ReportFor(code, c, id, error ?? "");
        return null;
    }

    public ConditionExpression? ParseExpression(XmlNode c, string id, DiagnosticCode code, string text)
    {
        if (ConditionExpression.TryParse(text, out var e, out var error))
        {
            return e;
        }

        diagnostics.ReportFor(code, c, id, text.Trim(), error ?? "");
        return null;
    }

    private void ConfigureByKind(XmlNode c, FlowNode node)
    {
        var ext = node.Extensions;
        switch (node.Kind)
        {
            case ElementKind.ErrorEndEvent or ElementKind.ErrorBoundaryEvent:
                var errorRef = c.Element(M, "errorEventDefinition")!.Attr("errorRef");
                node.ErrorCode = errorRef is null ? null : Errors.GetValueOrDefault(errorRef, errorRef);
                if (node.Kind == ElementKind.ErrorEndEvent && node.ErrorCode is null)
                {
                    diagnostics.ReportFor(DiagnosticCodes.ErrorEndWithoutCode, c, node.Id);
                }

                break;
            case ElementKind.TimerCatchEvent or ElementKind.TimerBoundaryEvent:
                node.Timer = _timers.Read(c, node);
                break;
            case ElementKind.MessageCatchEvent or ElementKind.ReceiveTask:
                var messageRef = node.Kind == ElementKind.ReceiveTask ? c.Attr("messageRef") : c.Element(M, "messageEventDefinition")!.Attr("messageRef");
                if (messageRef is null)
                {
                    diagnostics.ReportFor(DiagnosticCodes.MessageWithoutRef, c, node.Id);
                }
                else
                {
                    node.MessageName = Messages.GetValueOrDefault(messageRef, messageRef);
                }

                if (ext.TryGetValue(BpmVocabulary.Attributes.CorrelationKey, out var key))
                {
                    node.CorrelationKey = ParseExpression(c, node.Id, DiagnosticCodes.BadCorrelationKey, key);
                }

                break;
            case ElementKind.CallActivity:
                ConfigureCall(c, node);
                break;
            case ElementKind.ExclusiveGateway or ElementKind.InclusiveGateway:
                if (c.Attr("default") is { } defaultFlow)
                {
                    Defaults[node.Id] = defaultFlow;
                }

                break;
            default:
                if (c.Attr("default") is not null && node.Kind is not ElementKind.ParallelGateway)
                {
                    diagnostics.ReportFor(DiagnosticCodes.DefaultFlowNotOnGateway, c, node.Id);
                }

                break;
        }
    }

    private void ConfigureCall(XmlNode c, FlowNode node)
    {
        var ext = node.Extensions;
        node.CalledElement = c.Attr("calledElement");
        if (string.IsNullOrEmpty(node.CalledElement))
        {
            diagnostics.ReportFor(DiagnosticCodes.CallWithoutTarget, c, node.Id);
        }

        var binding = ext.GetValueOrDefault(BpmVocabulary.Attributes.VersionBinding, BpmVocabulary.VersionBindings.Latest);
        if (binding == BpmVocabulary.VersionBindings.Fixed)
        {
            if (int.TryParse(ext.GetValueOrDefault(BpmVocabulary.Attributes.Version), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0)
            {
                node.CalledVersion = v;
            }
            else
            {
                diagnostics.ReportFor(DiagnosticCodes.FixedWithoutVersion, c, node.Id);
            }
        }
        else if (binding != BpmVocabulary.VersionBindings.Latest)
        {
            diagnostics.ReportFor(DiagnosticCodes.BadVersionBinding, c, node.Id, binding, BpmVocabulary.OneOf(BpmVocabulary.VersionBindings.All));
        }
    }

    private void CheckFees(XmlNode c, FlowNode node)
    {
        var ext = node.Extensions;
        var hasItems = ext.TryGetValue(BpmVocabulary.Attributes.FeeItems, out var items);
        var hasSchedule = ext.TryGetValue(BpmVocabulary.Attributes.FeeSchedule, out var reference);
        if (hasItems && hasSchedule)
        {
            diagnostics.ReportFor(DiagnosticCodes.FeeItemsAndSchedule, c, node.Id);
        }
        else if (hasSchedule)
        {
            if (FeeSchedules.TryGetValue(reference!, out var schedule))
            {
                node.FeeSchedule = schedule;
            }
            else if (!RefusedFeeSchedules.Contains(reference!))
            {
                diagnostics.ReportFor(DiagnosticCodes.UnknownFeeSchedule, c, node.Id, reference!, FeeSchedules.Count == 0 ? "none" : string.Join(", ", FeeSchedules.Keys));
            }
        }
        else if (!hasItems)
        {
            diagnostics.ReportFor(DiagnosticCodes.FeeWithoutItems, c, node.Id);
        }
        else if (FeeItem.TryParseList(items!, out var list, out var error) == false)
        {
            diagnostics.ReportFor(DiagnosticCodes.BadFeeItems, c, node.Id, error ?? "");
        }
        else
        {
            node.FeeSchedule = FeeSchedule.Fixed(list);
        }
    }

    private void CheckClock(XmlNode c, FlowNode node)
    {
        if (!node.Extensions.TryGetValue(BpmVocabulary.Attributes.Clock, out var clock))
        {
            return;
        }

        if (!BpmVocabulary.Clock.All.Contains(clock))
        {
            diagnostics.ReportFor(DiagnosticCodes.BadClock, c, node.Id, clock, BpmVocabulary.OneOf(BpmVocabulary.Clock.All));
        }
        else if (!node.CreatesTask && node.Kind is not (ElementKind.ReceiveTask or ElementKind.MessageCatchEvent))
        {
            diagnostics.ReportFor(DiagnosticCodes.ClockNotOnWait, c, node.Id);
        }
    }

    private void CheckDomainKind(XmlNode c, FlowNode node)
    {
        var kind = node.DomainKind;
        if (kind is null)
        {
            return;
        }

        var fits = kind switch
        {
            BpmVocabulary.Kinds.Sla => node.Kind == ElementKind.TimerBoundaryEvent,
            BpmVocabulary.Kinds.Fee => node.Kind is ElementKind.ServiceTask or ElementKind.UserTask,
            BpmVocabulary.Kinds.Handoff => node.Kind is ElementKind.ServiceTask or ElementKind.SendTask or ElementKind.Task or ElementKind.UserTask,
            BpmVocabulary.Kinds.Document or BpmVocabulary.Kinds.Notify => node.Kind is ElementKind.ServiceTask or ElementKind.SendTask or ElementKind.Task,
            _ => (bool?)null,
        };
        if (fits is null)
        {
            diagnostics.ReportFor(DiagnosticCodes.BadKind, c, node.Id, kind, BpmVocabulary.OneOf(BpmVocabulary.Kinds.All));
        }
        else if (fits == false)
        {
            diagnostics.ReportFor(DiagnosticCodes.KindMisfit, c, node.Id, kind, node.XmlType);
        }

        var ext = node.Extensions;
        if (kind == BpmVocabulary.Kinds.Fee)
        {
            CheckFees(c, node);
        }

        // A multi-instance handoff over agencies takes each instance's target from its item (docs/handoffs.md).
        if (kind == BpmVocabulary.Kinds.Handoff && !ext.ContainsKey(BpmVocabulary.Attributes.TargetAgency) && !ext.ContainsKey(BpmVocabulary.Attributes.TargetLevel)
            && c.Element(M, "multiInstanceLoopCharacteristics") is null)
        {
            diagnostics.ReportFor(DiagnosticCodes.HandoffWithoutTarget, c, node.Id);
        }

        if (kind is BpmVocabulary.Kinds.Document or BpmVocabulary.Kinds.Notify && !ext.ContainsKey(BpmVocabulary.Attributes.Template))
        {
            diagnostics.ReportFor(DiagnosticCodes.StepWithoutTemplate, c, node.Id, kind);
        }

        if (ext.TryGetValue(BpmVocabulary.Attributes.Channel, out var channel) && !BpmVocabulary.Channels.All.Contains(channel))
        {
            diagnostics.ReportFor(DiagnosticCodes.BadChannel, c, node.Id, channel, BpmVocabulary.OneOf(BpmVocabulary.Channels.All));
        }

        if (ext.TryGetValue(BpmVocabulary.Attributes.TargetLevel, out var level) && !BpmVocabulary.Levels.All.Contains(level))
        {
            diagnostics.ReportFor(DiagnosticCodes.BadTargetLevel, c, node.Id, level, BpmVocabulary.OneOf(BpmVocabulary.Levels.All));
        }
    }
}
