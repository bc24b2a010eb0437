namespace Bpm.Dossiers.Dossiers;

/// <summary>A dossier handed in at a one-stop unit (Decree 61/2018/NĐ-CP art. 16–17), as read from the request.</summary>
/// <param name="CompetentAgency">The agency that handles the dossier (<c>XA-PHUONGLAM</c>) when it is received at another desk of the province (<see cref="ReceptionRouting"/>); null to let the catalogue say.</param>
public sealed record ReceptionRequest(
    string? ProcedureCode,
    ApplicantInput? Applicant,
    IReadOnlyList<PaperInput>? Papers,
    string? Channel,
    string? ResultDelivery,
    string? Notes,
    string? CompetentAgency = null);

/// <param name="Kind">person or organisation.</param>
/// <param name="NotifyBy">The channels the applicant wants notices on (<see cref="NoticeChannels"/>); empty for none, null when not said.</param>
public sealed record ApplicantInput(
    string? Kind,
    string? FullName,
    string? IdentityNumber,
    string? Phone,
    string? Email,
    string? Address,
    string? OrganisationName,
    string? TaxCode,
    IReadOnlyList<string>? NotifyBy = null);

/// <summary>A paper received, by its catalogue id, how many, and in which form.</summary>
/// <param name="Form">What was handed in: <c>original</c>, <c>copy</c> or <c>certifiedCopy</c> (<see cref="PaperForms"/>); null for what the catalogue asks.</param>
/// <param name="Scans">Pending scans of this paper uploaded at the desk before reception (their file ids), attached in the reception's transaction.</param>
public sealed record PaperInput(string? Id, int? Count, string? Form = null, IReadOnlyList<string>? Scans = null);

public static class Channels
{
    public const string Desk = "desk";
    public const string Online = "online";
    public const string Post = "post";

    public static readonly IReadOnlyList<string> Reception = [Desk, Online, Post];

    public static readonly IReadOnlyList<string> ResultDelivery = [Desk, Post];
}

/// <summary>The ways an applicant may choose to be told about their dossier (docs/notifications.md).</summary>
public static class NoticeChannels
{
    public const string Sms = "sms";
    public const string Zalo = "zalo";
    public const string Email = "email";

    public static readonly IReadOnlyList<string> All = [Sms, Zalo, Email];

    /// <summary>As stored with the dossier: the chosen channels comma-separated, empty for none, null when the applicant did not say.</summary>
    public static string? Stored(IReadOnlyList<string>? chosen) => chosen is null ? null : string.Join(',', chosen.Distinct());

    /// <summary>The chosen channels of <see cref="Stored"/> text; null when the applicant did not say.</summary>
    public static IReadOnlyList<string>? Parse(string? stored) => stored?.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
