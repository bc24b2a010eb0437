using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Bpm.Engine;

namespace Bpm.Cli;

/// <summary>Writes journal events and the final summary as JSON lines, fields in a fixed order.</summary>
internal static class JournalJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Instant(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string Event(JournalEvent e) => Write(w =>
    {
        w.WriteNumber("seq", e.Seq);
        w.WriteString("at", Instant(e.At));
        w.WriteString("type", e.Type.ToKebabCase());
        Optional(w, "elementId", e.ElementId);
        Optional(w, "flowId", e.FlowId);
        Optional(w, BookmarkField(e.Type), e.BookmarkId);
        Optional(w, "tokenId", e.TokenId);
        Optional(w, "scopeId", e.ScopeId);
        Optional(w, "actor", e.Actor);
        Optional(w, "outcome", e.Outcome);
        Optional(w, "name", e.Name);
        if (e.Value is { } value)
        {
            w.WritePropertyName("value");
            value.WriteTo(w);
        }

        if (e.Due is { } due)
        {
            w.WriteString("due", Instant(due));
        }

        if (e.Flows is { } flows)
        {
            w.WriteStartArray("flows");
            foreach (var f in flows)
            {
                w.WriteStringValue(f);
            }

            w.WriteEndArray();
        }

        Optional(w, "evaluation", e.Evaluation);
        Optional(w, "reason", e.Reason);
    });

    public static string Final(InstanceState state) => Write(w =>
    {
        w.WriteStartObject("final");
        w.WriteString("status", state.Status.ToString().ToLowerInvariant());
        w.WriteStartArray("openTasks");
        foreach (var id in state.Bookmarks.Where(b => b.Kind == BookmarkKind.Task).Select(b => b.ElementId).Order(StringComparer.Ordinal))
        {
            w.WriteStringValue(id);
        }

        w.WriteEndArray();
        w.WriteStartArray("armedTimers");
        foreach (var t in state.Bookmarks.Where(b => b.Kind == BookmarkKind.Timer).OrderBy(b => b.Due).ThenBy(b => b.ElementId, StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteString("elementId", t.ElementId);
            w.WriteString("due", Instant(t.Due!.Value));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("variables");
        foreach (var (name, value) in state.Variables.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            w.WritePropertyName(name);
            value.WriteTo(w);
        }

        w.WriteEndObject();
        if (state.Incidents.Count > 0)
        {
            w.WriteStartArray("incidents");
            foreach (var i in state.Incidents)
            {
                w.WriteStartObject();
                w.WriteString("elementId", i.ElementId);
                w.WriteString("message", i.Message);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    });

    private static string BookmarkField(JournalEventType type) => type switch
    {
        JournalEventType.TaskCreated or JournalEventType.TaskCompleted or JournalEventType.TaskCancelled
            or JournalEventType.TaskDueSoon or JournalEventType.ApologyRequired => "taskId",
        JournalEventType.TimerArmed or JournalEventType.TimerFired or JournalEventType.TimerCancelled => "timerId",
        JournalEventType.CallStarted or JournalEventType.CallCompleted => "callId",
        _ => "subscriptionId",
    };

    private static void Optional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
