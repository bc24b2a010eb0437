using System.Globalization;
using System.Text.Json;
using Bpm.Engine;

namespace Bpm.Cli;

/// <summary>A <c>bpm run</c> script: a start time, initial variables, and steps.</summary>
internal sealed record Script(DateTimeOffset Start, Dictionary<string, JsonElement> Variables, string? BusinessKey, IReadOnlyList<ScriptStep> Steps)
{
    public static Script Parse(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ScriptException("the script must be a JSON object with \"start\" and \"steps\"");
        }

        Unknown(root, "script", "start", "variables", "businessKey", "steps");
        var start = root.TryGetProperty("start", out var s) ? Instant(s, "\"start\"") : throw new ScriptException("\"start\" is missing (an ISO 8601 date-time with offset)");
        var variables = root.TryGetProperty("variables", out var v) ? Object(v, "\"variables\"") : [];
        var key = root.TryGetProperty("businessKey", out var k) ? Text(k, "\"businessKey\"") : null;
        var steps = new List<ScriptStep>();
        if (root.TryGetProperty("steps", out var list))
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                throw new ScriptException("\"steps\" must be an array");
            }

            var i = 0;
            foreach (var step in list.EnumerateArray())
            {
                steps.Add(Step(step, ++i));
            }
        }

        return new Script(start, variables, key, steps);
    }

    private static ScriptStep Step(JsonElement step, int index)
    {
        var where = $"step {index}";
        if (step.ValueKind != JsonValueKind.Object)
        {
            throw new ScriptException($"{where}: must be an object such as {{\"complete\": \"TASK_ID\"}}");
        }

        if (step.TryGetProperty("complete", out var complete))
        {
            Unknown(step, where, "complete", "outcome", "by", "variables", "error");
            return new CompleteStep(index, Text(complete, where + " \"complete\""),
                step.TryGetProperty("outcome", out var o) ? Text(o, where + " \"outcome\"") : null,
                step.TryGetProperty("by", out var by) ? Text(by, where + " \"by\"") : "user",
                step.TryGetProperty("variables", out var vars) ? Object(vars, where + " \"variables\"") : null,
                step.TryGetProperty("error", out var err) ? Text(err, where + " \"error\"") : null);
        }

        if (step.TryGetProperty("advance", out var advance))
        {
            Unknown(step, where, "advance");
            var text = Text(advance, where + " \"advance\"");
            if (text.StartsWith('P'))
            {
                return IsoDuration.TryParse(text, out var d, out var error)
                    ? new AdvanceStep(index, d, null)
                    : throw new ScriptException($"{where}: \"advance\": {error}");
            }

            return new AdvanceStep(index, null, Instant(advance, where + " \"advance\""));
        }

        if (step.TryGetProperty("message", out var message))
        {
            Unknown(step, where, "message", "key", "payload");
            return new MessageStep(index, Text(message, where + " \"message\""),
                step.TryGetProperty("key", out var key) ? Text(key, where + " \"key\"") : null,
                step.TryGetProperty("payload", out var payload) ? Object(payload, where + " \"payload\"") : null);
        }

        if (step.TryGetProperty("cancel", out var cancel))
        {
            Unknown(step, where, "cancel", "by");
            return new CancelStep(index, Text(cancel, where + " \"cancel\""), step.TryGetProperty("by", out var by) ? Text(by, where + " \"by\"") : "user");
        }

        throw new ScriptException($"{where}: must have one of \"complete\", \"advance\", \"message\" or \"cancel\"");
    }

    private static void Unknown(JsonElement e, string where, params string[] known)
    {
        foreach (var p in e.EnumerateObject())
        {
            if (!known.Contains(p.Name))
            {
                throw new ScriptException($"{where}: unknown field \"{p.Name}\" (expected {string.Join(", ", known.Select(k => $"\"{k}\""))})");
            }
        }
    }

    private static string Text(JsonElement e, string where) =>
        e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new ScriptException($"{where} must be a string");

    private static Dictionary<string, JsonElement> Object(JsonElement e, string where) =>
        e.ValueKind == JsonValueKind.Object
            ? e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone())
            : throw new ScriptException($"{where} must be an object");

    private static DateTimeOffset Instant(JsonElement e, string where)
    {
        var text = Text(e, where);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) && (text.EndsWith('Z') || text.Contains('+') || text.LastIndexOf('-') > 10)
            ? t
            : throw new ScriptException($"{where}: '{text}' is not an ISO 8601 date-time with offset such as 2026-03-02T08:00:00+07:00");
    }
}

internal abstract record ScriptStep(int Index);

internal sealed record CompleteStep(int Index, string ElementId, string? Outcome, string By, Dictionary<string, JsonElement>? Variables, string? Error) : ScriptStep(Index);

internal sealed record AdvanceStep(int Index, IsoDuration? By, DateTimeOffset? To) : ScriptStep(Index);

internal sealed record MessageStep(int Index, string Name, string? Key, Dictionary<string, JsonElement>? Payload) : ScriptStep(Index);

internal sealed record CancelStep(int Index, string Reason, string By) : ScriptStep(Index);

internal sealed class ScriptException(string message) : Exception(message);
