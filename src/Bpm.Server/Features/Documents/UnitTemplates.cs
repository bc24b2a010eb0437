using Bpm.Documents;
using Bpm.Documents.Templates;
using Bpm.Organisation;
using Bpm.Persistence;
using Bpm.Server.Hosting;
using Bpm.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Features.Documents;

/// <summary>
/// <c>/api/v1/units/{unit}/templates</c>: a unit's own versions of the shipped templates (the forms and
/// the notices, <see cref="EditableTemplates"/>), kept in the database (issue 11). Only an admin or the unit's leader changes them; a version is stored only
/// after it parsed and rendered against the form's sample model, so that issuing a form never meets
/// a template that cannot print.
/// </summary>
public static class UnitTemplates
{
    /// <summary>Longest template text accepted, in characters: ten times the longest shipped form.</summary>
    public const int MaxTextChars = 200_000;

    /// <summary>One shipped template and whether the unit has its own version of it.</summary>
    public sealed record TemplateEntry(string Name, bool Overridden, DateTimeOffset? UpdatedAt, string? UpdatedBy);

    public static IEndpointRouteBuilder MapUnitTemplatesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/units/{unit}/templates").WithTags("Văn bản").RequireAuthorization(Policies.Authenticated);
        group.MapGet("/", ListAsync).WithSummary("Các mẫu văn bản của đơn vị: mẫu nào đơn vị đã sửa");
        group.MapPut("/{name}", PutAsync).Accepts<string>("text/plain").DisableAntiforgery()
            .WithSummary("Lưu bản sửa của đơn vị cho một mẫu (nội dung Scriban; kiểm tra với dữ liệu mẫu trước khi lưu)");
        group.MapDelete("/{name}", DeleteAsync).DisableAntiforgery().WithSummary("Bỏ bản sửa: đơn vị dùng lại mẫu gốc");
        return app;
    }

    public static async Task<Results<Ok<List<TemplateEntry>>, ProblemHttpResult>> ListAsync(
        string unit, BpmDbContext db, OrganisationDbContext organisation, CallerAccessor callers, CancellationToken cancellationToken)
    {
        if (await RefusedAsync(unit, organisation, callers, cancellationToken) is { } refused)
            return refused;

        var stored = await db.TemplateOverrides.AsNoTracking().Where(o => o.UnitCode == unit).ToDictionaryAsync(o => o.TemplateName, cancellationToken);
        return TypedResults.Ok(EditableTemplates.Names.Select(name => stored.TryGetValue(name, out var o)
            ? new TemplateEntry(name, true, o.UpdatedAt, o.UpdatedBy)
            : new TemplateEntry(name, false, null, null)).ToList());
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> PutAsync(
        string unit, string name, HttpRequest request, BpmDbContext db, OrganisationDbContext organisation, CallerAccessor callers,
        FormIssuer issuer, DatabaseTemplateOverrides overrides, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await RefusedAsync(unit, organisation, callers, cancellationToken) is { } refused)
            return refused;
        if (UnknownName(name) is { } unknown)
            return unknown;

        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
            return Problems.BadRequest("text", "Hãy gửi nội dung mẫu (Scriban, UTF-8) trong thân yêu cầu.");
        if (text.Length > MaxTextChars)
            return Problems.TooLarge("text", $"Mẫu dài {text.Length:N0} ký tự, vượt giới hạn {MaxTextChars:N0} ký tự; không có gì được lưu.");

        try
        {
            issuer.Renderer.RenderText(name, text, EditableTemplates.Sample(name));
        }
        catch (DocumentException e)
        {
            var where = e.Line > 0 ? $"dòng {e.Line}, cột {e.Column}" : "toàn mẫu";
            return Problems.BadRequest("text", $"{where}: {e.Reason}", $"Mẫu {name} không in được với dữ liệu mẫu ({where}: {e.Reason}); không có gì được lưu.");
        }

        var caller = await callers.GetAsync(cancellationToken);
        var record = await db.TemplateOverrides.FirstOrDefaultAsync(o => o.UnitCode == unit && o.TemplateName == name, cancellationToken);
        if (record is null)
        {
            record = new TemplateOverrideRecord { UnitCode = unit, TemplateName = name, Text = text, UpdatedBy = caller.UserName };
            db.TemplateOverrides.Add(record);
        }

        record.Text = text;
        record.UpdatedBy = caller.UserName;
        record.UpdatedAt = time.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (db.Entry(record).State == EntityState.Added)
        {
            // Two first versions of one template at once: the key lets one in; this one is not stored.
            return Problems.Conflict($"Mẫu {name} của đơn vị '{unit}' vừa được người khác lưu cùng lúc; bản này chưa được lưu, hãy gửi lại.");
        }

        overrides.Changed();
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string unit, string name, BpmDbContext db, OrganisationDbContext organisation, CallerAccessor callers, DatabaseTemplateOverrides overrides, CancellationToken cancellationToken)
    {
        if (await RefusedAsync(unit, organisation, callers, cancellationToken) is { } refused)
            return refused;
        if (UnknownName(name) is { } unknown)
            return unknown;

        if (await db.TemplateOverrides.Where(o => o.UnitCode == unit && o.TemplateName == name).ExecuteDeleteAsync(cancellationToken) == 0)
            return Problems.NotFound($"Đơn vị '{unit}' không có bản sửa của mẫu {name}; đơn vị đang dùng mẫu gốc.");
        overrides.Changed();
        return TypedResults.NoContent();
    }

    /// <summary>Admins edit every unit's templates; a leader those of the units they lead or oversee.</summary>
    private static async Task<ProblemHttpResult?> RefusedAsync(string unit, OrganisationDbContext organisation, CallerAccessor callers, CancellationToken cancellationToken)
    {
        if (!await organisation.Units.AsNoTracking().AnyAsync(u => u.Code == unit, cancellationToken))
            return Problems.NotFound($"Không có đơn vị '{unit}'.");

        var caller = await callers.GetAsync(cancellationToken);
        var leads = caller.IsInRole(BpmRoles.Leader) && (caller.CanWork(unit, "leader") || caller.SupervisedUnits.Contains(unit));
        return caller.IsInRole(BpmRoles.Admin) || leads
            ? null
            : Problems.Forbidden($"Chỉ quản trị hệ thống hoặc lãnh đạo của đơn vị '{unit}' được sửa mẫu văn bản của đơn vị.");
    }

    private static ProblemHttpResult? UnknownName(string name) => EditableTemplates.Names.Contains(name, StringComparer.Ordinal)
        ? null
        : Problems.BadRequest("name", $"'{name}' không phải mẫu có sẵn; các mẫu sửa được: {string.Join(", ", EditableTemplates.Names)}.");
}
