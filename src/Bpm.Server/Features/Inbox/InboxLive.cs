using System.Security.Cryptography;
using System.Text;
using Bpm.Persistence;
using Bpm.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Bpm.Server.Features.Inbox;

/// <summary>
/// What keeps an open inbox current (wwwroot/js/inbox-live.js): a stamp of the rows the page shows
/// — which tasks, who holds each, which are warned — that the script asks for every few seconds
/// with the page's own query. Only when the stamp changes does it fetch the page again and swap
/// the grid in place, so a quiet inbox costs one query and a few bytes per ask, never a render.
/// </summary>
public static class InboxLive
{
    /// <summary>How often an open inbox asks; a task arriving shows within this long.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(10);

    public sealed record Stamp(string Value);

    public static IEndpointRouteBuilder MapInboxLiveApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/inbox/stamp", StampAsync).RequireAuthorization(Policies.Authenticated).ExcludeFromDescription();
        return app;
    }

    /// <summary>The stamp of the rows <see cref="InboxQuery"/> gives for the view named as the page names it.</summary>
    public static string Of(InboxQuery.Result result)
    {
        var text = new StringBuilder().Append(result.Total).Append('|');
        foreach (var row in result.Rows)
        {
            text.Append(row.Task.InstanceId).Append('/').Append(row.Task.TaskId).Append(':').Append(row.Task.Assignee)
                .Append(':').Append(row.Task.WarnedAt is null ? '0' : '1').Append(':').Append(row.Dossier?.Status).Append(';');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    private static async Task<Ok<Stamp>> StampAsync(
        [FromQuery(Name = "xem")] string? view, [FromQuery(Name = "ma")] string? dossierCode, [FromQuery(Name = "nguoi-nop")] string? applicant,
        [FromQuery(Name = "thu-tuc")] string? procedure, [FromQuery(Name = "trang-thai")] string? status, [FromQuery(Name = "han-truoc")] string? dueBefore,
        [FromQuery(Name = "trang")] int? page, BpmDbContext db, CallerAccessor callers, CancellationToken cancellationToken)
    {
        var caller = await callers.GetAsync(cancellationToken);
        var result = await InboxQuery.RunAsync(db, caller, InboxQuery.ScopeOf(view, caller), new InboxQuery.Filter(procedure, status, dueBefore, dossierCode, applicant), cancellationToken, page ?? 1);
        return TypedResults.Ok(new Stamp(Of(result)));
    }
}
