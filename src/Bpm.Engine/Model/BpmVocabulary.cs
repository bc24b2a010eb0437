namespace Bpm.Engine;

/// <summary>
/// The whole <c>bpm:</c> extension vocabulary (docs/bpmn-extensions.md) in one place: attribute
/// names, which element reads which, and the closed value lists. The reader validates against it,
/// the interpreter reads attributes through it, and the designer gets it as
/// <c>src/Bpm.Designer/src/bpm-vocabulary.json</c>, generated from it by a test.
/// </summary>
internal static class BpmVocabulary
{
    public static class Attributes
    {
        public const string ProcedureCode = "procedureCode";
        public const string TimeLimit = "timeLimit";
        public const string Level = "level";
        public const string Sector = "sector";
        public const string FeeSchedule = "feeSchedule";
        public const string DecidingUnit = "decidingUnit";
        public const string Unit = "unit";
        public const string Role = "role";
        public const string Allowance = "allowance";
        public const string Outcomes = "outcomes";
        public const string Kind = "kind";
        public const string EscalateTo = "escalateTo";
        public const string TargetLevel = "targetLevel";
        public const string TargetAgency = "targetAgency";
        public const string TargetProcedure = "targetProcedure";
        public const string FeeItems = "feeItems";
        public const string Template = "template";
        public const string Channel = "channel";
        public const string Clock = "clock";
        public const string Calendar = "calendar";
        public const string CorrelationKey = "correlationKey";
        public const string VersionBinding = "versionBinding";
        public const string Version = "version";
        public const string Collection = "collection";
        public const string ElementVariable = "elementVariable";
    }

    /// <summary>Which <c>bpm:</c> attributes each kind of element reads; any other draws a warning.</summary>
    public static class AttributesOf
    {
        public static readonly IReadOnlyList<string> Process =
            [Attributes.ProcedureCode, Attributes.TimeLimit, Attributes.Level, Attributes.Sector, Attributes.FeeSchedule, Attributes.DecidingUnit];

        public static readonly IReadOnlyList<string> Activity =
        [
            Attributes.Unit, Attributes.Role, Attributes.Allowance, Attributes.Outcomes, Attributes.Kind, Attributes.EscalateTo, Attributes.TargetLevel,
            Attributes.TargetAgency, Attributes.TargetProcedure, Attributes.FeeItems, Attributes.FeeSchedule, Attributes.Template, Attributes.Channel, Attributes.Clock,
        ];

        public static readonly IReadOnlyList<string> Timer = [Attributes.Kind, Attributes.Calendar, Attributes.EscalateTo];

        public static readonly IReadOnlyList<string> MessageWait =
            [Attributes.CorrelationKey, Attributes.Unit, Attributes.Role, Attributes.Allowance, Attributes.Clock];

        public static readonly IReadOnlyList<string> Call =
            [Attributes.VersionBinding, Attributes.Version, Attributes.Unit, Attributes.Role, Attributes.Allowance];

        /// <summary>On <c>multiInstanceLoopCharacteristics</c>: the list to run over, each item's name, each instance's time limit.</summary>
        public static readonly IReadOnlyList<string> MultiInstance = [Attributes.Collection, Attributes.ElementVariable, Attributes.TimeLimit];
    }

    /// <summary>
    /// The variables a multi-instance activity gives: each instance's own <c>loopCounter</c> (from 0), and the
    /// counts its <c>completionCondition</c> reads (BPMN 2.0, 10.2.8).
    /// </summary>
    public static class LoopVariables
    {
        public const string LoopCounter = "loopCounter";
        public const string Instances = "nrOfInstances";
        public const string Completed = "nrOfCompletedInstances";
        public const string Active = "nrOfActiveInstances";

        public static readonly IReadOnlyList<string> All = [LoopCounter, Instances, Completed, Active];
    }

    /// <summary>Values of <c>bpm:kind</c>: the one-stop step an element stands for.</summary>
    public static class Kinds
    {
        public const string Sla = "sla";
        public const string Handoff = "handoff";
        public const string Fee = "fee";
        public const string Document = "document";
        public const string Notify = "notify";

        /// <summary>The kind of the apology task the engine itself creates; not written in a model.</summary>
        public const string Apology = "apology";

        public static readonly IReadOnlyList<string> All = [Sla, Handoff, Fee, Document, Notify];
    }

    /// <summary>Values of <c>bpm:role</c> (and <c>bpm:escalateTo</c>).</summary>
    public static class Roles
    {
        public const string Reception = "reception";
        public const string Specialist = "specialist";
        public const string Leader = "leader";
        public const string Accountant = "accountant";
        public const string Clerk = "clerk";

        public static readonly IReadOnlyList<string> All = [Reception, Specialist, Leader, Accountant, Clerk];
    }

    /// <summary>Values of <c>bpm:clock</c>.</summary>
    public static class Clock
    {
        public const string Pause = "pause";
        public const string Restart = "restart";

        public static readonly IReadOnlyList<string> All = [Pause, Restart];
    }

    /// <summary>Values of <c>bpm:channel</c>.</summary>
    public static class Channels
    {
        public static readonly IReadOnlyList<string> All = ["sms", "email", "portal", "zalo"];
    }

    /// <summary>Values of <c>bpm:level</c> and <c>bpm:targetLevel</c>.</summary>
    public static class Levels
    {
        public static readonly IReadOnlyList<string> All = ["province", "commune", "district"];
    }

    /// <summary>Values of <c>bpm:calendar</c> on a timer.</summary>
    public static class Calendars
    {
        public const string Working = "working";
        public const string Calendar = "calendar";

        public static readonly IReadOnlyList<string> All = [Working, Calendar];
    }

    /// <summary>Values of <c>bpm:versionBinding</c> on a call activity.</summary>
    public static class VersionBindings
    {
        public const string Latest = "latest";
        public const string Fixed = "fixed";

        public static readonly IReadOnlyList<string> All = [Latest, Fixed];
    }

    /// <summary>"a, b or c", for messages that list the allowed values.</summary>
    public static string OneOf(IReadOnlyList<string> values) =>
        values.Count == 1 ? values[0] : string.Join(", ", values.Take(values.Count - 1)) + " or " + values[^1];
}
