using System.Text.RegularExpressions;

namespace Bpm.Engine.Reading;

/// <summary>
/// Reads an activity's <c>multiInstanceLoopCharacteristics</c>: <c>isSequential</c>, a
/// <c>loopCardinality</c> or Bpm's <c>bpm:collection</c> / <c>bpm:elementVariable</c>, the
/// <c>completionCondition</c> and <c>bpm:timeLimit</c> per instance. Findings name the activity.
/// </summary>
internal sealed partial class MultiInstanceReader(DiagnosticSink diagnostics, ElementConfigurator configurator)
{
    private const string M = BpmnNames.Model;

    public MultiInstance Read(XmlNode loop, FlowNode node)
    {
        var result = new MultiInstance(loop.Attr("isSequential") == "true");
        foreach (var ((ns, name), value) in loop.Attributes)
        {
            if (ns != BpmnNames.Extension)
            {
                continue;
            }

            switch (name)
            {
                case BpmVocabulary.Attributes.Collection:
                    result.Collection = VariableName(loop, node, name, value);
                    break;
                case BpmVocabulary.Attributes.ElementVariable:
                    result.ElementVariable = VariableName(loop, node, name, value);
                    break;
                case BpmVocabulary.Attributes.TimeLimit:
                    result.InstanceTimeLimit = configurator.ParseWorking(loop, node.Id, DiagnosticCodes.BadTimeLimit, value);
                    break;
                default:
                    diagnostics.ReportFor(DiagnosticCodes.UnknownAttribute, loop, node.Id, name, loop.Name);
                    break;
            }
        }

        if (loop.Element(M, "loopCardinality") is { } cardinality)
        {
            result.Cardinality = configurator.ParseExpression(loop, node.Id, DiagnosticCodes.BadLoopCardinality, cardinality.Text);
        }

        if (loop.Element(M, "completionCondition") is { } completion)
        {
            result.CompletionCondition = configurator.ParseExpression(loop, node.Id, DiagnosticCodes.BadCompletionCondition, completion.Text);
        }

        var hasCollection = loop.Attr(BpmnNames.Extension, BpmVocabulary.Attributes.Collection) is not null;
        var hasCardinality = loop.Element(M, "loopCardinality") is not null;
        if (hasCollection && hasCardinality)
        {
            diagnostics.ReportFor(DiagnosticCodes.MultiInstanceCountTwice, loop, node.Id);
        }
        else if (!hasCollection && !hasCardinality)
        {
            // The standard's data-input form names a data object Bpm does not model; say what to write instead.
            var standard = loop.Element(M, "loopDataInputRef") is not null || loop.Element(M, "inputDataItem") is not null;
            diagnostics.ReportFor(standard ? DiagnosticCodes.MultiInstance : DiagnosticCodes.MultiInstanceWithoutCount, loop, node.Id, "loopDataInputRef");
        }

        if (!hasCollection && result.ElementVariable is not null)
        {
            diagnostics.ReportFor(DiagnosticCodes.ElementVariableWithoutCollection, loop, node.Id);
        }

        if (loop.Element(M, "complexBehaviorDefinition") is not null)
        {
            diagnostics.ReportFor(DiagnosticCodes.MultiInstance, loop, node.Id, "complexBehaviorDefinition");
        }

        return result;
    }

    private string? VariableName(XmlNode loop, FlowNode node, string attribute, string value)
    {
        if (Identifier().IsMatch(value))
        {
            return value;
        }

        diagnostics.ReportFor(DiagnosticCodes.BadCollectionName, loop, node.Id, attribute, value);
        return null;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
