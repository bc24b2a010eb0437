using Bpm.Persistence;
using Bpm.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bpm.Server.Features.Definitions;

public static class DiffVersions
{
    public sealed record ElementRef(string ElementId, string Type, string? Name);

    public sealed record Change(string Attribute, string? From, string? To);

    public sealed record ChangedElement(string ElementId, string Type, IReadOnlyList<Change> Changes);

    public sealed record Response(IReadOnlyList<ElementRef> Added, IReadOnlyList<ElementRef> Removed, IReadOnlyList<ChangedElement> Changed);

    public static async Task<Results<Ok<Response>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        string definitionId, int? from, int? to, DefinitionStore store, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (from is null)
        {
            errors["from"] = ["Hãy chỉ ra phiên bản gốc (from)."];
        }

        if (to is null)
        {
            errors["to"] = ["Hãy chỉ ra phiên bản so sánh (to)."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var a = await store.GetAsync(definitionId, from!.Value, cancellationToken);
        var b = await store.GetAsync(definitionId, to!.Value, cancellationToken);
        if (a is null || b is null)
        {
            return Problems.NotFound(DefinitionsApi.NotFoundText(definitionId, a is null ? from : to));
        }

        var diff = await store.DiffAsync(definitionId, from.Value, to.Value, cancellationToken);
        var before = BpmnDocument.Elements(a.Xml);
        var after = BpmnDocument.Elements(b.Xml);
        return TypedResults.Ok(new Response(
            diff.Added.Select(id => new ElementRef(id, after[id].Type, after[id].Name)).ToList(),
            diff.Removed.Select(id => new ElementRef(id, before[id].Type, before[id].Name)).ToList(),
            diff.Changed.Select(c => new ChangedElement(c.ElementId, c.ElementType, c.Attributes.Select(x => new Change(x.Attribute, x.Before, x.After)).ToList())).ToList()));
    }
}
