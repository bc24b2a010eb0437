using System.Reflection;

namespace Bpm.Engine.Reading;

/// <summary>One kind of validation finding: a stable code, its severity and its English wording with numbered arguments.</summary>
/// <param name="Code">e.g. <c>BPM1203</c>; never reused for another meaning.</param>
/// <param name="Severity">Error or warning, always the same for a code.</param>
/// <param name="Template">The English message, with <c>{0}</c>, <c>{1}</c>… for <see cref="Diagnostic.Arguments"/>.</param>
/// <param name="Unsupported">True when the finding is a BPMN construct Bpm does not run (the designer lists those apart after an import).</param>
internal sealed record DiagnosticCode(string Code, Severity Severity, string Template, bool Unsupported = false);

/// <summary>
/// Every finding the reader and validator can report, numbered by area so that the designer and
/// the API translate and filter by code, never by wording (docs/diagnostics.md):
/// BPM10xx reading the file, BPM11xx the document, BPM12xx elements, BPM13xx flows and boundaries,
/// BPM14xx <c>bpm:</c> attributes, BPM15xx timers, BPM16xx the process graph.
/// </summary>
internal static class DiagnosticCodes
{
    private const Severity E = Severity.Error;
    private const Severity W = Severity.Warning;

    public static readonly DiagnosticCode NotWellFormed = new("BPM1001", E, "not well-formed XML: {0}");
    public static readonly DiagnosticCode DtdRefused = new("BPM1002", E, "the document has a DTD (<!DOCTYPE …>); DTDs are refused, as they allow entity expansion and external entities");
    public static readonly DiagnosticCode DocumentTooLarge = new("BPM1003", E, "the document is larger than {0} characters");
    public static readonly DiagnosticCode TooManyElements = new("BPM1004", E, "the document has more than {0} elements");
    public static readonly DiagnosticCode NestedTooDeep = new("BPM1005", E, "elements are nested deeper than {0} levels");
    public static readonly DiagnosticCode EmptyDocument = new("BPM1006", E, "the document is empty");
    public static readonly DiagnosticCode FileTooLarge = new("BPM1007", E, "the file is {0} bytes, larger than the limit of {1}");

    public static readonly DiagnosticCode NotBpmn = new("BPM1101", E, "the document is not BPMN 2.0: its root must be <definitions> in {0}");
    public static readonly DiagnosticCode NoProcess = new("BPM1102", E, "the document has no <process>");
    public static readonly DiagnosticCode OnlyProcesses = new("BPM1103", E, "<{0}> is not supported; Bpm runs processes only", Unsupported: true);
    public static readonly DiagnosticCode CollaborationPart = new("BPM1104", E, "<{0}> is not supported", Unsupported: true);
    public static readonly DiagnosticCode ProcessWithoutId = new("BPM1105", E, "a <process> needs an id");

    public static readonly DiagnosticCode SeveralEventDefinitions = new("BPM1201", E, "events with several or referenced event definitions are not supported", Unsupported: true);
    public static readonly DiagnosticCode MultiInstance = new("BPM1202", E, "multi-instance activities with <{0}> are not supported; give the list as bpm:collection and each item's name as bpm:elementVariable", Unsupported: true);
    public static readonly DiagnosticCode LoopActivity = new("BPM1203", E, "loop activities are not supported", Unsupported: true);
    public static readonly DiagnosticCode Compensation = new("BPM1204", E, "compensation handlers are not supported", Unsupported: true);
    public static readonly DiagnosticCode StartTrigger = new("BPM1205", E, "start events with a {0} trigger are not supported; use a none start event", Unsupported: true);
    public static readonly DiagnosticCode EndTrigger = new("BPM1206", E, "{0} end events are not supported", Unsupported: true);
    public static readonly DiagnosticCode ThrowTrigger = new("BPM1207", E, "{0} throw events are not supported", Unsupported: true);
    public static readonly DiagnosticCode CatchTrigger = new("BPM1208", E, "{0} catch events are not supported", Unsupported: true);
    public static readonly DiagnosticCode BoundaryTrigger = new("BPM1209", E, "{0} boundary events are not supported", Unsupported: true);
    public static readonly DiagnosticCode EventSubProcess = new("BPM1210", E, "event sub-processes are not supported", Unsupported: true);
    public static readonly DiagnosticCode UnsupportedElement = new("BPM1211", E, "<{0}> is not supported by the engine", Unsupported: true);
    public static readonly DiagnosticCode ElementWithoutId = new("BPM1212", E, "a <{0}> needs an id");
    public static readonly DiagnosticCode DuplicateId = new("BPM1213", E, "the id '{0}' is used twice");
    public static readonly DiagnosticCode ProcessWithoutStart = new("BPM1214", E, "process '{0}' has no none start event");
    public static readonly DiagnosticCode SubProcessWithoutStart = new("BPM1215", E, "sub-process '{0}' has no none start event");
    public static readonly DiagnosticCode ProcessWithSeveralStarts = new("BPM1216", E, "process '{0}' has more than one start event; Bpm starts each scope at a single none start event");
    public static readonly DiagnosticCode SubProcessWithSeveralStarts = new("BPM1217", E, "sub-process '{0}' has more than one start event; Bpm starts each scope at a single none start event");
    public static readonly DiagnosticCode ErrorEndWithoutCode = new("BPM1218", W, "error end event has no errorRef; it throws an error without a code");
    public static readonly DiagnosticCode MessageWithoutRef = new("BPM1219", E, "a message wait needs a messageRef naming the <message> it waits for");
    public static readonly DiagnosticCode CallWithoutTarget = new("BPM1220", E, "a call activity needs calledElement (the id of the process to call)");
    public static readonly DiagnosticCode DefaultFlowNotOnGateway = new("BPM1221", E, "default flows are only supported on exclusive and inclusive gateways");
    public static readonly DiagnosticCode ParallelDefault = new("BPM1222", E, "a parallel gateway cannot have a default flow");
    public static readonly DiagnosticCode ErrorBoundaryNonInterrupting = new("BPM1223", E, "error boundary events always interrupt their activity (cancelActivity must not be false)");
    public static readonly DiagnosticCode MultiInstanceWithoutCount = new("BPM1224", E, "a multi-instance activity needs a loopCardinality or a bpm:collection naming the list variable, to know how many instances to run");
    public static readonly DiagnosticCode MultiInstanceCountTwice = new("BPM1225", E, "a multi-instance activity takes either a loopCardinality or a bpm:collection, not both");
    public static readonly DiagnosticCode BadLoopCardinality = new("BPM1226", E, "loopCardinality '{0}': {1}");
    public static readonly DiagnosticCode BadCompletionCondition = new("BPM1227", E, "completionCondition '{0}': {1}");
    public static readonly DiagnosticCode BadCollectionName = new("BPM1228", E, "bpm:{0} '{1}' must be a variable name (letters, digits and _, not starting with a digit)");
    public static readonly DiagnosticCode ElementVariableWithoutCollection = new("BPM1229", W, "bpm:elementVariable is only read with bpm:collection and is ignored");
    public static readonly DiagnosticCode MultiInstanceOnNonActivity = new("BPM1230", E, "multi-instance loop characteristics belong on tasks, sub-processes and call activities, not on a <{0}>");
    public static readonly DiagnosticCode EventGatewayTarget = new("BPM1231", E, "an event-based gateway may only lead to message or timer intermediate catch events, and '{0}' is a <{1}>");
    public static readonly DiagnosticCode EventGatewayTooFewFlows = new("BPM1232", E, "an event-based gateway needs at least two outgoing flows, one to each event it waits for");
    public static readonly DiagnosticCode EventGatewayKind = new("BPM1233", E, "event-based gateways with {0} are not supported; Bpm runs exclusive ones inside a running instance", Unsupported: true);
    public static readonly DiagnosticCode ClockAfterEventGateway = new("BPM1234", E, "bpm:clock is not read on an event that follows an event-based gateway, as the other event may win; put it on the wait before the gateway");

    public static readonly DiagnosticCode ConditionOffGateway = new("BPM1301", E, "conditions are only evaluated on flows out of exclusive and inclusive gateways, and '{0}' is a {1}");
    public static readonly DiagnosticCode FlowEndMissing = new("BPM1302", E, "{0} is missing");
    public static readonly DiagnosticCode FlowEndUnknown = new("BPM1303", E, "{0} '{1}' names no supported flow node of this process");
    public static readonly DiagnosticCode FlowCrossesScope = new("BPM1304", E, "{0} '{1}' lies in another scope; a sequence flow cannot cross a sub-process boundary");
    public static readonly DiagnosticCode BoundaryHostUnknown = new("BPM1305", E, "attachedToRef '{0}' names no activity of this process");
    public static readonly DiagnosticCode BoundaryOtherScope = new("BPM1306", E, "a boundary event must lie in the same scope as its activity");
    public static readonly DiagnosticCode BoundaryOnNonWait = new("BPM1307", E, "'{0}' is a {1} that does not wait, so a boundary event on it could never fire");
    public static readonly DiagnosticCode BadCondition = new("BPM1308", E, "condition '{0}': {1}");

    public static readonly DiagnosticCode UnknownAttribute = new("BPM1401", W, "bpm:{0} is not a Bpm attribute of <{1}> and is ignored");
    public static readonly DiagnosticCode BadTimeLimit = new("BPM1402", E, "bpm:timeLimit: {0}");
    public static readonly DiagnosticCode BadAllowance = new("BPM1403", E, "bpm:allowance: {0}");
    public static readonly DiagnosticCode BadLevel = new("BPM1404", E, "bpm:level '{0}' must be {1}");
    public static readonly DiagnosticCode UnknownRole = new("BPM1405", W, "bpm:role '{0}' is not one of {1}");
    public static readonly DiagnosticCode BadClock = new("BPM1406", E, "bpm:clock '{0}' must be {1}");
    public static readonly DiagnosticCode ClockNotOnWait = new("BPM1407", E, "bpm:clock is only read on tasks and message waits, where a token waits");
    public static readonly DiagnosticCode UserTaskWithoutInbox = new("BPM1408", W, "user task has no bpm:unit or bpm:role; its task will not reach a unit's inbox");
    public static readonly DiagnosticCode BadCorrelationKey = new("BPM1409", E, "bpm:correlationKey '{0}': {1}");
    public static readonly DiagnosticCode FixedWithoutVersion = new("BPM1410", E, "bpm:versionBinding 'fixed' needs bpm:version, a positive whole number");
    public static readonly DiagnosticCode BadVersionBinding = new("BPM1411", E, "bpm:versionBinding '{0}' must be {1}");
    public static readonly DiagnosticCode BadKind = new("BPM1412", E, "bpm:kind '{0}' must be {1}");
    public static readonly DiagnosticCode KindMisfit = new("BPM1413", E, "bpm:kind '{0}' does not fit a <{1}> (see docs/bpmn-extensions.md)");
    public static readonly DiagnosticCode FeeWithoutItems = new("BPM1414", W, "fee step has no bpm:feeItems or bpm:feeSchedule");
    public static readonly DiagnosticCode BadFeeItems = new("BPM1415", E, "bpm:feeItems: {0}");
    public static readonly DiagnosticCode HandoffWithoutTarget = new("BPM1416", W, "handoff step names neither bpm:targetAgency nor bpm:targetLevel");
    public static readonly DiagnosticCode StepWithoutTemplate = new("BPM1417", W, "{0} step has no bpm:template");
    public static readonly DiagnosticCode BadChannel = new("BPM1418", E, "bpm:channel '{0}' must be {1}");
    public static readonly DiagnosticCode BadTargetLevel = new("BPM1419", E, "bpm:targetLevel '{0}' must be {1}");
    public static readonly DiagnosticCode BadCalendar = new("BPM1420", E, "bpm:calendar '{0}' must be {1}");
    public static readonly DiagnosticCode BadFeeSchedule = new("BPM1421", E, "bpm:feeSchedule '{0}': {1}");
    public static readonly DiagnosticCode UnknownFeeSchedule = new("BPM1422", E, "bpm:feeSchedule '{0}' is not a <bpm:feeSchedule> of this process (there are: {1})");
    public static readonly DiagnosticCode FeeItemsAndSchedule = new("BPM1423", E, "a fee step takes bpm:feeItems or bpm:feeSchedule, not both");

    public static readonly DiagnosticCode TimerParts = new("BPM1501", E, "a timer needs exactly one of timeDate, timeDuration or timeCycle");
    public static readonly DiagnosticCode BadTimeDate = new("BPM1502", E, "timeDate '{0}' is not an ISO 8601 date-time with an offset, such as 2026-03-05T17:00:00+07:00");
    public static readonly DiagnosticCode CycleNotOnBoundary = new("BPM1503", E, "timeCycle is only supported on non-interrupting boundary timers");
    public static readonly DiagnosticCode BadTimeCycle = new("BPM1504", E, "timeCycle '{0}' must be R<n>/<duration>, such as R3/PT1H");
    public static readonly DiagnosticCode BadTimerDuration = new("BPM1505", E, "timer: {0}");
    public static readonly DiagnosticCode TimerWaitsNothing = new("BPM1506", E, "timer '{0}' waits no time at all; give it a duration or remove it");
    public static readonly DiagnosticCode CycleTooFast = new("BPM1507", E, "timeCycle '{0}' repeats more often than every {1}, so it would flood the dossier with repetitions");
    public static readonly DiagnosticCode TimerLoopTooFast = new("BPM1508", E, "timer '{0}' lies on a loop and waits less than {1} (or at a fixed date, which has passed after the first round), so the loop would spin");

    public static readonly DiagnosticCode StartWithIncoming = new("BPM1601", E, "a start event cannot have incoming flows");
    public static readonly DiagnosticCode EndWithOutgoing = new("BPM1602", E, "an end event cannot have outgoing flows");
    public static readonly DiagnosticCode BoundaryWithIncoming = new("BPM1603", E, "a boundary event cannot have incoming flows");
    public static readonly DiagnosticCode GatewayWithoutOutgoing = new("BPM1604", E, "a gateway needs at least one outgoing flow");
    public static readonly DiagnosticCode DefaultFlowUnknown = new("BPM1605", E, "default flow '{0}' is not an outgoing flow of this gateway");
    public static readonly DiagnosticCode DefaultFlowWithCondition = new("BPM1606", W, "default flow '{0}' has a condition, which is never evaluated");
    public static readonly DiagnosticCode FlowWithoutCondition = new("BPM1607", W, "flow out of {0} '{1}' has no condition and is not the default flow; it counts as always true, in document order");
    public static readonly DiagnosticCode Unreachable = new("BPM1608", E, "cannot be reached from the start event");
    public static readonly DiagnosticCode LoopWithoutWait = new("BPM1609", E, "a path loops through {0} without a wait state, so it would run forever");
    public static readonly DiagnosticCode AllowancesExceedLimit = new("BPM1610", W, "the time allowances on the longest path add up to {0} working days ({1} h), more than the legal time limit bpm:timeLimit {2} ({3} working days ({4} h))");

    /// <summary>Every code, in number order.</summary>
    public static IReadOnlyList<DiagnosticCode> All { get; } = typeof(DiagnosticCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticCode))
        .Select(f => (DiagnosticCode)f.GetValue(null)!)
        .OrderBy(c => c.Code, StringComparer.Ordinal)
        .ToList();
}
