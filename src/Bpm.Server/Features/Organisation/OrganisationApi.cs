using Bpm.Organisation;
using Bpm.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Features.Organisation;

/// <summary>The organisation tree (with effective dates) and the users with their units and roles.</summary>
public static class OrganisationApi
{
    public static IEndpointRouteBuilder MapOrganisationApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/organisation").WithTags("Tổ chức").RequireAuthorization(Policies.Authenticated);
        group.MapGet("/units", ListUnitsAsync).WithSummary("Cây tổ chức: đơn vị, cấp, đơn vị cha, thời gian hiệu lực");
        group.MapGet("/users", ListUsersAsync).WithSummary("Người dùng (quản trị: tất cả; người khác: đồng nghiệp cùng đơn vị)");
        return app;
    }

    /// <param name="AreaClass">urban, rural or remote as recorded on the unit (Decision 468's staff targets); null when it inherits its parent's.</param>
    public sealed record UnitResponse(string Code, string Name, string Level, string? ParentCode, DateOnly ValidFrom, DateOnly? ValidTo, string? Identifier, string? AreaClass);

    public sealed record MembershipResponse(string UnitCode, string Role);

    public sealed record UserResponse(string UserName, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<MembershipResponse> Memberships);

    /// <summary><paramref name="validOn"/> (yyyy-MM-dd) keeps only units in force that day; without it, history is included.</summary>
    private static async Task<Ok<List<UnitResponse>>> ListUnitsAsync(OrganisationDbContext db, DateOnly? validOn, CancellationToken cancellationToken)
    {
        var units = await db.Units.AsNoTracking().OrderBy(u => u.Code).ToListAsync(cancellationToken);
        return TypedResults.Ok(units
            .Where(u => validOn is null || u.IsValidOn(validOn.Value))
            .Select(u => new UnitResponse(u.Code, u.Name, u.Level, u.ParentCode, u.ValidFrom, u.ValidTo, u.Identifier, u.AreaClass?.ToString().ToLowerInvariant()))
            .ToList());
    }

    private static async Task<Ok<List<UserResponse>>> ListUsersAsync(
        CallerAccessor callers, OrganisationDbContext db, UserManager<BpmUser> users, string? unit, CancellationToken cancellationToken)
    {
        var caller = await callers.GetAsync(cancellationToken);
        var memberships = await db.Memberships.AsNoTracking().ToListAsync(cancellationToken);
        var visibleIds = caller.IsInRole(BpmRoles.Admin)
            ? null
            : memberships.Where(m => caller.Units.Contains(m.UnitCode)).Select(m => m.UserId).Append(caller.UserId).ToHashSet();
        var all = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(cancellationToken);
        var result = new List<UserResponse>();
        foreach (var user in all.Where(u => visibleIds is null || visibleIds.Contains(u.Id)))
        {
            var own = memberships.Where(m => m.UserId == user.Id).ToList();
            if (unit is not null && own.All(m => m.UnitCode != unit))
            {
                continue;
            }

            result.Add(new UserResponse(
                user.UserName!,
                user.DisplayName,
                [.. (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal)],
                own.Select(m => new MembershipResponse(m.UnitCode, m.Role)).ToList()));
        }

        return TypedResults.Ok(result);
    }
}
