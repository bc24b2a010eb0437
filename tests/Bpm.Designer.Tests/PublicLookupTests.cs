using Microsoft.Playwright;
using Xunit.Abstractions;
using static Bpm.Designer.Tests.WorkspaceBrowser;

namespace Bpm.Designer.Tests;

/// <summary>
/// The citizens' look-up (/tra-cuu) in a real browser on a phone-sized screen, as the QR code on the
/// receipt opens it: the code filled in, the applicant types the last 4 digits of the identity
/// number; then a wrong factor. Each state gets a screenshot and an axe-core check.
/// </summary>
[Collection(DesignerCollection.Name)]
public sealed class PublicLookupTests(DesignerFixture fixture, ITestOutputHelper output)
{
    [SkippableFact]
    public async Task LookUp_OnAPhoneFromTheReceiptQr_ShowsStatusAndAppointmentThenTheSameAnswerForAWrongFactor()
    {
        fixture.RequireBrowser();
        await EnsureReceptionAtTheDeskAsync(fixture);
        await using var deskContext = await NewContextAsync(fixture);
        var desk = await SignInAsync(deskContext, Reception, "/tiep-nhan");
        var code = await ReceiveAsync(desk, "Trần Thị Bình", "052099016789");

        await using var phone = await NewContextAsync(fixture, 390, 844, mobile: true);
        phone.SetDefaultTimeout(20_000);
        var page = await phone.NewPageAsync();
        await page.GotoAsync($"/tra-cuu/{Uri.EscapeDataString(code)}");
        await Assertions.Expect(page.Locator("#code")).ToHaveValueAsync(code);
        await Check(page, "empty");
        await page.FillAsync("#identityLast4", "6789");
        await page.ClickAsync("button[type=submit]");

        var result = page.Locator(".bpm-public-result");
        await Assertions.Expect(result).ToContainTextAsync("Đã tiếp nhận");
        await Assertions.Expect(result).ToContainTextAsync("Ngày hẹn trả kết quả");
        await Assertions.Expect(result.Locator("dd").Nth(4)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d{2}/\d{2}/\d{4}$"));
        Assert.DoesNotContain("Trần Thị Bình", await page.ContentAsync());
        Assert.DoesNotContain("052099016789", await page.ContentAsync());
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the page is {width} px wide on a 390 px phone: it scrolls sideways");
        await Check(page, "found");

        await page.FillAsync("#identityLast4", "0000");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("[role=alert]")).ToContainTextAsync($"Không tìm thấy hồ sơ mã {code}");
        await Assertions.Expect(page.Locator(".bpm-public-result")).ToHaveCountAsync(0);
        await Check(page, "not-found");
    }

    private async Task Check(IPage page, string name)
    {
        await Screenshots.SaveAsync(page, "public-lookup-" + name, output);
        await Accessibility.CheckAsync(page, "public-lookup-" + name, output);
    }
}
