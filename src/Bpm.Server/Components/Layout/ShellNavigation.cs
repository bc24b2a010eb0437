using System.Security.Claims;
using Bpm.Organisation;

namespace Bpm.Server.Components.Layout;

/// <summary>What the app bar offers a person: only the places their roles can use.</summary>
public static class ShellNavigation
{
    /// <param name="FullPageLoad">
    /// True for the places that are not Razor components (the designer's bundle, the API reference):
    /// Blazor's enhanced navigation must leave those links to the browser.
    /// </param>
    public sealed record Item(string Text, string Href, bool FullPageLoad = false);

    public static IReadOnlyList<Item> For(ClaimsPrincipal user)
    {
        var items = new List<Item> { new("Trang chủ", "/") };
        if (user.IsInRole(BpmRoles.Reception))
        {
            // A full page load: the desk's script (the as-you-type identity check) runs on load only.
            items.Add(new("Tiếp nhận", "/tiep-nhan", FullPageLoad: true));
        }

        if (user.IsInRole(BpmRoles.Reception) || user.IsInRole(BpmRoles.Specialist) || user.IsInRole(BpmRoles.Leader))
        {
            // A full page load: the inbox's live script runs on load only.
            items.Add(new("Hộp công việc", "/inbox", FullPageLoad: true));
        }

        if (user.IsInRole(BpmRoles.Reception))
        {
            items.Add(new("Trả kết quả", "/tra-ket-qua"));
        }

        if (user.IsInRole(BpmRoles.Leader))
        {
            items.Add(new("Lãnh đạo", "/lanh-dao"));
        }

        if (user.IsInRole(BpmRoles.Leader) || user.IsInRole(BpmRoles.Admin) || user.IsInRole(BpmRoles.Auditor))
        {
            items.Add(new("Báo cáo", "/bao-cao"));
        }

        if (user.IsInRole(BpmRoles.Designer) || user.IsInRole(BpmRoles.Admin))
        {
            items.Add(new("Thiết kế quy trình", "/designer/", FullPageLoad: true));
        }

        items.Add(new("API", "/api-docs", FullPageLoad: true));
        return items;
    }

    /// <summary>True when <paramref name="href"/> is the page at <paramref name="path"/> or above it (not for "/").</summary>
    public static bool IsCurrent(string href, string path) =>
        href == "/" ? path == "/" : path.StartsWith(href.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
