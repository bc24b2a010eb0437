using Bpm.Dossiers.Catalog;

namespace Bpm.Dossiers.Dossiers;

/// <summary>
/// Which form of a paper was handed in (bản chính, bản sao, bản sao có chứng thực) against what the
/// catalogue asks. A stronger form stands in for a weaker one (an original where a certified copy
/// is asked, since the desk certifies against it; either where any copy will do), never the
/// reverse: a plain copy is not a certified one, and nothing replaces an original.
/// </summary>
public static class PaperForms
{
    /// <summary>The names the API takes, as the catalogue files spell them.</summary>
    public static readonly IReadOnlyList<PaperForm> HandedIn = [PaperForm.Original, PaperForm.CertifiedCopy, PaperForm.Copy];

    /// <summary>The forms the desk may record for a paper the catalogue asks in <paramref name="asked"/>, strongest first.</summary>
    public static IReadOnlyList<PaperForm> Accepted(PaperForm asked) => asked switch
    {
        PaperForm.Original => [PaperForm.Original],
        PaperForm.CertifiedCopy => [PaperForm.Original, PaperForm.CertifiedCopy],
        _ => HandedIn,
    };

    /// <summary>The stored form name when the request names none: what the catalogue asks (<c>originalOrCopy</c>: not said which).</summary>
    public static string Default(PaperForm asked) => CatalogNames.Name(asked);

    /// <summary>The form in Vietnamese as the forms print it ("bản chính"), from a stored name; null for a name that is none.</summary>
    public static string? Words(string? stored) =>
        stored is not null && CatalogNames.TryParse<PaperForm>(stored, out var form) ? Words(form) : null;

    public static string Words(PaperForm form) => form switch
    {
        PaperForm.Original => "bản chính",
        PaperForm.Copy => "bản sao",
        PaperForm.CertifiedCopy => "bản sao có chứng thực",
        _ => "bản chính hoặc bản sao",
    };
}
