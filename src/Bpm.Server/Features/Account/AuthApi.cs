using System.ComponentModel.DataAnnotations;
using Bpm.Organisation;
using Bpm.Server.Hosting;
using Bpm.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Features.Account;

/// <summary>Sign-in for scripts and the designer (cookie or bearer token), sign-out, and who am I.</summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Đăng nhập").AllowAnonymous();
        auth.MapPost("/login", LoginAsync).WithSummary("Đăng nhập, đặt cookie phiên");
        auth.MapPost("/token", TokenAsync).WithSummary("Đăng nhập cho ứng dụng máy, trả về bearer token");
        auth.MapPost("/logout", async (SignInManager<BpmUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.NoContent();
        }).WithSummary("Đăng xuất");

        app.MapGet("/api/v1/me", MeAsync).WithTags("Tổ chức").RequireAuthorization(Policies.Authenticated).WithSummary("Người dùng hiện tại");
        return app;
    }

    public sealed record LoginRequest([property: MaxLength(256)] string? UserName, [property: MaxLength(1024)] string? Password);

    public sealed record MeUnit(string Code, string Name, IReadOnlyList<string> Roles);

    public sealed record MeResponse(string UserName, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<MeUnit> Units);

    private static async Task<Results<Ok<MeResponse>, ValidationProblem, ProblemHttpResult>> LoginAsync(
        LoginRequest request, SignInManager<BpmUser> signIn, OrganisationDbContext db, CancellationToken cancellationToken)
    {
        if (Validate(request) is { } invalid)
        {
            return invalid;
        }

        var result = await signIn.PasswordSignInAsync(request.UserName!.Trim(), request.Password!, isPersistent: false, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            return Refused(result);
        }

        var user = await signIn.UserManager.FindByNameAsync(request.UserName.Trim());
        return TypedResults.Ok(await DescribeAsync(user!, signIn.UserManager, db, cancellationToken));
    }

    private static async Task<Results<EmptyHttpResult, ValidationProblem, ProblemHttpResult>> TokenAsync(LoginRequest request, SignInManager<BpmUser> signIn)
    {
        if (Validate(request) is { } invalid)
        {
            return invalid;
        }

        // The bearer scheme writes the token response itself.
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(request.UserName!.Trim(), request.Password!, isPersistent: false, lockoutOnFailure: true);
        return result.Succeeded ? TypedResults.Empty : Refused(result);
    }

    private static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> MeAsync(
        CallerAccessor callers, UserManager<BpmUser> users, OrganisationDbContext db, CancellationToken cancellationToken)
    {
        var caller = await callers.GetAsync(cancellationToken);
        var user = await users.FindByIdAsync(caller.UserId);
        return user is null ? Problems.NotFound("Không tìm thấy tài khoản của phiên đăng nhập.") : TypedResults.Ok(await DescribeAsync(user, users, db, cancellationToken));
    }

    internal static async Task<MeResponse> DescribeAsync(BpmUser user, UserManager<BpmUser> users, OrganisationDbContext db, CancellationToken cancellationToken)
    {
        var roles = await users.GetRolesAsync(user);
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.UserId == user.Id).ToListAsync(cancellationToken);
        var codes = memberships.Select(m => m.UnitCode).Distinct().ToList();
        var names = await db.Units.AsNoTracking().Where(u => codes.Contains(u.Code)).ToDictionaryAsync(u => u.Code, u => u.Name, cancellationToken);
        var units = codes.Order(StringComparer.Ordinal)
            .Select(c => new MeUnit(c, names.GetValueOrDefault(c, c), memberships.Where(m => m.UnitCode == c).Select(m => m.Role).Order(StringComparer.Ordinal).ToList()))
            .ToList();
        return new MeResponse(user.UserName!, user.DisplayName, roles.Order(StringComparer.Ordinal).ToList(), units);
    }

    private static ValidationProblem? Validate(LoginRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.UserName))
        {
            errors["userName"] = ["Hãy nhập tên đăng nhập."];
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            errors["password"] = ["Hãy nhập mật khẩu."];
        }

        return errors.Count == 0 ? null : Problems.Invalid(errors);
    }

    private static ProblemHttpResult Refused(SignInResult result) =>
        result.IsLockedOut
            ? TypedResults.Problem(statusCode: StatusCodes.Status423Locked, title: "Tài khoản tạm khoá", detail: "Tài khoản đang tạm khoá vì đăng nhập sai nhiều lần. Hãy thử lại sau 15 phút.")
            : TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Đăng nhập không thành công", detail: "Tên đăng nhập hoặc mật khẩu không đúng.");
}
