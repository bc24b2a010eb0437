using System.Text.Encodings.Web;
using System.Text.Json;
using Bpm.Engine.Reading;

namespace Bpm.Engine;

/// <summary>
/// The designer's copy of <see cref="BpmVocabulary"/> and <see cref="DiagnosticCodes"/>, as JSON
/// (<c>src/Bpm.Designer/src/bpm-vocabulary.json</c>), so that the designer's lists and its
/// translations by code cannot drift from what the engine reads and reports.
/// </summary>
internal static class VocabularyJson
{
    /// <summary>The checked-in file, relative to the repository root.</summary>
    public const string DesignerPath = "src/Bpm.Designer/src/bpm-vocabulary.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Generate()
    {
        var document = new
        {
            comment = "Generated from Bpm.Engine's BpmVocabulary and DiagnosticCodes by VocabularyJsonTests; do not edit by hand.",
            @namespace = BpmnNames.Extension,
            prefix = "bpm",
            attributes = new
            {
                process = BpmVocabulary.AttributesOf.Process,
                activity = BpmVocabulary.AttributesOf.Activity,
                timer = BpmVocabulary.AttributesOf.Timer,
                messageWait = BpmVocabulary.AttributesOf.MessageWait,
                call = BpmVocabulary.AttributesOf.Call,
                multiInstance = BpmVocabulary.AttributesOf.MultiInstance,
            },
            loopVariables = BpmVocabulary.LoopVariables.All,
            kinds = BpmVocabulary.Kinds.All,
            roles = BpmVocabulary.Roles.All,
            clock = BpmVocabulary.Clock.All,
            channels = BpmVocabulary.Channels.All,
            levels = BpmVocabulary.Levels.All,
            calendars = BpmVocabulary.Calendars.All,
            versionBindings = BpmVocabulary.VersionBindings.All,
            diagnostics = DiagnosticCodes.All.Select(c => new
            {
                code = c.Code,
                severity = c.Severity == Severity.Error ? "error" : "warning",
                template = c.Template,
                unsupported = c.Unsupported,
            }),
        };
        return JsonSerializer.Serialize(document, Options).ReplaceLineEndings("\n") + "\n";
    }
}
