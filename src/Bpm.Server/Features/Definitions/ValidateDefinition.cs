using Bpm.Engine;
using Bpm.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bpm.Server.Features.Definitions;

public static class ValidateDefinition
{
    public sealed record Request(string? Xml);

    public sealed record Response(bool Valid, IReadOnlyList<DiagnosticResponse> Diagnostics);

    public static Results<Ok<Response>, ProblemHttpResult> Handle(Request request)
    {
        if (XmlInput.Check(request.Xml) is { } problem)
        {
            return problem;
        }

        var loaded = BpmnLoader.Load(request.Xml!);
        return TypedResults.Ok(new Response(loaded.IsValid, DiagnosticResponse.From(loaded.Diagnostics)));
    }
}
