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
        // Ends every session of the account: the cookie is removed and the security stamp renewed, so bearer tokens stop working too.
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
        LoginRequest request, SignInManager<BpmUser> signIn, SignInThrottle throttle, OrganisationDbContext db, CancellationToken cancellationToken)
    {
        if (Validate(request) is { } invalid)
        {
            return invalid;
        }

        var result = await signIn.PasswordSignInAsync(request.UserName!.Trim(), request.Password!, isPersistent: false, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            return Refused(result, throttle);
        }

        var user = await signIn.UserManager.FindByNameAsync(request.UserName.Trim());
        return TypedResults.Ok(await DescribeAsync(user!, signIn.UserManager, db, cancellationToken));
    }

    private static async Task<Results<EmptyHttpResult, ValidationProblem, ProblemHttpResult>> TokenAsync(LoginRequest request, SignInManager<BpmUser> signIn, SignInThrottle throttle)
    {
        if (Validate(request) is { } invalid)
        {
            return invalid;
        }

        // The bearer scheme writes the token response itself.
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(request.UserName!.Trim(), request.Password!, isPersistent: false, lockoutOnFailure: true);
        return result.Succeeded ? TypedResults.Empty : Refused(result, throttle);
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

    /// <summary>The same answers whether or not the account exists (see <see cref="BpmSignInManager"/>).</summary>
    private static ProblemHttpResult Refused(SignInResult result, SignInThrottle throttle) =>
        result.IsLockedOut
            ? TypedResults.Problem(statusCode: StatusCodes.Status423Locked, title: "Đăng nhập tạm khoá", detail: $"Đăng nhập tài khoản này từ máy của bạn đang tạm khoá vì nhập sai mật khẩu nhiều lần (hoặc tài khoản bị quản trị viên khoá). Hãy thử lại sau {throttle.LockoutText}.")
            : TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Đăng nhập không thành công", detail: "Tên đăng nhập hoặc mật khẩu không đúng.");
}
