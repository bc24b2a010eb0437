using System.Net;
using System.Net.Http.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Bpm.Documents;
using Bpm.Persistence;
using Bpm.Server.Features.Dossiers;
using Bpm.Server.Features.Inbox;
using Bpm.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Server.Tests.Features.Desk;

/// <summary>The workspace pages over a real database: status codes, what the officer reads, and that a refused post changes nothing.</summary>
public abstract class WorkspacePagesTestBase<TFixture>(TFixture fixture) : ServerTestBase<TFixture>(fixture)
    where TFixture : class, IServerFixture
{
    private const string Desk = "/tiep-nhan?thu-tuc=1.001193";

    [SkippableFact]
    public async Task Desk_BadIdentityNumberAndNoPaper_400ErrorsBesideTheFieldsAndNothingReceived()
    {
        SkipUnlessAvailable();
        var reception = await SignInAsync("motcua.phuonglam");
        var before = DossierCount();

        var response = await PostFormAsync(reception, Desk, "reception", new Dictionary<string, string>
        {
            ["Input.Action"] = "receive",
            ["Input.FullName"] = "Phạm Thị Dung",
            ["Input.IdentityNumber"] = "05209901234",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = HtmlForms.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("gồm đúng 12 chữ số", page.QuerySelector("#identityNumber-error")?.TextContent);
        Assert.Contains("Thiếu giấy tờ bắt buộc 'to-khai-khai-sinh'", page.QuerySelector("#papers-error")?.TextContent);
        Assert.Equal("Phạm Thị Dung", page.QuerySelector<IHtmlInputElement>("#fullName")?.Value);
        Assert.Equal("true", page.QuerySelector("#identityNumber")?.GetAttribute("aria-invalid"));
        Assert.Equal(before, DossierCount());
    }

    [SkippableFact]
    public async Task Desk_CompleteBirthRegistration_RedirectsToTheCodeWithForm01AndHandOver()
    {
        SkipUnlessAvailable();
        var reception = await SignInAsync("motcua.phuonglam");

        var response = await PostFormAsync(reception, Desk, "reception", new Dictionary<string, string>
        {
            ["Input.Action"] = "receive",
            ["Input.FullName"] = "Nguyễn Văn An",
            ["Input.IdentityNumber"] = "052099012345",
            ["Input.Papers[0].Received"] = "true",
        });

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{response.StatusCode}: " + string.Join(" | ",
            HtmlForms.Parse(await response.Content.ReadAsStringAsync()).QuerySelectorAll(".validation-message, [role=alert]").Select(e => e.TextContent)));
        var location = new Uri(new Uri("http://localhost"), response.Headers.Location!).PathAndQuery;
        Assert.StartsWith("/tiep-nhan?da-nhan=", location);
        var page = HtmlForms.Parse(await (await reception.GetAsync(location)).Content.ReadAsStringAsync());
        var code = page.QuerySelector(".bpm-received code.bpm-code")!.TextContent;
        Assert.Equal(Uri.UnescapeDataString(location["/tiep-nhan?da-nhan=".Length..]), code);
        Assert.Equal($"/api/v1/dossiers/{code}/forms/01", page.QuerySelector(".bpm-received a[target=_blank]")?.GetAttribute("href"));
        Assert.Contains("Đã tiếp nhận", page.QuerySelector(".bpm-received")!.TextContent);
    }

    [SkippableFact]
    public async Task Desk_SupplementGuideForAnIncompleteChecklist_Form02ListsTheMissingRequiredPapersAndNothingReceived()
    {
        SkipUnlessAvailable();
        var reception = await SignInAsync("motcua.phuonglam");
        var before = DossierCount();
        var today = DossierForms.VietnamDate(DateTimeOffset.UtcNow);

        var response = await PostFormAsync(reception, Desk, "reception", new Dictionary<string, string>
        {
            ["Input.Action"] = "guide",
            ["Input.FullName"] = "Nguyễn Văn An",
            ["Input.Papers[0].Received"] = "true",
        });

        var form = await IssuedAtTheDeskAsync(reception, response, "Phiếu hướng dẫn bổ sung, hoàn thiện hồ sơ (mẫu 02)");
        Assert.Contains("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", form);
        Assert.Contains("Hồ sơ của: Nguyễn Văn An", form);
        Assert.Contains("Giấy chứng sinh; nếu không có", form);
        Assert.Contains("(bản chính)", form);
        Assert.DoesNotContain("Tờ khai đăng ký khai sinh", form);
        Assert.DoesNotContain("Văn bản ủy quyền", form);
        Assert.DoesNotContain("Giấy tờ tùy thân", form);
        Assert.DoesNotContain("Mã hồ sơ", form);
        Assert.DoesNotContain("Tiếp nhận lúc", form);
        Assert.Contains("Nguyễn Thị Lan (Một cửa xã Phương Lâm)", form);
        Assert.True(form.Contains(VietnameseFormat.LongDate(today)) || form.Contains(VietnameseFormat.LongDate(DossierForms.VietnamDate(DateTimeOffset.UtcNow))));
        Assert.Equal(before, DossierCount());
    }

    [SkippableFact]
    public async Task Desk_RefusalWithoutAReason_400BesideTheReasonWithWhatWasTypedKept()
    {
        SkipUnlessAvailable();
        var reception = await SignInAsync("motcua.phuonglam");
        var before = DossierCount();

        var response = await PostFormAsync(reception, Desk, "reception", new Dictionary<string, string>
        {
            ["Input.Action"] = "refuse",
            ["Input.FullName"] = "Phạm Thị Dung",
            ["Input.RefusalReason"] = "   ",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = HtmlForms.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Hãy ghi lý do từ chối", page.QuerySelector("#refusalReason-error")?.TextContent);
        Assert.Equal("true", page.QuerySelector("#refusalReason")?.GetAttribute("aria-invalid"));
        Assert.Equal("Phạm Thị Dung", page.QuerySelector<IHtmlInputElement>("#fullName")?.Value);
        Assert.Null(page.QuerySelector("#issued-title"));
        Assert.Equal(before, DossierCount());
    }

    [SkippableFact]
    public async Task Desk_RefusalWithAReason_Form03WithTheReasonAndNothingReceived()
    {
        SkipUnlessAvailable();
        var reception = await SignInAsync("motcua.phuonglam");
        var before = DossierCount();

        var response = await PostFormAsync(reception, Desk, "reception", new Dictionary<string, string>
        {
            ["Input.Action"] = "refuse",
            ["Input.FullName"] = "Phạm Thị Dung",
            ["Input.RefusalReason"] = "Trẻ sinh tại nước ngoài: thuộc thẩm quyền của Ủy ban nhân dân tỉnh",
        });

        var form = await IssuedAtTheDeskAsync(reception, response, "Phiếu từ chối tiếp nhận hồ sơ (mẫu 03)");
        Assert.Contains("Phạm Thị Dung", form);
        Assert.Contains("Trẻ sinh tại nước ngoài: thuộc thẩm quyền của Ủy ban nhân dân tỉnh", form);
        Assert.Contains("Nguyễn Thị Lan (Một cửa xã Phương Lâm)", form);
        Assert.Equal(before, DossierCount());
        var stranger = await SignInAsync("motcua.hoabinh");
        var link = new Uri(new Uri("http://localhost"), response.Headers.Location!).PathAndQuery;
        var print = HtmlForms.Parse(await (await reception.GetAsync(link)).Content.ReadAsStringAsync()).QuerySelector("#issued-title + p + .bpm-actions a")!.GetAttribute("href")!;
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(print)).StatusCode);
    }

    /// <summary>Follows the desk's redirect to the issued document's notice, and prints it by its link.</summary>
    private static async Task<string> IssuedAtTheDeskAsync(HttpClient reception, HttpResponseMessage response, string title)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{response.StatusCode}: " + string.Join(" | ",
            HtmlForms.Parse(await response.Content.ReadAsStringAsync()).QuerySelectorAll(".validation-message, [role=alert]").Select(e => e.TextContent)));
        var location = new Uri(new Uri("http://localhost"), response.Headers.Location!).PathAndQuery;
        Assert.StartsWith("/tiep-nhan?da-lap=", location);
        var page = HtmlForms.Parse(await (await reception.GetAsync(location)).Content.ReadAsStringAsync());
        Assert.Contains(title, page.QuerySelector("#issued-title")?.TextContent);
        var print = page.QuerySelector("#issued-title + p + .bpm-actions a[target=_blank]")!.GetAttribute("href")!;
        var printed = await reception.GetAsync(print);
        Assert.Equal(HttpStatusCode.OK, printed.StatusCode);
        return System.Net.WebUtility.HtmlDecode(await printed.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task Desk_LookUpAKnownIdentityNumber_NameAndAddressFilledFromTheSampleFileNamedAsSuchAndNothingReceived()
    {
        SkipUnlessAvailable();
        var reception = await SignInAsync("motcua.phuonglam");
        var before = DossierCount();

        var response = await PostFormAsync(reception, Desk, "reception", new Dictionary<string, string>
        {
            ["Input.Action"] = "lookup",
            ["Input.IdentityNumber"] = "052090001234",
            ["Input.Phone"] = "0912345678",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = HtmlForms.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Nguyễn Văn An", page.QuerySelector<IHtmlInputElement>("#fullName")?.Value);
        Assert.Equal("Thôn Phú Lâm, xã Phương Lâm, tỉnh Gia Lai", page.QuerySelector<IHtmlInputElement>("#address")?.Value);
        Assert.Equal("0912345678", page.QuerySelector<IHtmlInputElement>("#phone")?.Value);
        var status = page.QuerySelector("#population-lookup-status")?.TextContent;
        Assert.Contains("tệp dữ liệu mẫu (không phải CSDL quốc gia về dân cư thật)", status);
        Assert.Contains("15/03/1990", status);
        Assert.Equal(before, DossierCount());
    }

    [SkippableFact]
    public async Task Desk_LookUpAnUnknownIdentityNumber_SaysSoAndLeavesTheFieldsAsTyped()
    {
        SkipUnlessAvailable();
        var reception = await SignInAsync("motcua.phuonglam");

        var response = await PostFormAsync(reception, Desk, "reception", new Dictionary<string, string>
        {
            ["Input.Action"] = "lookup",
            ["Input.FullName"] = "Phạm Thị Dung",
            ["Input.IdentityNumber"] = "052090009999",
        });

        var page = HtmlForms.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Phạm Thị Dung", page.QuerySelector<IHtmlInputElement>("#fullName")?.Value);
        Assert.Contains("Không tìm thấy số định danh 052090009999", page.QuerySelector("#population-lookup-status")?.TextContent);
    }

    [SkippableFact]
    public async Task DossierPage_SpecialistOfAnotherCommune_NotFoundPage404()
    {
        SkipUnlessAvailable();
        var reception = await SignInAsync("motcua.phuonglam");
        var received = await JsonAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", new
        {
            procedureCode = "1.001193",
            applicant = new { kind = "person", fullName = "Nguyễn Văn An", identityNumber = "052099012345" },
            papers = new[] { new { id = "to-khai-khai-sinh", count = 1 } },
            channel = "desk",
        }), HttpStatusCode.Created);
        var code = received.GetProperty("code").GetString()!;
        var stranger = await SignInAsync("tuphap.hoabinh");
        Assert.Equal(HttpStatusCode.OK, (await reception.SendAsync(Page($"/dossiers/{code}"))).StatusCode);

        var response = await stranger.SendAsync(Page($"/dossiers/{code}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Không tìm thấy trang", html);
        Assert.DoesNotContain("Nguyễn Văn An", html);
    }

    [SkippableFact]
    public async Task Inbox_ClaimOfATaskAColleagueClaimed_409NamingTheColleague()
    {
        SkipUnlessAvailable();
        var (_, id, _) = await StartBirthRegistrationAsync();
        var first = await SignInAsync("motcua.phuonglam");
        var second = await SignInAsync("motcua2.phuonglam");
        var inbox = await (await second.GetAsync("/inbox")).Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, (await first.PostAsync($"/api/v1/tasks/{id}/claim", null)).StatusCode);

        var response = await second.PostAsync("/inbox", new FormUrlEncodedContent(HiddenFieldsOf(inbox, "inbox", new Dictionary<string, string> { ["Input.Action"] = $"claim:{id}" })));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Công việc đang do motcua.phuonglam xử lý từ ", await response.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task Leader_MoreOpenTasksThanAPage_CountersCountThemAll()
    {
        SkipUnlessAvailable();
        var reception = await SignInAsync("motcua.phuonglam");
        for (var i = 0; i <= InboxQuery.PageSize; i++)
        {
            await StartBirthRegistrationAsync(reception);
        }

        var leader = await SignInAsync("lanhdao.phuonglam");
        var response = await leader.SendAsync(Page("/lanh-dao"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var counters = HtmlForms.Parse(await response.Content.ReadAsStringAsync()).QuerySelectorAll(".bpm-counters .bpm-counter").Select(e => int.Parse(e.TextContent, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(4, counters.Count);
        // The grid shows one page; the counters are over every open task of the units led.
        Assert.True(counters.Sum() > InboxQuery.PageSize, $"counters {string.Join("+", counters)} cover only a page of the {InboxQuery.PageSize + 1} tasks started");
    }

    /// <summary>A browser's request for a page: the server answers pages (not ProblemDetails) to what accepts HTML.</summary>
    private static HttpRequestMessage Page(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");
        return request;
    }

    private int DossierCount()
    {
        using var scope = Factory.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<BpmDbContext>().Dossiers.Count();
    }

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string formName, IReadOnlyDictionary<string, string> typed) =>
        HtmlForms.SubmitNamedAsync(client, page, formName, typed);

    private static Dictionary<string, string> HiddenFieldsOf(string html, string formName, IReadOnlyDictionary<string, string> typed) =>
        HtmlForms.NamedFormFields(html, formName, typed);
}
