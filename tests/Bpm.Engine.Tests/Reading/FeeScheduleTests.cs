using System.Text.Json;

namespace Bpm.Engine.Tests.Reading;

public sealed class FeeScheduleTests
{
    // Birth registration's copies and a late-registration fee, as workflows/samples models them.
    private const string Schedule = """
        <bpm:feeSchedule id="BP-KS" name="Lệ phí đăng ký khai sinh">
          <bpm:input name="soBanSao" default="0"/>
          <bpm:input name="hoNgheo" default="false"/>
          <bpm:fee code="LEPHI-KS" name="Lệ phí đăng ký khai sinh quá hạn" amount="8000" when="!dungHan"/>
          <bpm:fee code="PHI-BANSAO" name="Phí cấp bản sao trích lục" amount="8000 * soBanSao" unit="bản" when="soBanSao > 0"/>
          <bpm:exemption name="Miễn cho người thuộc hộ nghèo" fees="LEPHI-KS" when="hoNgheo" percent="100" basis="Luật Hộ tịch 2014, Điều 11 khoản 1 điểm a"/>
          <bpm:exemption name="Giảm 50%" fees="LEPHI-KS,PHI-BANSAO" when="giam" percent="50" basis="(giả định của phép thử)"/>
        </bpm:feeSchedule>
        """;

    private static LoadResult Load(string schedules, string step = """<userTask id="fee" bpm:unit="U" bpm:role="accountant" bpm:kind="fee" bpm:feeSchedule="BP-KS"/>""") =>
        BpmnLoader.Load($"""
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpm="urn:bpm-vn:bpmn:1.0" id="d">
            <process id="p" isExecutable="true">
            <extensionElements>
            {schedules}
            </extensionElements>
            <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="fee"/>
            {step}
            <sequenceFlow id="f2" sourceRef="fee" targetRef="e"/><endEvent id="e"/>
            </process>
            </definitions>
            """);

    private static FeeSchedule Step(LoadResult result)
    {
        Assert.True(result.IsValid, string.Join("\n", result.Errors.Select(e => e.ToString())));
        return result.Definition!.Main.NodesById["fee"].FeeSchedule!;
    }

    private static FeeBreakdown Compute(FeeSchedule schedule, object variables)
    {
        var vars = JsonSerializer.SerializeToElement(variables).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        Assert.True(schedule.TryCompute(vars, out var breakdown, out var error), error);
        return breakdown!;
    }

    [Fact]
    public void TryCompute_FixedFeeItems_KeepTheirAmounts()
    {
        var schedule = Step(Load("", """<userTask id="fee" bpm:unit="U" bpm:role="accountant" bpm:kind="fee" bpm:feeItems="LEPHI:50000:Lệ phí đăng ký;PHI:3000"/>"""));

        var breakdown = Compute(schedule, new { });

        Assert.Equal([("LEPHI", "Lệ phí đăng ký", 50000L), ("PHI", "PHI", 3000L)], breakdown.Lines.Select(l => (l.Code, l.Name, l.AmountVnd)));
        Assert.Equal(53000, breakdown.TotalVnd);
        Assert.All(breakdown.Lines, l => Assert.Null(l.Exemption));
    }

    [Fact]
    public void TryCompute_PerUnit_MultipliesByTheDossierVariable()
    {
        var breakdown = Compute(Step(Load(Schedule)), new { dungHan = true, soBanSao = 3, giam = false });

        var copies = Assert.Single(breakdown.Lines);
        Assert.Equal(("PHI-BANSAO", 24000L, 24000L), (copies.Code, copies.BaseAmountVnd, copies.AmountVnd));
        Assert.Equal("8000 * soBanSao, tính theo bản", copies.Rule);
    }

    [Fact]
    public void TryCompute_ExemptionHolds_FirstOneAppliesWithItsBasis()
    {
        var breakdown = Compute(Step(Load(Schedule)), new { dungHan = false, hoNgheo = true, soBanSao = 1, giam = true });

        var fee = breakdown.Lines.Single(l => l.Code == "LEPHI-KS");
        Assert.Equal((8000L, 0L), (fee.BaseAmountVnd, fee.AmountVnd));
        Assert.Equal(new AppliedExemption("Miễn cho người thuộc hộ nghèo", 100, "Luật Hộ tịch 2014, Điều 11 khoản 1 điểm a"), fee.Exemption);
        var copies = breakdown.Lines.Single(l => l.Code == "PHI-BANSAO");
        Assert.Equal((8000L, 4000L, 50), (copies.BaseAmountVnd, copies.AmountVnd, copies.Exemption!.Percent));
        Assert.Equal(4000, breakdown.TotalVnd);
    }

    [Fact]
    public void TryCompute_NoExemptionHolds_ChargesInFullWithInputDefaults()
    {
        // hoNgheo and soBanSao are not set: their <bpm:input> defaults apply.
        var breakdown = Compute(Step(Load(Schedule)), new { dungHan = false, giam = false });

        var fee = Assert.Single(breakdown.Lines);
        Assert.Equal(("LEPHI-KS", 8000L), (fee.Code, fee.AmountVnd));
        Assert.Null(fee.Exemption);
    }

    [Fact]
    public void TryCompute_BandsAndPercentWithBounds_PickTheBandAndClamp()
    {
        var schedule = Step(Load("""
            <bpm:feeSchedule id="BP-KS">
              <bpm:fee code="LP" name="Lệ phí theo diện tích">
                <bpm:band when="dienTich &lt;= 100" amount="50000"/>
                <bpm:band when="true" amount="100000"/>
              </bpm:fee>
              <bpm:fee code="TD" name="Phí thẩm định" amount="giaTri * 0.001" min="100000" max="5000000"/>
            </bpm:feeSchedule>
            """));

        Assert.Equal([50000L, 100000L], Compute(schedule, new { dienTich = 80, giaTri = 2_000_000 }).Lines.Select(l => l.AmountVnd));
        Assert.Equal([100000L, 2_500_000L], Compute(schedule, new { dienTich = 120, giaTri = 2_500_000_000 }).Lines.Select(l => l.AmountVnd));
        Assert.Equal(5_000_000L, Compute(schedule, new { dienTich = 120, giaTri = 9_000_000_000 }).Lines[1].AmountVnd);
    }

    [Fact]
    public void TryCompute_VariableNotSet_FailsNamingTheFee()
    {
        var schedule = Step(Load(Schedule));

        Assert.False(schedule.TryCompute(new Dictionary<string, JsonElement>(), out var breakdown, out var error));
        Assert.Null(breakdown);
        Assert.Contains("fee 'LEPHI-KS'", error, StringComparison.Ordinal);
        Assert.Contains("dungHan", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("business-registration", "Task_ThuPhiLePhi", "{}", 125000, "Thông tư 64/2025/TT-BTC")]
    [InlineData("business-registration", "Task_ThuPhiLePhi", """{"chuyenDoiTuHoKinhDoanh":true}""", 100000, "Luật Hỗ trợ doanh nghiệp nhỏ và vừa 2017 (04/2017/QH14), Điều 16 khoản 1")]
    [InlineData("business-registration", "Task_ThuPhiLePhi", """{"nopTrucTuyen":true}""", 100000, "Thông tư 47/2019/TT-BTC (miễn lệ phí khi đăng ký doanh nghiệp qua mạng điện tử)")]
    [InlineData("construction-permit", "Task_ThuLePhi", "{}", 75000, null)]
    [InlineData("construction-permit", "Task_ThuLePhi", """{"nguoiCoCong":true}""", 0, "Luật Phí và lệ phí 2015 (97/2015/QH13), Điều 10; mức miễn cụ thể theo nghị quyết HĐND tỉnh (giả định của mẫu)")]
    public void TryCompute_SampleSchedules_ExemptionChosenByTheDossiersVariables(string sample, string step, string variables, long total, string? basis)
    {
        var definition = BpmnLoader.LoadFile(Path.Combine(TestModels.RepositoryRoot(), "workflows", "samples", sample + ".bpmn")).Definition!;
        var schedule = definition.Main.NodesById[step].FeeSchedule!;

        var breakdown = Compute(schedule, JsonDocument.Parse(variables).RootElement);

        Assert.Equal(total, breakdown.TotalVnd);
        Assert.Equal(basis, breakdown.Lines[0].Exemption?.Basis);
    }

    [Theory]
    [InlineData("""<bpm:fee code="A" name="A" amount="8000 *"/>""", "fee 'A': amount '8000 *'")]
    [InlineData("""<bpm:fee code="A" name="A"/>""", "fee 'A': give either an amount or <bpm:band> elements, not neither")]
    [InlineData("""<bpm:fee code="A" name="A" amount="1" min="9" max="5"/>""", "fee 'A': min 9 is above max 5")]
    [InlineData("""<bpm:fee code="A" name="A" amount="1"/><bpm:fee code="A" name="B" amount="2"/>""", "fee 'A': another fee has this code")]
    [InlineData("""<bpm:fee code="A" name="A" amount="1"/><bpm:exemption name="M" fees="B" when="true" percent="100" basis="x"/>""", "exemption 'M': fee 'B' is not in the schedule (there are: A)")]
    [InlineData("""<bpm:fee code="A" name="A" amount="1"/><bpm:exemption name="M" fees="A" when="true" percent="0" basis="x"/>""", "exemption 'M': percent '0' must be a whole number from 1 to 100")]
    [InlineData("""<bpm:fee code="A" name="A" amount="1"/><bpm:exemption name="M" fees="A" when="true" percent="100"/>""", "exemption 'M': needs its legal basis")]
    [InlineData("""<bpm:fee code="A" name="A" amount="1"/><bpm:exemption name="M" fees="A" when="hoNgheo ==" percent="100" basis="x"/>""", "exemption 'M': when 'hoNgheo =='")]
    public void Load_BadSchedule_RefusedNamingScheduleItemAndLine(string body, string expected)
    {
        var result = Load($"<bpm:feeSchedule id=\"BP-KS\">\n{body}\n</bpm:feeSchedule>");

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("BPM1421", "BP-KS", 5), (error.Code, error.ElementId, error.Line));
        Assert.Contains($"bpm:feeSchedule 'BP-KS': {expected}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_StepNamesAnUnknownSchedule_RefusedNamingTheStep()
    {
        var result = Load(Schedule, """<userTask id="fee" bpm:unit="U" bpm:role="accountant" bpm:kind="fee" bpm:feeSchedule="BP-XX"/>""");

        var error = Assert.Single(result.Errors);
        Assert.Equal(("BPM1422", "fee"), (error.Code, error.ElementId));
        Assert.Contains("'BP-XX' is not a <bpm:feeSchedule> of this process (there are: BP-KS)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_StepWithItemsAndSchedule_Refused()
    {
        var result = Load(Schedule, """<userTask id="fee" bpm:unit="U" bpm:role="accountant" bpm:kind="fee" bpm:feeSchedule="BP-KS" bpm:feeItems="A:1"/>""");

        Assert.Equal("BPM1423", Assert.Single(result.Errors).Code);
    }
}
