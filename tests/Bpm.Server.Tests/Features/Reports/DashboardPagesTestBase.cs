using System.Net;
using System.Net.Http.Json;
using Bpm.Server.Tests.Infrastructure;
using Bpm.Dossiers.Dossiers;
using Bpm.Engine;
using Bpm.Persistence;
using ClosedXML.Excel;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Server.Tests.Features.Reports;

/// <summary>
/// The dashboard (/bao-cao) over a real database: who may open it, that a dossier received now is
/// counted and drills down to its page, the exports, and bad input. The server is shared with other
/// suites, so counts are compared before and after this test's own reception, narrowed to one unit.
/// </summary>
public abstract class DashboardPagesTestBase<TFixture>(TFixture fixture) : ServerTestBase<TFixture>(fixture)
    where TFixture : class, IServerFixture
{
    private const string Unit = "XA-PHUONGLAM.MOTCUA";
    private const string Procedure = "1.001193";
    private const string View = $"?tu=01/01/2020&den=31/12/2099&don-vi={Unit}&thu-tuc={Procedure}";

    [SkippableTheory]
    [InlineData("lanhdao.phuonglam")]
    [InlineData("kiemtra")]
    public async Task Dashboard_LeaderOrAuditor_ShowsTheReportWithChartsAndExports(string user)
    {
        SkipUnlessAvailable();
        var client = await SignInAsync(user);

        var response = await client.GetAsync("/bao-cao" + View);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = HtmlForms.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Báo cáo một cửa", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.Contains("Từ ngày 01/01/2020 đến ngày 31/12/2099", page.Body!.TextContent);
        Assert.Equal(2, page.QuerySelectorAll("figure.bpm-chart").Length);
        Assert.Equal(["theo", "thang", "qua-han", "can-bo"], page.QuerySelectorAll(".bpm-exports a[href*='.csv']")
            .Select(a => a.GetAttribute("href")!.Split('?')[0]["/bao-cao/xuat/".Length..^".csv".Length]));
        Assert.Contains("1.600 hồ sơ một năm", page.QuerySelector("#t-staff")!.ParentElement!.TextContent);
    }

    [SkippableTheory]
    [InlineData("motcua.phuonglam")]
    [InlineData("tuphap.phuonglam")]
    public async Task Dashboard_ReceptionOrSpecialist_RefusedToTheAccessDeniedAddress(string user)
    {
        SkipUnlessAvailable();
        var client = await SignInAsync(user);

        var page = await client.GetAsync("/bao-cao");
        var export = await client.GetAsync("/bao-cao/xuat/theo.csv");

        // Outside /api the shell's cookie sends a refused page to the access-denied address, as for every page.
        foreach (var response in new[] { page, export })
        {
            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
            Assert.Contains("AccessDenied", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task Dashboard_DossierReceived_CountedOnceAndDrillsDownToIt()
    {
        SkipUnlessAvailable();
        var leader = await SignInAsync("lanhdao.phuonglam");
        var before = await ReceivedAsync(leader);

        var code = await ReceiveAsync();
        var after = await ReceivedAsync(leader);
        var list = HtmlForms.Parse(await (await leader.GetAsync("/bao-cao/ho-so" + View + "&chi-so=received")).Content.ReadAsStringAsync());

        Assert.Equal(before + 1, after);
        Assert.Equal("Hồ sơ tiếp nhận", list.QuerySelector("h1")?.TextContent.Trim());
        Assert.NotNull(list.QuerySelector($"a[href='/dossiers/{Uri.EscapeDataString(code)}']"));
    }

    [SkippableFact]
    public async Task Export_CsvAndXlsx_HoldTheTableAsThePageShowsIt()
    {
        SkipUnlessAvailable();
        await ReceiveAsync();
        var leader = await SignInAsync("lanhdao.phuonglam");

        var csv = await leader.GetAsync("/bao-cao/xuat/theo.csv" + View + "&theo=don-vi");
        var xlsx = await leader.GetAsync("/bao-cao/xuat/theo.xlsx" + View + "&theo=don-vi");

        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Đơn vị tiếp nhận,Tiếp nhận,Đã giải quyết,Đúng hạn hoặc trước hạn", lines[0], StringComparison.Ordinal);
        var row = Assert.Single(lines[1..]).Split(',');
        Assert.Equal(Unit, row[0]);
        Assert.True(int.Parse(row[1], System.Globalization.CultureInfo.InvariantCulture) >= 1);

        using var workbook = new XLWorkbook(await xlsx.Content.ReadAsStreamAsync());
        var sheet = workbook.Worksheet(1);
        Assert.StartsWith("Theo đơn vị tiếp nhận — từ 01/01/2020 đến 31/12/2099", sheet.Cell(1, 1).GetString(), StringComparison.Ordinal);
        Assert.Equal("Đơn vị tiếp nhận", sheet.Cell(2, 1).GetString());
        Assert.Equal(Unit, sheet.Cell(3, 1).GetString());
        Assert.Equal(row[1], sheet.Cell(3, 2).GetString());
    }

    [SkippableFact]
    public async Task Dashboard_LateDossiers_CountsTheApologyLettersAndLinksTheUntold()
    {
        SkipUnlessAvailable();
        // Two dossiers returned late in a year no other test uses: one applicant told by an accepted apology, one never written to.
        var told = NewDossierCode();
        var untold = NewDossierCode();
        var closed = new DateTimeOffset(2098, 3, 10, 9, 0, 0, TimeSpan.FromHours(7)).ToUniversalTime();
        using (var scope = Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BpmDbContext>();
            db.Dossiers.AddRange(LateReturned(told, closed), LateReturned(untold, closed));
            db.Notifications.Add(new NotificationRecord
            {
                MessageId = NewId("msg"),
                DossierCode = told,
                Notice = "Apology",
                Channel = "Sms",
                Address = "0912345678",
                Body = "Xin lỗi ông/bà, hẹn trả kết quả ngày 12/03/2098.",
                CreatedAt = closed.AddDays(-3),
                NextAttemptAt = closed.AddDays(-3),
                SentAt = closed.AddDays(-3),
            });
            await db.SaveChangesAsync();
        }

        var leader = await SignInAsync("lanhdao.phuonglam");
        var page = HtmlForms.Parse(await (await leader.GetAsync("/bao-cao?tu=01/01/2098&den=31/12/2098")).Content.ReadAsStringAsync());

        var section = page.QuerySelector("#t-apology")!.ParentElement!;
        Assert.Equal(["2", "1", "0", "1"], section.QuerySelectorAll(".bpm-counter").Select(c => c.TextContent));
        Assert.Equal([$"/dossiers/{Uri.EscapeDataString(untold)}"], section.QuerySelectorAll("a.bpm-untold").Select(a => a.GetAttribute("href")));
        var quiet = HtmlForms.Parse(await (await leader.GetAsync("/bao-cao?tu=01/01/2097&den=31/12/2097")).Content.ReadAsStringAsync());
        Assert.Contains("Không có hồ sơ trả kết quả quá hạn trong kỳ.", quiet.QuerySelector("#t-apology")!.ParentElement!.TextContent);
    }

    [SkippableFact]
    public async Task DashboardAndExport_BadDate_400NamingTheFieldAndNoStackTrace()
    {
        SkipUnlessAvailable();
        var leader = await SignInAsync("lanhdao.phuonglam");

        var page = await leader.GetAsync("/bao-cao?tu=31/02/2021");
        var export = await leader.GetAsync("/bao-cao/xuat/theo.csv?tu=01/06/2021&den=01/05/2021");
        var unknown = await leader.GetAsync("/bao-cao/xuat/bang-la.csv");

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("Ngày bắt đầu '31/02/2021' không phải một ngày dạng dd/MM/yyyy.", HtmlForms.Parse(await page.Content.ReadAsStringAsync()).QuerySelector("[role=alert]")?.TextContent);
        var problem = await ProblemAsync(export, HttpStatusCode.BadRequest);
        Assert.Equal("Ngày bắt đầu 01/06/2021 sau ngày kết thúc 01/05/2021.", problem.GetProperty("errors").GetProperty("tu")[0].GetString());
        Assert.True((await ProblemAsync(unknown, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("table", out _));
    }

    private async Task<string> ReceiveAsync()
    {
        var reception = await SignInAsync("motcua.phuonglam");
        var received = await JsonAsync(await reception.PostAsJsonAsync("/api/v1/dossiers", new
        {
            procedureCode = Procedure,
            applicant = new { kind = "person", fullName = "Nguyễn Văn An", identityNumber = "052099012345" },
            papers = new[] { new { id = "to-khai-khai-sinh", count = 1 } },
            channel = "desk",
        }), HttpStatusCode.Created);
        return received.GetProperty("code").GetString()!;
    }

    private static DossierRecord LateReturned(string code, DateTimeOffset closed) => new()
    {
        Code = code,
        ProcedureCode = Procedure,
        ReceivingUnit = Unit,
        InstanceId = NewId("late"),
        Status = DossierStatus.Returned,
        ApplicantKind = "person",
        ApplicantName = "Trần Thị Bình",
        IdentityNumber = "052099054321",
        Papers = "[]",
        Channel = "desk",
        ResultDelivery = "desk",
        ReceivedBy = "motcua.phuonglam",
        ReceivedAt = closed.AddDays(-10),
        DueAt = closed.AddDays(-2),
        ClosedAt = closed,
        Evaluation = Punctuality.Late,
    };

    /// <summary>The dashboard's received count for the unit and procedure (its first counter).</summary>
    private static async Task<int> ReceivedAsync(HttpClient leader)
    {
        var page = HtmlForms.Parse(await (await leader.GetAsync("/bao-cao" + View)).Content.ReadAsStringAsync());
        return int.Parse(page.QuerySelector(".bpm-counters .bpm-counter")!.TextContent, System.Globalization.CultureInfo.InvariantCulture);
    }
}
