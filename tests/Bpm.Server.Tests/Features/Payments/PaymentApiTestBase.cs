using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bpm.Payments;
using Bpm.Persistence;
using Bpm.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Server.Tests.Features.Payments;

/// <summary>The fee step of the business registration sample paid through the API: simulated bank, forged callback, cash at the desk.</summary>
public abstract class PaymentApiTestBase<TFixture>(TFixture fixture) : ServerTestBase<TFixture>(fixture)
    where TFixture : class, IServerFixture
{
    private static readonly SimulatedBank Bank = new(Encoding.UTF8.GetBytes(BpmServerFactory.SimulatedBankKey));

    /// <summary>The desk of the provincial centre receives a business registration and sends it to the fee step.</summary>
    private async Task<(HttpClient Desk, string Code)> AtTheFeeStepAsync(bool fromHouseholdBusiness = false, string definitionId = "business-registration")
    {
        var desk = await SignInAsync("quay.stc");
        var code = NewDossierCode();
        // The sample's schedule exempts an SME converted from a household business from the registration fee.
        object variables = fromHouseholdBusiness ? new { dossierCode = code, chuyenDoiTuHoKinhDoanh = true } : new { dossierCode = code };
        var started = await JsonAsync(await desk.PostAsJsonAsync("/api/v1/instances", new { definitionId, businessKey = code, variables }), HttpStatusCode.Created);
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
    public async Task DossierPage_EveryFeeExempt_RecordedAsPaidByExemptAndThePageSaysSoInsteadOfAPaymentNotice()
    {
        SkipUnlessAvailable();
        // The sample with its SME exemption widened to the publication fee too (an assumption of this
        // test, not the law), published under an id of its own: such a dossier owes nothing at all.
        var designer = await SignInAsync("thietke");
        var id = NewId("dkdn-mien");
        var xml = SampleXml("business-registration").Replace(
            "fees=\"LEPHI-DKDN\" when=\"chuyenDoiTuHoKinhDoanh\"", "fees=\"LEPHI-DKDN,PHI-CBTT\" when=\"chuyenDoiTuHoKinhDoanh\"", StringComparison.Ordinal);
        Assert.Contains("LEPHI-DKDN,PHI-CBTT", xml);
        await JsonAsync(await designer.PutAsJsonAsync($"/api/v1/definitions/{id}/draft", new { xml }), HttpStatusCode.OK);
        await JsonAsync(await designer.PostAsJsonAsync($"/api/v1/definitions/{id}/versions/1/publish", new { changeNote = "Miễn toàn bộ (phép thử)" }), HttpStatusCode.OK);
        var (desk, code) = await AtTheFeeStepAsync(fromHouseholdBusiness: true, definitionId: id);
        var page = $"/dossiers/{Uri.EscapeDataString(code)}";

        var asked = await HtmlForms.SubmitNamedAsync(desk, page, "payment-request", new Dictionary<string, string>());
        var after = HtmlForms.Parse(await (await desk.GetAsync(asked.Headers.Location!.OriginalString)).Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.EndsWith("?thu-phi=mien", asked.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(
            "Hồ sơ được miễn toàn bộ phí, lệ phí (căn cứ ghi trong bảng kê bên dưới): người nộp không phải nộp tiền, hồ sơ chuyển sang bước tiếp theo.",
            after.QuerySelector(".bpm-alert[role=status]")!.TextContent.Trim());
        var row = after.QuerySelector($"tr[data-payment-id='TT-{code}-1']")!;
        Assert.StartsWith("miễn toàn bộ, ghi nhận lúc ", row.QuerySelector(".bpm-payment-status")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("0 đ", row.QuerySelector(".bpm-payment-total")!.TextContent);
        Assert.Contains("căn cứ: Luật Hỗ trợ doanh nghiệp nhỏ và vừa 2017", row.QuerySelector("li[data-fee-code='PHI-CBTT'] .bpm-fee-exemption")!.TextContent);
        // Nothing to pay: no cash form, and the fee step has gone on.
        Assert.Null(after.QuerySelector("#cash-title"));
        Assert.Empty(await OpenTasksAsync(desk, code));
        using var scope = Factory.Services.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<BpmDbContext>().Payments.SingleAsync(p => p.DossierCode == code);
        Assert.Equal((0L, PaymentStatus.Paid, PaymentItems.ExemptPaidBy), (stored.AmountVnd, stored.Status, stored.PaidBy));
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

    [SkippableFact]
    public async Task Request_NoExemptionHolds_BreakdownCarriesEachRuleAndTheReductionWithItsBasis()
    {
        SkipUnlessAvailable();
        var (desk, code) = await AtTheFeeStepAsync();

        var payment = await JsonAsync(await desk.PostAsync($"/api/v1/dossiers/{code}/payments", null), HttpStatusCode.Created);

        var items = payment.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal((50000, 25000), (items[0].GetProperty("baseAmountVnd").GetInt64(), items[0].GetProperty("amountVnd").GetInt64()));
        Assert.Equal((50, "Thông tư 64/2025/TT-BTC"), (items[0].GetProperty("exemption").GetProperty("percent").GetInt32(), items[0].GetProperty("exemption").GetProperty("basis").GetString()));
        Assert.Equal(JsonValueKind.Null, items[1].GetProperty("exemption").ValueKind);
        Assert.Equal(125000, payment.GetProperty("amountVnd").GetInt64());
    }

    [SkippableFact]
    public async Task Callback_ExemptDossier_ComputedAmountPaysFullAmountRefusedEInvoiceRecorded()
    {
        SkipUnlessAvailable();
        var (desk, code) = await AtTheFeeStepAsync(fromHouseholdBusiness: true);
        var payment = await JsonAsync(await desk.PostAsync($"/api/v1/dossiers/{code}/payments", null), HttpStatusCode.Created);
        var id = payment.GetProperty("id").GetString()!;
        var full = SimulatedBank.Body(new ProviderCallback(id, "GD-" + Guid.NewGuid().ToString("N")[..8], 125000, DateTimeOffset.UnixEpoch));
        var computed = SimulatedBank.Body(new ProviderCallback(id, "GD-" + Guid.NewGuid().ToString("N")[..8], 100000, DateTimeOffset.UnixEpoch));

        var refused = await PostCallbackAsync(full, Bank.Sign(full));
        var stillWaiting = await OpenTasksAsync(desk, code);
        var paid = await JsonAsync(await PostCallbackAsync(computed, Bank.Sign(computed)), HttpStatusCode.OK);

        var fee = payment.GetProperty("items")[0];
        Assert.Equal((0, "Luật Hỗ trợ doanh nghiệp nhỏ và vừa 2017 (04/2017/QH14), Điều 16 khoản 1"), (fee.GetProperty("amountVnd").GetInt64(), fee.GetProperty("exemption").GetProperty("basis").GetString()));
        Assert.Equal(100000, payment.GetProperty("amountVnd").GetInt64());
        Assert.Equal("số tiền 125000 đồng khác số phải nộp 100000 đồng", (await ProblemAsync(refused, HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString());
        Assert.Single(stillWaiting);
        Assert.Equal("paid", paid.GetProperty("outcome").GetString());
        var invoice = paid.GetProperty("payment").GetProperty("eInvoice");
        Assert.Equal(SimulatedEInvoiceProvider.ProviderName, invoice.GetProperty("provider").GetString());
        Assert.Equal(7, invoice.GetProperty("number").GetString()!.Length);
        Assert.Empty(await OpenTasksAsync(desk, code));
    }

    [SkippableFact]
    public async Task DossierPage_PaidInCash_ShowsBreakdownEInvoiceAndPortalSyncs()
    {
        SkipUnlessAvailable();
        var (desk, code) = await AtTheFeeStepAsync(fromHouseholdBusiness: true);
        var id = (await JsonAsync(await desk.PostAsync($"/api/v1/dossiers/{code}/payments", null), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var cash = await JsonAsync(await desk.PostAsJsonAsync($"/api/v1/payments/{Uri.EscapeDataString(id)}/cash", new { amountVnd = 100000, receiptNumber = "BL-" + Guid.NewGuid().ToString("N")[..8] }), HttpStatusCode.OK);
        var number = cash.GetProperty("payment").GetProperty("eInvoice").GetProperty("number").GetString()!;
        PortalSyncRecord sent, retrying;
        using (var scope = Factory.Services.CreateScope())
        {
            // Rows the portal sync writes (sequence numbers past the dossier's own events); the page only reads them.
            var db = scope.ServiceProvider.GetRequiredService<BpmDbContext>();
            var at = new DateTimeOffset(2026, 12, 1, 1, 5, 0, TimeSpan.Zero);
            sent = new PortalSyncRecord { DossierCode = code, EventSeq = 9001, Status = "processing", At = at, NextAttemptAt = at, Attempts = 1, SyncedAt = at.AddMinutes(1), LastAnswer = "http: 200 OK" };
            // Its next try far ahead, so that the server's own portal pass leaves it waiting.
            retrying = new PortalSyncRecord { DossierCode = code, EventSeq = 9002, Status = "processing", At = at, NextAttemptAt = new DateTimeOffset(2099, 1, 1, 1, 0, 0, TimeSpan.Zero), Attempts = 3, LastAnswer = "http: 503 Service Unavailable" };
            db.PortalSyncs.AddRange(sent, retrying);
            await db.SaveChangesAsync();
        }

        var page = HtmlForms.Parse(await (await desk.GetAsync($"/dossiers/{Uri.EscapeDataString(code)}")).Content.ReadAsStringAsync());

        var row = page.QuerySelector($"tr[data-payment-id='{id}']")!;
        Assert.Equal("0 đ", row.QuerySelector("li[data-fee-code='LEPHI-DKDN'] .bpm-fee-amount")!.TextContent);
        Assert.Contains("miễn: Miễn lệ phí cho doanh nghiệp nhỏ và vừa chuyển đổi từ hộ kinh doanh; căn cứ: Luật Hỗ trợ doanh nghiệp nhỏ và vừa 2017", row.QuerySelector("li[data-fee-code='LEPHI-DKDN'] .bpm-fee-exemption")!.TextContent);
        Assert.Contains("(cách tính: 50000 = 50.000 đ)", row.QuerySelector("li[data-fee-code='LEPHI-DKDN'] .bpm-fee-rule")!.TextContent);
        Assert.Equal("100.000 đ", row.QuerySelector(".bpm-payment-total")!.TextContent);
        Assert.Contains($"số {number}", row.QuerySelector(".bpm-einvoice")!.TextContent);
        Assert.Contains("Hóa đơn điện tử giả lập (không phải của cơ quan thuế)", row.QuerySelector(".bpm-einvoice")!.TextContent);
        Assert.Equal("Đã gửi lúc 01/12/2026 08:06", page.QuerySelector($"tr[data-portal-sync='{sent.Id}'] .bpm-portal-outcome")!.TextContent);
        var later = page.QuerySelector($"tr[data-portal-sync='{retrying.Id}']")!;
        Assert.Equal("Sẽ gửi lại lúc 01/01/2099 08:00", later.QuerySelector(".bpm-portal-outcome")!.TextContent);
        Assert.Contains("http: 503 Service Unavailable", later.TextContent);
        Assert.NotNull(page.QuerySelector("#portal-syncs-title"));
    }

    [SkippableFact]
    public async Task ReconciliationPage_PaidDay_ListsTheReceiptWithItsEInvoiceAndTheCsv()
    {
        SkipUnlessAvailable();
        var (desk, code) = await AtTheFeeStepAsync();
        var id = (await JsonAsync(await desk.PostAsync($"/api/v1/dossiers/{code}/payments", null), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var paid = (await JsonAsync(await Anonymous().PostAsync($"/simulated-bank/pay/{Uri.EscapeDataString(id)}", null), HttpStatusCode.OK)).GetProperty("payment");
        var day = paid.GetProperty("paidAt").GetDateTimeOffset().ToOffset(TimeSpan.FromHours(7)).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

        var response = await HtmlForms.SubmitNamedAsync(await SignInAsync("admin"), "/bao-cao/doi-soat", "reconcile", new Dictionary<string, string> { ["Input.Day"] = day });

        var page = HtmlForms.Parse(await response.Content.ReadAsStringAsync());
        var number = paid.GetProperty("eInvoice").GetProperty("number").GetString()!;
        Assert.Contains($"số {number}", page.QuerySelector($".bpm-receipts li[data-payment-id='{id}']")!.TextContent);
        var csv = Uri.UnescapeDataString(page.QuerySelector(".bpm-receipts-csv")!.GetAttribute("href")!);
        Assert.Contains($"{id},{code},bank,", csv, StringComparison.Ordinal);
        Assert.Contains($",{number},", csv, StringComparison.Ordinal);
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
