using System.Globalization;
using System.Security;
using System.Text;

namespace Bpm.Reports.Simulation;

/// <summary>One generated internal procedure: its definition id, level, deciding agency, BPMN and whether it hands off to another agency.</summary>
public sealed record CorpusProcedure(string DefinitionId, string ProcedureCode, string Level, string Agency, bool InterConnected, int UserTasks, string Xml);

/// <summary>
/// The province's internal procedures (quy trình nội bộ) as BPMN in the <c>bpm:</c> dialect, for
/// scale tests of publishing and of the designer's list: 2,257 of them over three levels, 2,179
/// handled by one agency and 78 inter-connected (liên thông), as the province report counts them
/// (docs/reports.md). The same seed gives the same documents. Which procedures, units, step counts,
/// allowances and legal limits are drawn is an assumption (docs/benchmarks.md, "Corpus"); what is
/// fixed is that every document validates and that its allowances fit its legal time limit.
/// </summary>
public static class ProcedureCorpus
{
    public const int Total = 2_257;
    public const int InterConnectedCount = 78;

    /// <summary>Per level: how many procedures, how many of them inter-connected. The split over levels is assumed; the totals are the report's.</summary>
    private static readonly (string Level, int Count, int InterConnected)[] Levels =
    [
        ("province", 1_880, 30),
        ("district", 260, 30),
        ("commune", 117, 18),
    ];

    private sealed record Office(string Unit, string Sector, string[] Objects);

    private sealed record Agency(string Code, string Name, Office[] Offices);

    private static readonly Agency[] Departments =
    [
        new("STP", "Sở Tư pháp", [new("HCTP", "Hộ tịch", ["trích lục hộ tịch", "quốc tịch Việt Nam", "thay đổi hộ tịch có yếu tố nước ngoài"]), new("BTTP", "Bổ trợ tư pháp", ["chứng chỉ hành nghề luật sư", "văn phòng công chứng", "tổ chức đấu giá tài sản", "giám định viên tư pháp"]), new("LLTP", "Lý lịch tư pháp", ["phiếu lý lịch tư pháp"])]),
        new("SXD", "Sở Xây dựng", [new("QLXD", "Hoạt động xây dựng", ["giấy phép xây dựng công trình", "chứng chỉ hành nghề hoạt động xây dựng", "chứng chỉ năng lực hoạt động xây dựng"]), new("QLN", "Nhà ở", ["nhà ở xã hội", "chứng chỉ hành nghề môi giới bất động sản"]), new("QLGT", "Đường bộ", ["giấy phép lái xe", "giấy phép kinh doanh vận tải bằng xe ô tô", "phù hiệu xe kinh doanh vận tải"])]),
        new("STC", "Sở Tài chính", [new("DKKD", "Thành lập và hoạt động doanh nghiệp", ["doanh nghiệp tư nhân", "công ty trách nhiệm hữu hạn", "công ty cổ phần", "chi nhánh, văn phòng đại diện"]), new("DT", "Đầu tư", ["dự án đầu tư", "chủ trương đầu tư"]), new("QLCS", "Quản lý công sản", ["tài sản công"])]),
        new("SNNMT", "Sở Nông nghiệp và Môi trường", [new("QLDD", "Đất đai", ["quyền sử dụng đất", "giao đất, cho thuê đất", "chuyển mục đích sử dụng đất"]), new("MT", "Môi trường", ["giấy phép môi trường", "báo cáo đánh giá tác động môi trường"]), new("TL", "Thủy lợi", ["giấy phép hoạt động trong phạm vi bảo vệ công trình thủy lợi"]), new("TY", "Thú y", ["chứng chỉ hành nghề thú y", "giấy chứng nhận cơ sở an toàn dịch bệnh động vật"])]),
        new("SYT", "Sở Y tế", [new("NVY", "Khám bệnh, chữa bệnh", ["giấy phép hành nghề khám bệnh, chữa bệnh", "giấy phép hoạt động phòng khám"]), new("NVD", "Dược phẩm", ["chứng chỉ hành nghề dược", "giấy chứng nhận đủ điều kiện kinh doanh dược"]), new("ATTP", "An toàn thực phẩm", ["giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm"])]),
        new("SGDDT", "Sở Giáo dục và Đào tạo", [new("GDTrH", "Giáo dục trung học", ["trường trung học phổ thông tư thục", "hoạt động giáo dục"]), new("KTQLCL", "Văn bằng, chứng chỉ", ["bản sao văn bằng, chứng chỉ", "công nhận văn bằng do cơ sở nước ngoài cấp"])]),
        new("SCT", "Sở Công Thương", [new("QLNL", "Điện", ["giấy phép hoạt động điện lực"]), new("QLTM", "Lưu thông hàng hóa", ["giấy phép bán lẻ rượu", "giấy phép kinh doanh sản phẩm thuốc lá", "cửa hàng xăng dầu"]), new("KTAT", "Hóa chất", ["giấy chứng nhận đủ điều kiện sản xuất hóa chất"])]),
        new("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", [new("QLVH", "Văn hóa", ["giấy phép tổ chức lễ hội", "giấy phép phổ biến phim"]), new("QLTT", "Thể thao", ["giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao"]), new("QLDL", "Du lịch", ["giấy phép kinh doanh dịch vụ lữ hành", "thẻ hướng dẫn viên du lịch"])]),
        new("SNV", "Sở Nội vụ", [new("VL", "Việc làm", ["giấy phép lao động cho người nước ngoài", "giấy phép hoạt động dịch vụ việc làm"]), new("NCC", "Người có công", ["trợ cấp người có công", "giấy chứng nhận thương binh"]), new("TCBM", "Tổ chức hành chính", ["hội, quỹ xã hội"])]),
        new("SKHCN", "Sở Khoa học và Công nghệ", [new("QLKH", "Khoa học và công nghệ", ["giấy chứng nhận doanh nghiệp khoa học và công nghệ", "giấy chứng nhận hoạt động khoa học và công nghệ"]), new("BCVT", "Xuất bản, in và phát hành", ["giấy phép hoạt động in", "giấy phép xuất bản bản tin"])]),
    ];

    private static readonly Office[] DistrictOffices =
    [
        new("PHONG-TUPHAP", "Hộ tịch", ["khai sinh có yếu tố nước ngoài", "kết hôn có yếu tố nước ngoài", "thay đổi, cải chính hộ tịch"]),
        new("PHONG-TNMT", "Đất đai", ["giấy chứng nhận quyền sử dụng đất", "chuyển mục đích sử dụng đất", "gia hạn sử dụng đất"]),
        new("PHONG-KTHT", "Hoạt động xây dựng", ["giấy phép xây dựng nhà ở riêng lẻ", "giấy phép sửa chữa, cải tạo công trình"]),
        new("PHONG-TCKH", "Thành lập và hoạt động của hộ kinh doanh", ["giấy chứng nhận đăng ký hộ kinh doanh", "hợp tác xã"]),
        new("PHONG-LDTBXH", "Bảo trợ xã hội", ["trợ cấp xã hội hằng tháng", "cơ sở trợ giúp xã hội"]),
        new("PHONG-GDDT", "Giáo dục và Đào tạo", ["trường mầm non tư thục", "hoạt động giáo dục tiểu học"]),
    ];

    private static readonly Office[] CommuneOffices =
    [
        new("TUPHAP", "Hộ tịch", ["khai sinh", "khai tử", "kết hôn", "nhận cha, mẹ, con", "giám hộ"]),
        new("TUPHAP", "Chứng thực", ["bản sao từ bản chính", "chữ ký", "hợp đồng, giao dịch"]),
        new("DIACHINH", "Đất đai", ["hòa giải tranh chấp đất đai", "đăng ký biến động đất đai"]),
        new("VHXH", "Bảo trợ xã hội", ["trợ cấp xã hội hằng tháng", "hỗ trợ chi phí mai táng"]),
    ];

    private static readonly string[] Actions = ["Cấp", "Cấp lại", "Cấp đổi", "Điều chỉnh", "Gia hạn", "Đăng ký", "Thu hồi", "Xác nhận", "Công nhận", "Thẩm định hồ sơ"];

    /// <summary>Legal time limits in working days and how often each is drawn; 0 stands for a half-day (same-day) procedure.</summary>
    private static readonly (int Days, int Weight)[] Limits = [(0, 3), (1, 8), (3, 10), (5, 18), (7, 10), (10, 15), (15, 15), (20, 11), (30, 10)];

    /// <summary>All 2,257 procedures for <paramref name="seed"/>, in level order (province, district, commune).</summary>
    public static IReadOnlyList<CorpusProcedure> Generate(int seed)
    {
        var random = new Random(seed);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var plans = new List<Plan>();
        foreach (var (level, count, interConnected) in Levels)
        {
            var linked = new HashSet<int>(Enumerable.Range(0, count).OrderBy(_ => random.Next()).Take(interConnected));
            for (var i = 0; i < count; i++)
            {
                plans.Add(Draw(random, level, i, linked.Contains(i), codes, names));
            }
        }

        // A district or commune procedure hands off to the level above (across levels, art. 19(7)); a province one to another department (same level, art. 19(6)).
        var result = new List<CorpusProcedure>(plans.Count);
        foreach (var plan in plans)
        {
            var target = plan.InterConnected ? Target(random, plan, plans) : null;
            result.Add(new CorpusProcedure(plan.DefinitionId, plan.Code, plan.Level, plan.AgencyCode, plan.InterConnected, plan.Steps.Count(s => s.Kind is null or "fee"), Write(plan, target)));
        }

        return result;
    }

    private sealed record Step(string Id, string Name, string Unit, string Role, int Weight, string? Kind = null, string? Extra = null, bool Examines = false)
    {
        public int Minutes { get; set; }
    }

    private sealed record Plan(string DefinitionId, string Code, string Name, string Level, string AgencyCode, string Sector, int LimitDays, bool InterConnected, List<Step> Steps, bool RejectBranch, bool Sla)
    {
        public int BudgetMinutes => LimitDays == 0 ? 4 * 60 : LimitDays * 8 * 60;

        public string TimeLimit => LimitDays == 0 ? "P0.5D" : $"P{LimitDays}D";
    }

    private static Plan Draw(Random random, string level, int index, bool interConnected, HashSet<string> codes, HashSet<string> names)
    {
        var (agency, desk, leader, clerk, office) = level switch
        {
            "province" => Province(random),
            "district" => Local(random, $"HUYEN-{1 + (index % SimulatedProvince.Districts):D2}", DistrictOffices),
            _ => Local(random, $"XA-{1 + (index % SimulatedProvince.Districts):D2}-{1 + (index / SimulatedProvince.Districts % 14):D2}", CommuneOffices),
        };
        var code = UniqueCode(random, level, codes);
        var name = UniqueName(random, office.Objects, names);
        var limit = DrawLimit(random);
        var steps = new List<Step> { new("Task_TiepNhan", "Tiếp nhận, kiểm tra hồ sơ", desk, "reception", 2) };
        if (random.NextDouble() < 0.3)
        {
            var amount = (random.Next(1, 40) * 25_000).ToString(CultureInfo.InvariantCulture);
            steps.Add(new("Task_ThuPhi", "Thu phí, lệ phí", desk, "accountant", 1, "fee", $"bpm:feeItems=\"LEPHI:{amount}:Lệ phí {SecurityElement.Escape(name.ToLowerInvariant())}\""));
        }

        var specialist = $"{agency}.{office.Unit}";
        var examinations = limit == 0 ? 1 : 1 + random.Next(limit >= 10 ? 3 : 2);
        string[] examinationNames = ["Thẩm định hồ sơ", "Kiểm tra thực tế, lập biên bản", "Tổng hợp, dự thảo kết quả"];
        for (var e = 0; e < examinations; e++)
        {
            steps.Add(new($"Task_ThamDinh{e + 1}", examinationNames[e], specialist, "specialist", 6, Examines: e == 0));
        }

        if (interConnected)
        {
            steps.Add(new("Task_LienThong", "Liên thông, lấy ý kiến cơ quan liên quan", specialist, "specialist", 5, "handoff"));
        }

        steps.Add(new("Task_PheDuyet", "Lãnh đạo xem xét, phê duyệt", leader, "leader", 2));
        if (limit > 0 && random.NextDouble() < 0.5)
        {
            steps.Add(new("Task_VanThu", "Vào sổ, đóng dấu, phát hành", clerk, "clerk", 1));
        }

        steps.Add(new("Task_TraKetQua", "Trả kết quả", desk, "reception", 1));
        var plan = new Plan($"QT_{Slug(agency)}_{code.Replace('.', '_')}", code, name, level, agency, office.Sector, limit, interConnected, steps, random.NextDouble() < 0.5, limit > 0 && random.NextDouble() < 0.4);
        Allot(plan);
        return plan;
    }

    private static (string Agency, string Desk, string Leader, string Clerk, Office Office) Province(Random random)
    {
        var department = Departments[random.Next(Departments.Length)];
        var office = department.Offices[random.Next(department.Offices.Length)];
        return (department.Code, $"TTPVHCC.QUAY-{department.Code}", $"{department.Code}.LANHDAO", $"{department.Code}.VANPHONG", office);
    }

    private static (string, string, string, string, Office) Local(Random random, string agency, Office[] offices) =>
        (agency, $"{agency}.MOTCUA", $"{agency}.LANHDAO", $"{agency}.VANPHONG", offices[random.Next(offices.Length)]);

    /// <summary>Nine tenths of the legal limit shared among the steps by weight, in half hours, none under half an hour; the rest is the margin agencies keep.</summary>
    private static void Allot(Plan plan)
    {
        var halfHours = plan.BudgetMinutes * 9 / 10 / 30;
        var weights = plan.Steps.Sum(s => s.Weight);
        foreach (var step in plan.Steps)
        {
            step.Minutes = Math.Max(1, halfHours * step.Weight / weights) * 30;
        }
    }

    private static int DrawLimit(Random random)
    {
        var pick = random.Next(Limits.Sum(l => l.Weight));
        foreach (var (days, weight) in Limits)
        {
            if ((pick -= weight) < 0)
            {
                return days;
            }
        }

        return Limits[^1].Days;
    }

    /// <summary>A code in the national catalogue's form (<c>1.001193</c>); the prefix marks the level as the catalogue's series do.</summary>
    private static string UniqueCode(Random random, string level, HashSet<string> codes)
    {
        var prefix = level switch { "province" => "1", "district" => "2", _ => "3" };
        while (true)
        {
            var code = $"{prefix}.{random.Next(1, 1_000_000):D6}";
            if (codes.Add(code))
            {
                return code;
            }
        }
    }

    private static string UniqueName(Random random, string[] objects, HashSet<string> names)
    {
        var name = $"{Actions[random.Next(Actions.Length)]} {objects[random.Next(objects.Length)]}";
        var unique = name;
        for (var n = 2; !names.Add(unique); n++)
        {
            unique = $"{name} (trường hợp {n})";
        }

        return unique;
    }

    private static Plan Target(Random random, Plan from, List<Plan> plans)
    {
        var level = from.Level switch { "commune" => "district", "district" => "province", _ => "province" };
        var candidates = plans.Where(p => p.Level == level && p.AgencyCode != from.AgencyCode && !p.InterConnected).ToList();
        return candidates[random.Next(candidates.Count)];
    }

    private static string Write(Plan plan, Plan? target)
    {
        var xml = new StringBuilder(8_192);
        xml.Append(CultureInfo.InvariantCulture, $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:bpm="urn:bpm-vn:bpmn:1.0" id="Definitions_{plan.DefinitionId}" targetNamespace="urn:bpm-vn:corpus">
              <bpmn:process id="{plan.DefinitionId}" name="{SecurityElement.Escape(plan.Name)}" isExecutable="true" bpm:procedureCode="{plan.Code}" bpm:timeLimit="{plan.TimeLimit}" bpm:level="{plan.Level}" bpm:decidingUnit="{plan.AgencyCode}" bpm:sector="{SecurityElement.Escape(plan.Sector)}">
                <bpmn:startEvent id="Start" name="Nộp hồ sơ" />

            """);
        var flows = new List<(string From, string To, string? Condition)>();
        var previous = "Start";
        foreach (var step in plan.Steps)
        {
            flows.Add((previous, step.Id, null));
            previous = step.Id;
            var element = step.Kind == "handoff" ? "serviceTask" : "userTask";
            var kind = step.Kind switch
            {
                "handoff" => $" bpm:kind=\"handoff\" bpm:targetLevel=\"{target!.Level}\" bpm:targetAgency=\"{target.AgencyCode}\" bpm:targetProcedure=\"{target.Code}\"",
                "fee" => $" bpm:kind=\"fee\" {step.Extra}",
                _ => "",
            };
            var outcomes = step.Examines && plan.RejectBranch ? " bpm:outcomes=\"approve,reject\"" : "";
            xml.Append(CultureInfo.InvariantCulture, $"""
                    <bpmn:{element} id="{step.Id}" name="{step.Name}" bpm:unit="{step.Unit}" bpm:role="{step.Role}" bpm:allowance="{Allowance(step.Minutes)}"{outcomes}{kind} />

                """);
            if (step.Examines && plan.Sla)
            {
                // Warns the leader when three quarters of the examination's allowance has gone (non-interrupting: the work goes on).
                xml.Append(CultureInfo.InvariantCulture, $"""
                        <bpmn:boundaryEvent id="Sla_{step.Id}" name="Sắp hết thời gian thẩm định" attachedToRef="{step.Id}" cancelActivity="false" bpm:kind="sla" bpm:escalateTo="{plan.Steps.First(s => s.Role == "leader").Unit}">
                          <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">{Allowance(Math.Max(30, step.Minutes * 3 / 4 / 30 * 30))}</bpmn:timeDuration></bpmn:timerEventDefinition>
                        </bpmn:boundaryEvent>
                        <bpmn:sendTask id="Notify_Sla_{step.Id}" name="Cảnh báo lãnh đạo: sắp quá hạn thẩm định" bpm:kind="notify" bpm:channel="portal" bpm:template="canh-bao-sap-qua-han" />
                        <bpmn:endEvent id="End_Sla_{step.Id}" name="Đã cảnh báo" />

                    """);
                flows.Add(($"Sla_{step.Id}", $"Notify_Sla_{step.Id}", null));
                flows.Add(($"Notify_Sla_{step.Id}", $"End_Sla_{step.Id}", null));
            }

            if (step.Examines && plan.RejectBranch)
            {
                xml.Append(CultureInfo.InvariantCulture, $"""
                        <bpmn:exclusiveGateway id="Gateway_KetQuaThamDinh" name="Đủ điều kiện?" default="Flow_DuDieuKien" />
                        <bpmn:serviceTask id="Task_TuChoi" name="Lập văn bản từ chối giải quyết" bpm:kind="document" bpm:template="mau-03-tu-choi" />
                        <bpmn:endEvent id="End_TuChoi" name="Từ chối giải quyết" />

                    """);
                flows.Add((step.Id, "Gateway_KetQuaThamDinh", null));
                flows.Add(("Gateway_KetQuaThamDinh", "Task_TuChoi", "outcome == \"reject\""));
                flows.Add(("Task_TuChoi", "End_TuChoi", null));
                previous = "Gateway_KetQuaThamDinh";
            }
        }

        xml.Append("    <bpmn:endEvent id=\"End\" name=\"Đã trả kết quả\" />\n");
        flows.Add((previous, "End", null));
        var n = 0;
        foreach (var (from, to, condition) in flows)
        {
            var id = from == "Gateway_KetQuaThamDinh" && condition is null ? "Flow_DuDieuKien" : "Flow_" + (++n).ToString(CultureInfo.InvariantCulture);
            xml.Append(condition is null
                ? $"    <bpmn:sequenceFlow id=\"{id}\" sourceRef=\"{from}\" targetRef=\"{to}\" />\n"
                : $"    <bpmn:sequenceFlow id=\"{id}\" sourceRef=\"{from}\" targetRef=\"{to}\"><bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">{SecurityElement.Escape(condition)}</bpmn:conditionExpression></bpmn:sequenceFlow>\n");
        }

        xml.Append("  </bpmn:process>\n</bpmn:definitions>\n");
        return xml.ToString();
    }

    /// <summary>Whole and half days as days, the rest in hours and minutes (a working day is 8 hours).</summary>
    private static string Allowance(int minutes) =>
        minutes % 240 == 0 ? $"P{(minutes / 480m).ToString(CultureInfo.InvariantCulture)}D"
        : minutes % 60 == 0 ? $"PT{minutes / 60}H"
        : minutes > 60 ? $"PT{minutes / 60}H{minutes % 60}M" : $"PT{minutes}M";

    private static string Slug(string agency) => agency.Replace('-', '_');
}
