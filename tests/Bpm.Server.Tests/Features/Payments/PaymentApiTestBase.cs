using System.Net;
using System.Net.Http.Json;
using System.Text;
using Bpm.Payments;
using Bpm.Persistence;
using Bpm.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Server.Tests.Features.Payments;

/// <summary>The fee step of the business registration sample paid through the API: simulated bank, forged callback, cash at the desk.</summary>
public abstract class PaymentApiTestBase<TFixture>(TFixture fixture) : ServerTestBase<TFixture>(fixture)
    where TFixture : class, IServerFixture
{
    private static readonly SimulatedBank Bank = new(Encoding.UTF8.GetBytes(BpmServerFactory.SimulatedBankKey));

    /// <summary>The desk of the provincial centre receives a business registration and sends it to the fee step.</summary>
    private async Task<(HttpClient Desk, string Code)> AtTheFeeStepAsync()
    {
        var desk = await SignInAsync("quay.stc");
        var code = NewDossierCode();
        var started = await JsonAsync(await desk.PostAsJsonAsync("/api/v1/instances", new { definitionId = "business-registration", businessKey = code, variables = new { dossierCode = code } }), HttpStatusCode.Created);
        using (var scope = Factory.Services.CreateScope())
        {
            // The dossier row reception would write; the sample's procedure has no catalogue entry to receive it by.
            var db = scope.ServiceProvider.GetRequiredService<BpmDbContext>();
            db.Dossiers.Add(new DossierRecord
            {
                Code = code, ProcedureCode = "2.001610", ReceivingUnit = "TTPVHCC.QUAY-STC", InstanceId = started.GetProperty("instanceId").GetString()!,
                Status = "processing", ApplicantKind = "organisation", ApplicantName = "Công ty TNHH Phương Lâm", IdentityNumber = "052090001234",
                Phone = "0912345678", Email = "ketoan@phuonglam.example.vn",
                Papers = "[]", Channel = "desk", ResultDelivery = "desk", ReceivedBy = "quay.stc", ReceivedAt = DateTimeOffset.UnixEpoch,
            });
            await db.SaveChangesAsync();
        }

        await CompleteAsync(desk, await SingleTaskAsync(desk, code, "Task_TiepNhan"));
        await SingleTaskAsync(desk, code, "Task_ThuPhiLePhi");
        return (desk, code);
    }

    [SkippableFact]
    public async Task Complete_TheFeeStepByHand_409SaysItWaitsForThePaymentAndTheStepStays()
    {
        SkipUnlessAvailable();
        var (desk, code) = await AtTheFeeStepAsync();
        var task = await SingleTaskAsync(desk, code, "Task_ThuPhiLePhi");

        var problem = await ProblemAsync(await desk.PostAsJsonAsync($"/api/v1/tasks/{task}/complete", new { comment = "Đã thu." }), HttpStatusCode.Conflict);

        Assert.Contains("chờ người nộp thanh toán phí, lệ phí", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(task, await SingleTaskAsync(desk, code, "Task_ThuPhiLePhi"));
    }

    [SkippableFact]
    public async Task Request_AtTheFeeStep_TheStepsItemsAndTheSimulatedBanksPayUrl()
    {
        SkipUnlessAvailable();
        var (desk, code) = await AtTheFeeStepAsync();

        var payment = await JsonAsync(await desk.PostAsync($"/api/v1/dossiers/{code}/payments", null), HttpStatusCode.Created);
        var again = await desk.PostAsync($"/api/v1/dossiers/{code}/payments", null);

        Assert.Equal($"TT-{code}-1", payment.GetProperty("id").GetString());
        Assert.Equal(125000, payment.GetProperty("amountVnd").GetInt64());
        Assert.Equal(["LEPHI-DKDN", "PHI-CBTT"], payment.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()));
        Assert.Equal($"/simulated-bank/pay/{Uri.EscapeDataString($"TT-{code}-1")}", payment.GetProperty("payUrl").GetString());
        Assert.Contains("đã có khoản đề nghị nộp đang chờ", (await ProblemAsync(again, HttpStatusCode.Conflict)).GetProperty("detail").GetString());
    }

    [SkippableFact]
    public async Task Request_AtTheFeeStep_PaymentDueNoticeWithAmountReferenceAndHowToPayCommitsWithIt()
    {
        SkipUnlessAvailable();
        var (desk, code) = await AtTheFeeStepAsync();

        var id = (await JsonAsync(await desk.PostAsync($"/api/v1/dossiers/{code}/payments", null), HttpStatusCode.Created)).GetProperty("id").GetString()!;

        List<NotificationRecord> notices;
        using (var scope = Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BpmDbContext>();
            notices = [.. db.Notifications.Where(n => n.DossierCode == code).OrderBy(n => n.Id)];
        }

        Assert.Equal(["PaymentDue/Sms", "PaymentDue/Email"], notices.Select(n => $"{n.Notice}/{n.Channel}"));
        Assert.All(notices, n =>
        {
            Assert.Equal($"{code}/{id}/{n.Channel.ToLowerInvariant()}", n.MessageId);
            Assert.Contains("125.000 đồng", n.Body, StringComparison.Ordinal);
            Assert.Matches($"(?i)mã khoản nộp:? {System.Text.RegularExpressions.Regex.Escape(id)}", n.Body);
            Assert.Contains($"/simulated-bank/pay/{Uri.EscapeDataString(id)}", n.Body, StringComparison.Ordinal);
            Assert.Contains("nộp tiền mặt tại Bộ phận Một cửa", n.Body, StringComparison.Ordinal);
        });
    }

    [SkippableFact]
    public async Task SimulatedBankPays_FeeStepCompletedAndTheDossierGoesOn()
    {
        SkipUnlessAvailable();
        var (desk, code) = await AtTheFeeStepAsync();
        var id = (await JsonAsync(await desk.PostAsync($"/api/v1/dossiers/{code}/payments", null), HttpStatusCode.Created)).GetProperty("id").GetString()!;

        var paid = await JsonAsync(await Anonymous().PostAsync($"/simulated-bank/pay/{Uri.EscapeDataString(id)}", null), HttpStatusCode.OK);

        Assert.Equal("paid", paid.GetProperty("outcome").GetString());
        Assert.Empty(await OpenTasksAsync(desk, code));
        var specialist = await SignInAsync("dkkd.stc");
        await SingleTaskAsync(specialist, code, "Task_ThamDinh");
        var listed = Assert.Single((await JsonAsync(await desk.GetAsync($"/api/v1/dossiers/{code}/payments"), HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal(("paid", "bank"), (listed.GetProperty("status").GetString(), listed.GetProperty("paidBy").GetString()));
    }

    [SkippableFact]
    public async Task Callback_ForgedOrOtherAmount_RefusedFeeStepStillWaiting()
    {
        SkipUnlessAvailable();
        var (desk, code) = await AtTheFeeStepAsync();
        var id = (await JsonAsync(await desk.PostAsync($"/api/v1/dossiers/{code}/payments", null), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var body = SimulatedBank.Body(new ProviderCallback(id, "GD-1", 125000, DateTimeOffset.UnixEpoch));
        var cheap = SimulatedBank.Body(new ProviderCallback(id, "GD-2", 1000, DateTimeOffset.UnixEpoch));

        var forged = await PostCallbackAsync(body, new SimulatedBank(Encoding.UTF8.GetBytes("khoa-gia")).Sign(body));
        var otherAmount = await PostCallbackAsync(cheap, Bank.Sign(cheap));
        var unknownProvider = await Anonymous().PostAsync("/api/v1/payments/callbacks/ngan-hang-khong-co", new StringContent(body));

        Assert.StartsWith("chữ ký không đúng", (await ProblemAsync(forged, HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("số tiền 1000 đồng khác số phải nộp 125000 đồng", (await ProblemAsync(otherAmount, HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString());
        await ProblemAsync(unknownProvider, HttpStatusCode.NotFound);
        await SingleTaskAsync(desk, code, "Task_ThuPhiLePhi");
    }

    [SkippableFact]
    public async Task Callback_SignedTwice_PaidOnceSecondIsADuplicate()
    {
        SkipUnlessAvailable();
        var (desk, code) = await AtTheFeeStepAsync();
        var id = (await JsonAsync(await desk.PostAsync($"/api/v1/dossiers/{code}/payments", null), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var body = SimulatedBank.Body(new ProviderCallback(id, "GD-" + Guid.NewGuid().ToString("N")[..8], 125000, DateTimeOffset.UnixEpoch));

        var first = await JsonAsync(await PostCallbackAsync(body, Bank.Sign(body)), HttpStatusCode.OK);
        var second = await JsonAsync(await PostCallbackAsync(body, Bank.Sign(body)), HttpStatusCode.OK);

        Assert.Equal(("paid", "duplicate"), (first.GetProperty("outcome").GetString(), second.GetProperty("outcome").GetString()));
        Assert.Empty(await OpenTasksAsync(desk, code));
    }

    [SkippableFact]
    public async Task Cash_AtTheDesk_WrongAmountRefusedRightAmountPaysAndTheStepGoesOn()
    {
        SkipUnlessAvailable();
        var (desk, code) = await AtTheFeeStepAsync();
        var id = (await JsonAsync(await desk.PostAsync($"/api/v1/dossiers/{code}/payments", null), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var receipt = "BL-" + Guid.NewGuid().ToString("N")[..8];

        var wrong = await desk.PostAsJsonAsync($"/api/v1/payments/{Uri.EscapeDataString(id)}/cash", new { amountVnd = 100000, receiptNumber = receipt });
        var right = await JsonAsync(await desk.PostAsJsonAsync($"/api/v1/payments/{Uri.EscapeDataString(id)}/cash", new { amountVnd = 125000, receiptNumber = receipt }), HttpStatusCode.OK);

        await ProblemAsync(wrong, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("paid", right.GetProperty("outcome").GetString());
        Assert.Equal("cash", right.GetProperty("payment").GetProperty("paidBy").GetString());
        Assert.Empty(await OpenTasksAsync(desk, code));
    }

    [SkippableFact]
    public async Task Request_NotAtTheFeeStepOrUnknownDossier_ConflictOrNotFound()
    {
        SkipUnlessAvailable();
        var desk = await SignInAsync("quay.stc");

        await ProblemAsync(await desk.PostAsync("/api/v1/dossiers/000.00.00.H00-000000-0000/payments", null), HttpStatusCode.NotFound);
        var (officer, code) = await AtTheFeeStepAsync();
        var id = (await JsonAsync(await officer.PostAsync($"/api/v1/dossiers/{code}/payments", null), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await Anonymous().PostAsync($"/simulated-bank/pay/{Uri.EscapeDataString(id)}", null);
        var afterTheStep = await officer.PostAsync($"/api/v1/dossiers/{code}/payments", null);
        Assert.Contains("không đang ở bước thu phí", (await ProblemAsync(afterTheStep, HttpStatusCode.Conflict)).GetProperty("detail").GetString());
    }

    [SkippableFact]
    public async Task SimulatedBankPage_OpenedFromTheNoticeAndPaid_NamedSimulatedAndTheFeeStepGoesOn()
    {
        SkipUnlessAvailable();
        var (desk, code) = await AtTheFeeStepAsync();
        var id = (await JsonAsync(await desk.PostAsync($"/api/v1/dossiers/{code}/payments", null), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var path = $"/simulated-bank/pay/{Uri.EscapeDataString(id)}";
        var applicant = Anonymous();

        var page = HtmlForms.Parse(await (await applicant.GetAsync(path)).Content.ReadAsStringAsync());
        var paid = await applicant.PostAsync(path, new FormUrlEncodedContent([]));
        var after = HtmlForms.Parse(await paid.Content.ReadAsStringAsync());

        Assert.Contains("Ngân hàng giả lập (không phải ngân hàng thật)", page.Title);
        Assert.Contains("NGÂN HÀNG GIẢ LẬP", page.QuerySelector("[role=note]")!.TextContent);
        Assert.Contains("125.000 đồng", page.Body!.TextContent);
        Assert.Equal(path, page.QuerySelector("form")!.GetAttribute("action"));
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        Assert.Contains("Thanh toán thành công (giả lập)", after.QuerySelector("#payment-outcome")!.TextContent);
        Assert.Null(after.QuerySelector("form"));
        Assert.Empty(await OpenTasksAsync(desk, code));
    }

    [SkippableFact]
    public async Task SimulatedBankPage_UnknownPayment_404Page()
    {
        SkipUnlessAvailable();

        var response = await Anonymous().GetAsync("/simulated-bank/pay/TT-KHONG-CO-1");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Không có khoản thanh toán mã 'TT-KHONG-CO-1'", HtmlForms.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("[role=alert]")!.TextContent);
    }

    [SkippableFact]
    public async Task DossierPage_DeskAsksForTheFeesThenTakesCash_WrongAmountRefusedRightAmountPaysTheStep()
    {
        SkipUnlessAvailable();
        var (desk, code) = await AtTheFeeStepAsync();
        var page = $"/dossiers/{Uri.EscapeDataString(code)}";
        var receipt = "BL-" + Guid.NewGuid().ToString("N")[..8];

        var asked = await HtmlForms.SubmitNamedAsync(desk, page, "payment-request", new Dictionary<string, string>());
        var wrong = await HtmlForms.SubmitNamedAsync(desk, page, "payment-cash", new Dictionary<string, string> { ["Cash.AmountVnd"] = "100000", ["Cash.ReceiptNumber"] = receipt });
        var wrongPage = HtmlForms.Parse(await wrong.Content.ReadAsStringAsync());
        var tasksAfterWrong = await OpenTasksAsync(desk, code);
        var right = await HtmlForms.SubmitNamedAsync(desk, page, "payment-cash", new Dictionary<string, string> { ["Cash.ReceiptNumber"] = receipt });
        var paidPage = HtmlForms.Parse(await (await desk.GetAsync(page)).Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Contains("số tiền 100000 đồng khác số phải nộp 125000 đồng", wrongPage.QuerySelector(".bpm-payment-error")!.TextContent);
        Assert.Single(tasksAfterWrong);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        var status = paidPage.QuerySelector($"tr[data-payment-id='TT-{code}-1'] .bpm-payment-status")!.TextContent;
        Assert.Contains($"tiền mặt, biên lai {receipt}, quay.stc thu", status);
        Assert.Empty(await OpenTasksAsync(desk, code));
    }

    [SkippableFact]
    public async Task ReconciliationPage_DayPaidByTheSimulatedBankAgainstAStatement_DifferencesListed()
    {
        SkipUnlessAvailable();
        var (desk, code) = await AtTheFeeStepAsync();
        var id = (await JsonAsync(await desk.PostAsync($"/api/v1/dossiers/{code}/payments", null), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var paid = await JsonAsync(await Anonymous().PostAsync($"/simulated-bank/pay/{Uri.EscapeDataString(id)}", null), HttpStatusCode.OK);
        var transaction = paid.GetProperty("payment").GetProperty("transactionId").GetString()!;
        var day = paid.GetProperty("payment").GetProperty("paidAt").GetDateTimeOffset().ToOffset(TimeSpan.FromHours(7)).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        var leader = await SignInAsync("admin");

        var response = await HtmlForms.SubmitNamedAsync(leader, "/bao-cao/doi-soat", "reconcile", new Dictionary<string, string>
        {
            ["Input.Day"] = day,
            ["Input.Statement"] = $"transactionId,paymentId,amountVnd\n{transaction},{id},120000\nGD-LA,TT-LA-1,5000\n",
        });
        var bad = await HtmlForms.SubmitNamedAsync(leader, "/bao-cao/doi-soat", "reconcile", new Dictionary<string, string>
        {
            ["Input.Day"] = day,
            ["Input.Statement"] = "transactionId,paymentId,amountVnd\nGD-1,TT-1\n",
        });

        var page = HtmlForms.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("có chênh lệch", page.QuerySelector(".bpm-reconciliation-outcome")!.TextContent);
        Assert.Contains($"khoản {id}, giao dịch {transaction}: Bpm 125.000 đồng, sao kê 120.000 đồng", page.QuerySelector(".bpm-amounts-differ")!.TextContent);
        Assert.Contains("GD-LA", page.QuerySelector(".bpm-not-in-bpm")!.TextContent);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("sao kê: line 2: 2 fields, expected 3", HtmlForms.Parse(await bad.Content.ReadAsStringAsync()).QuerySelector("#statement-error")!.TextContent);
    }

    private Task<HttpResponseMessage> PostCallbackAsync(string body, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/payments/callbacks/{SimulatedBank.ProviderName}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Signature", signature);
        return Anonymous().SendAsync(request);
    }
}

[Collection(SqliteServerCollection.Name)]
public sealed class SqlitePaymentApiTests(SqliteServerFixture fixture) : PaymentApiTestBase<SqliteServerFixture>(fixture);

[Collection(PostgresServerCollection.Name)]
public sealed class PostgreSqlPaymentApiTests(PostgresServerFixture fixture) : PaymentApiTestBase<PostgresServerFixture>(fixture);
