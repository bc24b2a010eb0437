using System.Text.Json;
using Bpm.Engine;

namespace Bpm.Dossiers.Handoffs;

/// <summary>
/// Where a handoff step sends the dossier: the target agency and the procedure it handles there.
/// A multi-instance handoff over agencies takes them from its instance's element variable — an
/// agency code (<c>"CA-PHUONGLAM"</c>) or an object <c>{ "agency": …, "procedure": … }</c> — and
/// falls back on the step's <c>bpm:targetAgency</c> and <c>bpm:targetProcedure</c>.
/// </summary>
public sealed record HandoffTarget(string Agency, string Procedure)
{
    // The engine's vocabulary is internal to it; these are the bpm: attributes of docs/bpmn-extensions.md.
    private const string TargetAgencyAttribute = "targetAgency";
    private const string TargetProcedureAttribute = "targetProcedure";
    private const string LoopCounter = "loopCounter";

    /// <returns>The target, or null with <paramref name="error"/> naming what the step lacks.</returns>
    public static HandoffTarget? Of(TaskCreated task, out string? error)
    {
        var agency = task.Settings.GetValueOrDefault(TargetAgencyAttribute);
        var procedure = task.Settings.GetValueOrDefault(TargetProcedureAttribute);
        foreach (var (name, value) in task.Locals ?? new Dictionary<string, JsonElement>())
        {
            if (name == LoopCounter)
            {
                continue;
            }

            if (value.ValueKind == JsonValueKind.String)
            {
                agency = value.GetString();
            }
            else if (value.ValueKind == JsonValueKind.Object)
            {
                agency = Text(value, "agency") ?? agency;
                procedure = Text(value, "procedure") ?? procedure;
            }
        }

        error = string.IsNullOrWhiteSpace(agency) ? $"handoff step '{task.ElementId}' names no target agency (bpm:targetAgency, or the agency of its multi-instance item)"
            : string.IsNullOrWhiteSpace(procedure) ? $"handoff step '{task.ElementId}' names no target procedure (bpm:targetProcedure, or the procedure of its multi-instance item)"
            : null;
        return error is null ? new HandoffTarget(agency!, procedure!) : null;
    }

    private static string? Text(JsonElement item, string property) =>
        item.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
