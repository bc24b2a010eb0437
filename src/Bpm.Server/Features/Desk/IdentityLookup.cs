using Bpm.Integration.Population;
using Bpm.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bpm.Server.Features.Desk;

/// <summary>
/// The desk's look-up of an applicant in the national population database through
/// <see cref="IPopulationRegistry"/> (the file adapter over fictitious people unless
/// <c>Bpm:Integration:Population</c> says otherwise): the page's button fills the name and address,
/// and <c>GET /api/v1/population/{number}</c> answers the same for other clients.
/// </summary>
public static class IdentityLookup
{
    public sealed record CitizenResponse(string IdentityNumber, string FullName, DateOnly DateOfBirth, string Gender, string PermanentAddress, string Source);

    /// <summary>What the officer is told, and the citizen when one was found.</summary>
    public sealed record Answer(Citizen? Citizen, string Message);

    public static IEndpointRouteBuilder MapPopulationApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/population/{number}", FindAsync).RequireAuthorization(Policies.StartInstances)
            .WithTags("Tiếp nhận").WithSummary("Tra cứu công dân trong CSDL quốc gia về dân cư theo số định danh cá nhân (qua bộ điều hợp đã cấu hình)");
        return app;
    }

    /// <summary>Where the answer came from, said plainly: the shipped file is not the national database.</summary>
    public static string SourceOf(IPopulationRegistry registry) => registry.Name == "file"
        ? "tệp dữ liệu mẫu (không phải CSDL quốc gia về dân cư thật)"
        : "CSDL quốc gia về dân cư qua bộ điều hợp HTTP";

    public static async Task<Answer> AskAsync(IPopulationRegistry registry, string? number, CancellationToken cancellationToken)
    {
        var source = SourceOf(registry);
        return await registry.FindAsync(number?.Trim() ?? "", cancellationToken) switch
        {
            CitizenLookup.Found found => new Answer(found.Citizen,
                $"Đã điền họ tên và địa chỉ theo {source}: {found.Citizen.FullName}, sinh ngày {found.Citizen.DateOfBirth:dd/MM/yyyy}, {found.Citizen.Gender}. Hãy đối chiếu với giấy tờ của người nộp."),
            CitizenLookup.NotFound notFound => new Answer(null, $"Không tìm thấy số định danh {notFound.IdentityNumber} trong {source}; hãy nhập thông tin theo giấy tờ."),
            CitizenLookup.Invalid invalid => new Answer(null, invalid.Reason),
            CitizenLookup.Unavailable unavailable => new Answer(null, $"Chưa tra cứu được ({unavailable.Reason}); hãy nhập thông tin theo giấy tờ."),
            _ => throw new InvalidOperationException("an unknown population look-up answer"),
        };
    }

    private static async Task<Results<Ok<CitizenResponse>, ProblemHttpResult>> FindAsync(string number, IPopulationRegistry registry, CancellationToken cancellationToken)
    {
        var source = SourceOf(registry);
        return await registry.FindAsync(number.Trim(), cancellationToken) switch
        {
            CitizenLookup.Found { Citizen: var c } => TypedResults.Ok(new CitizenResponse(c.IdentityNumber, c.FullName, c.DateOfBirth, c.Gender, c.PermanentAddress, source)),
            CitizenLookup.NotFound => Hosting.Problems.NotFound($"Không tìm thấy số định danh {number.Trim()} trong {source}."),
            CitizenLookup.Invalid invalid => Hosting.Problems.BadRequest("number", invalid.Reason),
            CitizenLookup.Unavailable unavailable => TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Chưa tra cứu được", detail: unavailable.Reason),
            _ => throw new InvalidOperationException("an unknown population look-up answer"),
        };
    }
}
