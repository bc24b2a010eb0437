using Bpm.Organisation;
using Bpm.Server.Components.Layout;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Bpm.Server.Tests.Components.Layout;

/// <summary>The app bar offers each role only its places; the signed-in user's badge (a database read) is stubbed.</summary>
public sealed class MainLayoutTests : BunitContext
{
    public MainLayoutTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        ComponentFactories.AddStub<SignedInUser>();
        ComponentFactories.AddStub<AntiforgeryToken>();
    }

    [Fact]
    public void Render_Anonymous_SignInLinkAndNoStaffOrDesignerPlaces()
    {
        AddAuthorization();

        var layout = RenderLayout();

        Assert.Equal(["Trang chủ", "API"], NavTexts(layout));
        Assert.Equal("/account/login", layout.Find("a.bpm-appbar-button").GetAttribute("href"));
        Assert.Empty(layout.FindAll("form[action='/account/logout']"));
        Assert.Empty(layout.FindComponents<Stub<SignedInUser>>());
    }

    [Fact]
    public void Render_Reception_InboxButNotDesigner()
    {
        SignedIn("motcua.phuonglam", BpmRoles.Reception);

        var layout = RenderLayout();

        Assert.Equal(["Trang chủ", "Tiếp nhận", "Hộp công việc", "Trả kết quả", "API"], NavTexts(layout));
        Assert.Single(layout.FindComponents<Stub<SignedInUser>>());
    }

    [Theory]
    [InlineData(BpmRoles.Designer, new[] { "Trang chủ", "Thiết kế quy trình", "API" })]
    [InlineData(BpmRoles.Admin, new[] { "Trang chủ", "Báo cáo", "Thiết kế quy trình", "API" })]
    public void Render_DesignerOrAdmin_DesignerButNotInbox(string role, string[] places)
    {
        SignedIn("thietke", role);

        var layout = RenderLayout();

        Assert.Equal(places, NavTexts(layout));
        // The designer is not a component route: enhanced navigation must leave it to the browser.
        Assert.Equal("false", layout.Find("a[href='/designer/']").GetAttribute("data-enhance-nav"));
    }

    [Theory]
    [InlineData(BpmRoles.Specialist)]
    [InlineData(BpmRoles.Leader)]
    public void Render_OtherStaff_Inbox(string role)
    {
        SignedIn("tuphap.phuonglam", role);

        Assert.Contains("Hộp công việc", NavTexts(RenderLayout()));
    }

    [Fact]
    public void Render_Auditor_ReportsButNeitherInboxNorDesigner()
    {
        SignedIn("kiemtra", BpmRoles.Auditor);

        Assert.Equal(["Trang chủ", "Báo cáo", "API"], NavTexts(RenderLayout()));
    }

    [Theory]
    [InlineData(BpmRoles.Leader, true)]
    [InlineData(BpmRoles.Specialist, false)]
    [InlineData(BpmRoles.Reception, false)]
    public void Render_Leader_ReportsOfferedToLeadersOnlyAmongStaff(string role, bool offered)
    {
        SignedIn("tuphap.phuonglam", role);

        Assert.Equal(offered, NavTexts(RenderLayout()).Contains("Báo cáo"));
    }

    [Fact]
    public void Render_SignedIn_SignOutIsAFormPostWithToken()
    {
        SignedIn("kiemtra", BpmRoles.Auditor);

        var form = RenderLayout().Find("form[action='/account/logout']");

        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("Đăng xuất", form.QuerySelector("button[type=submit]")?.TextContent);
        Assert.Empty(RenderLayout().FindAll("a[href='/account/login']"));
    }

    [Fact]
    public void Render_CurrentPage_MarkedInTheNavigation()
    {
        SignedIn("motcua.phuonglam", BpmRoles.Reception);
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/inbox");

        var current = RenderLayout().Find("nav.bpm-nav a[aria-current=page]");

        Assert.Equal("Hộp công việc", current.TextContent);
    }

    private void SignedIn(string userName, string role)
    {
        var authorization = AddAuthorization();
        authorization.SetAuthorized(userName);
        authorization.SetRoles(role);
    }

    private IRenderedComponent<MainLayout> RenderLayout() =>
        Render<MainLayout>(p => p.Add(l => l.Body, "<p>nội dung trang</p>"));

    private static List<string> NavTexts(IRenderedComponent<MainLayout> layout) =>
        [.. layout.FindAll("nav.bpm-nav a").Select(a => a.TextContent.Trim())];
}
