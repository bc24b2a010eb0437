using System.Globalization;
using System.Security;
using Bpm.Dossiers.Catalog;
using Bpm.Dossiers.Codes;

namespace Bpm.Reports.Simulation;

/// <summary>A one-stop desk of the simulated province and the units that decide what it receives.</summary>
/// <param name="Agency">The agency code, the first part of its units' codes (<c>XA-03-07</c>).</param>
/// <param name="Staff">The desk's one-stop officers, by user name.</param>
public sealed record SimulatedDesk(string Level, string Agency, string Desk, UnitIdentifier Identifier, string Specialists, string Leaders, IReadOnlyList<string> Staff);

/// <summary>
/// The province of 2019–2021 (before the two-level structure of 1 July 2025): the provincial public
/// administration service centre, 11 districts and 159 communes, with the one-stop staff the report
/// counts (122 at districts, 967 at communes; the centre's are not in the report: 40 assumed).
/// <see cref="BuildTwoLevel"/> is the same province from 1 July 2025: the centre and 58 communes.
/// </summary>
public sealed class SimulatedProvince
{
    public const int Districts = 11;
    public const int Communes = 159;

    /// <summary>
    /// The province's communes after the 2025 rearrangement: Bình Định's plan, adopted by its
    /// People's Council on 28/04/2025, merged its communes, wards and towns into 58 (41 communes,
    /// 17 wards) — reported by the press, not read in the resolution itself.
    /// </summary>
    public const int TwoLevelCommunes = 58;

    private const int DistrictStaff = 122;
    private const int CommuneStaff = 967;
    private const int CentreStaff = 40;

    private SimulatedProvince(IReadOnlyList<SimulatedDesk> desks) => Desks = desks;

    public IReadOnlyList<SimulatedDesk> Desks { get; }

    public IEnumerable<SimulatedDesk> At(string level) => Desks.Where(d => d.Level == level);

    public static SimulatedProvince Build()
    {
        var desks = new List<SimulatedDesk> { Desk("province", "TTHCC", "000.00.00.H08", CentreStaff, specialists: "SO-CHUYENNGANH") };
        var commune = 0;
        for (var d = 1; d <= Districts; d++)
        {
            var district = $"HUYEN-{d:D2}";
            desks.Add(Desk("district", district, $"000.00.{d:D2}.H08", Share(DistrictStaff, Districts, d - 1)));

            // 159 communes over 11 districts: the first five have 15, the others 14.
            var communes = (Communes / Districts) + (d <= Communes % Districts ? 1 : 0);
            for (var c = 1; c <= communes; c++, commune++)
            {
                desks.Add(Desk("commune", $"XA-{d:D2}-{c:D2}", $"000.{c:D2}.{d:D2}.H08", Share(CommuneStaff, Communes, commune)));
            }
        }

        return new SimulatedProvince(desks);
    }

    /// <summary>
    /// The province from 1 July 2025: the centre and <see cref="TwoLevelCommunes"/> communes, no
    /// district. Assumed: the districts' and communes' one-stop staff (122 + 967) serve the new
    /// communes' centres, shared evenly, and the province's centre keeps its 40.
    /// </summary>
    public static SimulatedProvince BuildTwoLevel()
    {
        var desks = new List<SimulatedDesk> { Desk("province", "TTHCC", "000.00.00.H08", CentreStaff, specialists: "SO-CHUYENNGANH") };
        for (var c = 1; c <= TwoLevelCommunes; c++)
        {
            desks.Add(Desk("commune", $"XA-{c:D2}", $"000.{c:D2}.00.H08", Share(DistrictStaff + CommuneStaff, TwoLevelCommunes, c - 1)));
        }

        return new SimulatedProvince(desks);
    }

    /// <summary>
    /// The catalogue the simulation imports: the procedures of <paramref name="models"/> from the
    /// real catalogue, each received at every desk of the levels that handle it.
    /// </summary>
    public IReadOnlyList<Procedure> Catalogue(IReadOnlyList<Procedure> catalogue, IReadOnlyList<LevelModel> models) =>
        [.. models.SelectMany(m => m.FullyOnline.Concat(m.Other).Select(code => (m.Level, Code: code)))
            .Distinct()
            .GroupBy(p => p.Code, StringComparer.Ordinal)
            .Select(p =>
            {
                var procedure = catalogue.FirstOrDefault(c => c.Code == p.Key)
                    ?? throw new InvalidOperationException($"the simulation's procedure {p.Key} is not in the catalogue");
                return procedure with
                {
                    Levels = [.. p.Select(l => new ProcedureLevel
                    {
                        Level = Enum.Parse<AdministrativeLevel>(l.Level, ignoreCase: true),
                        Agency = procedure.Levels.FirstOrDefault(c => c.Level.ToString().Equals(l.Level, StringComparison.OrdinalIgnoreCase))?.Agency ?? l.Level,
                        ReceivingUnits = [.. At(l.Level).Select(d => d.Desk)],
                    })],
                };
            })];

    /// <summary>
    /// The internal procedure of <paramref name="procedure"/> at <paramref name="desk"/>: reception,
    /// the specialist's examination, the leader's decision, return at the desk, within the legal
    /// time limit (<c>bpm:timeLimit</c> in working days).
    /// </summary>
    public static (string DefinitionId, string Xml) Definition(SimulatedDesk desk, Procedure procedure)
    {
        var limit = procedure.TimeLimit is { Unit: TimeLimitUnit.WorkingDays } t
            ? t.Value
            : throw new InvalidOperationException($"the simulation's procedure {procedure.Code} needs a time limit in working days");
        var id = $"Sim_{desk.Agency.Replace('-', '_')}_{procedure.Code.Replace('.', '_')}";
        var days = limit.ToString(CultureInfo.InvariantCulture);
        var name = SecurityElement.Escape(procedure.Name);
        var sector = SecurityElement.Escape(procedure.Sector);
        var decider = desk.Level == "province" ? desk.Specialists.Split('.')[0] : desk.Agency;
        var xml = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpm="urn:bpm-vn:bpmn:1.0" id="Definitions_{id}" targetNamespace="urn:bpm-vn:simulation">
              <bpmn:process id="{id}" name="{name} ({desk.Agency})" isExecutable="true" bpm:procedureCode="{procedure.Code}" bpm:timeLimit="P{days}D" bpm:level="{desk.Level}" bpm:decidingUnit="{decider}" bpm:sector="{sector}">
                <bpmn:startEvent id="Start"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
                <bpmn:userTask id="Task_TiepNhan" name="Tiếp nhận hồ sơ" bpm:unit="{desk.Desk}" bpm:role="reception"><bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing></bpmn:userTask>
                <bpmn:userTask id="Task_ThamDinh" name="Thẩm định hồ sơ" bpm:unit="{desk.Specialists}" bpm:role="specialist"><bpmn:incoming>F2</bpmn:incoming><bpmn:outgoing>F3</bpmn:outgoing></bpmn:userTask>
                <bpmn:userTask id="Task_PheDuyet" name="Lãnh đạo phê duyệt" bpm:unit="{desk.Leaders}" bpm:role="leader"><bpmn:incoming>F3</bpmn:incoming><bpmn:outgoing>F4</bpmn:outgoing></bpmn:userTask>
                <bpmn:userTask id="Task_TraKetQua" name="Trả kết quả" bpm:unit="{desk.Desk}" bpm:role="reception"><bpmn:incoming>F4</bpmn:incoming><bpmn:outgoing>F5</bpmn:outgoing></bpmn:userTask>
                <bpmn:endEvent id="End"><bpmn:incoming>F5</bpmn:incoming></bpmn:endEvent>
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task_TiepNhan" />
                <bpmn:sequenceFlow id="F2" sourceRef="Task_TiepNhan" targetRef="Task_ThamDinh" />
                <bpmn:sequenceFlow id="F3" sourceRef="Task_ThamDinh" targetRef="Task_PheDuyet" />
                <bpmn:sequenceFlow id="F4" sourceRef="Task_PheDuyet" targetRef="Task_TraKetQua" />
                <bpmn:sequenceFlow id="F5" sourceRef="Task_TraKetQua" targetRef="End" />
              </bpmn:process>
            </bpmn:definitions>
            """;
        return (id, xml);
    }

    private static SimulatedDesk Desk(string level, string agency, string identifier, int staff, string? specialists = null)
    {
        var expert = specialists ?? agency;
        var specialistUnit = level switch { "province" => $"{expert}.CHUYENVIEN", "district" => $"{agency}.CHUYENMON", _ => $"{agency}.CONGCHUC" };
        return new SimulatedDesk(level, agency, $"{agency}.MOTCUA", UnitIdentifier.Parse(identifier), specialistUnit, $"{expert}.LANHDAO",
            [.. Enumerable.Range(1, staff).Select(i => $"{agency.ToLowerInvariant()}.motcua.{i:D2}")]);
    }

    /// <summary>The staff of the unit at <paramref name="index"/> when <paramref name="total"/> are shared as evenly as possible among <paramref name="units"/>.</summary>
    private static int Share(int total, int units, int index) => (total / units) + (index < total % units ? 1 : 0);
}
