using Bpm.Engine;
using Bpm.Organisation;
using Bpm.Persistence;
using Bpm.Reports.Simulation;
using Bpm.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bpm.Server.Features.Definitions;

/// <summary>
/// <c>POST /api/v1/definitions/{id}/whatif</c>: the designer's "Mô phỏng" — the candidate XML and
/// the published version run against the last months' arrivals and the units' staff, in memory
/// (<see cref="WhatIfComparison"/>); nothing is written. Bounded so that one request cannot hog the
/// server: at most <see cref="MaxDossiers"/> dossiers and <see cref="MaxDuration"/> of computing.
/// </summary>
public static class SimulateWhatIf
{
    public const int MaxDossiers = 3_000;

    public static readonly TimeSpan MaxDuration = TimeSpan.FromSeconds(20);

    public sealed record Request(string? Xml, int? Months, int? Seed, decimal? ArrivalsPerDay, Dictionary<string, int>? Staff);

    public static async Task<Results<Ok<WhatIfReport>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        string definitionId, Request request, BpmDbContext db, OrganisationDbContext organisation, EngineOptions engine, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (DefinitionsApi.CheckId(definitionId) is { } badId)
        {
            return badId;
        }

        if (XmlInput.Check(request.Xml, requireWellFormed: true) is { } problem)
        {
            return problem;
        }

        var staff = (await UnitStaff.CountAsync(organisation, cancellationToken))
            .ToDictionary(c => WhatIfPools.Key(c.UnitCode, c.Role), c => c.Officers, StringComparer.Ordinal);
        var whatIf = new WhatIfRequest(definitionId, request.Xml!, request.Months ?? 3, request.Seed ?? 1, request.ArrivalsPerDay, staff,
            request.Staff ?? []) { MaxDossiers = MaxDossiers };
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(MaxDuration);
        try
        {
            return TypedResults.Ok(await new WhatIfComparison(db, engine.Calendar, clock).RunAsync(whatIf, bounded.Token));
        }
        catch (WhatIfInputException e)
        {
            return Problems.BadRequest(e.Field, e.Message);
        }
        catch (Engine.Calendar.CalendarCoverageException e)
        {
            return Problems.BadRequest("months", $"Lịch làm việc không đủ cho khoảng thời gian mô phỏng: {e.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Problems.BadRequest("months",
                $"Mô phỏng chưa xong sau {MaxDuration.TotalSeconds:0} giây, giới hạn của một yêu cầu; hãy giảm số tháng hoặc chạy 'bpm simulate whatif' trên máy khác.");
        }
    }
}
