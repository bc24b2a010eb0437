using Bpm.Dossiers.Catalog;

namespace Bpm.Dossiers.Dossiers;

/// <summary>
/// Reception regardless of administrative boundaries (Decision 468/QĐ-TTg's target; Decree
/// 118/2025/NĐ-CP as reported: a province's and its communes' procedures are received at any
/// one-stop desk of the province). A desk listed in the procedure's <c>receivingUnits</c> receives
/// for its own agency, as before. Any other desk of the province receives a commune- or
/// province-level procedure <b>for the competent agency</b>: the one the request names, else the
/// only agency whose desks the catalogue lists. The dossier's code is the receiving desk's, its
/// instance runs the competent agency's process, and the receiving desk does the desk's steps and
/// returns the result. District-level procedures (until 30 June 2025) are not routed.
/// </summary>
public static class ReceptionRouting
{
    /// <summary>Where the dossier is handled: its own agency (not routed), or the competent agency it is routed to.</summary>
    public sealed record Decision(string Agency, bool Routed);

    /// <returns>The decision, or null with <paramref name="error"/> (field <c>procedureCode</c> or <c>competentAgency</c>) saying why not.</returns>
    public static Decision? Decide(Procedure procedure, string receivingUnit, string? competentAgency, DateOnly today, out (string Field, string Message)? error)
    {
        error = null;
        var own = AgencyOf(receivingUnit);
        var levels = procedure.Levels.Where(l => (l.ValidFrom is null || l.ValidFrom <= today) && (l.ValidTo is null || today <= l.ValidTo)).ToList();
        var wanted = string.IsNullOrWhiteSpace(competentAgency) ? null : competentAgency.Trim();
        if (levels.Any(l => l.ReceivingUnits.Contains(receivingUnit)) && (wanted is null || wanted == own))
        {
            return new Decision(own, Routed: false);
        }

        if (!levels.Any(l => l.Level is AdministrativeLevel.Commune or AdministrativeLevel.Province))
        {
            error = ("procedureCode", $"Thủ tục {procedure.Code} không được tiếp nhận tại đơn vị {receivingUnit}.");
            return null;
        }

        var listed = levels.SelectMany(l => l.ReceivingUnits).Select(AgencyOf).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var agency = wanted ?? (listed.Count == 1 ? listed[0] : null);
        if (agency is null)
        {
            error = ("competentAgency", listed.Count == 0
                ? $"Thủ tục {procedure.Code} do cơ quan khác giải quyết: hãy ghi cơ quan có thẩm quyền (competentAgency) để chuyển hồ sơ đến."
                : $"Thủ tục {procedure.Code} do nhiều cơ quan giải quyết: hãy ghi competentAgency là một trong: {string.Join(", ", listed)}.");
            return null;
        }

        return new Decision(agency, Routed: agency != own);
    }

    /// <summary>The agency of a unit code: its first part (<c>XA-PHUONGLAM</c> of <c>XA-PHUONGLAM.MOTCUA</c>).</summary>
    public static string AgencyOf(string unit) => unit.Split('.')[0];
}
