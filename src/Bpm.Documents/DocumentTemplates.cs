namespace Bpm.Documents;

/// <summary>File names of the templates Bpm ships in <c>workflows/templates</c>.</summary>
public static class DocumentTemplates
{
    /// <summary>Form 01, model <see cref="ReceiptSlip"/>.</summary>
    public const string ReceiptSlip = "mau-01-tiep-nhan-hen-tra.html.scriban";

    /// <summary>Form 02, model <see cref="SupplementRequest"/>.</summary>
    public const string SupplementRequest = "mau-02-bo-sung.html.scriban";

    /// <summary>Form 03, model <see cref="RefusalNotice"/>.</summary>
    public const string RefusalNotice = "mau-03-tu-choi.html.scriban";

    /// <summary>Form 04, model <see cref="ApologyLetter"/>.</summary>
    public const string ApologyLetter = "mau-04-xin-loi-hen-lai.html.scriban";

    /// <summary>Form 05, model <see cref="ControlSlip"/>.</summary>
    public const string ControlSlip = "mau-05-phieu-kiem-soat.html.scriban";

    /// <summary>Form 06, model <see cref="TrackingBook"/>.</summary>
    public const string TrackingBook = "mau-06-so-theo-doi.html.scriban";
}
