using System.Security.Cryptography;
using System.Text;
using Bpm.Documents.Signing;

namespace Bpm.Documents;

/// <summary>
/// Issues a form for a unit: renders it (with the unit's template override if any), signs the exact
/// bytes with the unit's certificate, and keeps both, so that a paper can be verified later.
/// </summary>
/// <param name="renderer">Renders the templates.</param>
/// <param name="signer">Signs as a unit.</param>
/// <param name="store">Keeps issued documents.</param>
public sealed class FormIssuer(DocumentRenderer renderer, DocumentSigner signer, IIssuedDocumentStore store)
{
    /// <summary>The renderer forms are issued with: an agency's edit of a template is tried on it before it is stored.</summary>
    public DocumentRenderer Renderer => renderer;

    /// <summary>Form numbers, their templates and the model each takes.</summary>
    public static IReadOnlyDictionary<string, (string Template, Type Model)> Forms { get; } = new Dictionary<string, (string, Type)>(StringComparer.Ordinal)
    {
        ["01"] = (DocumentTemplates.ReceiptSlip, typeof(ReceiptSlip)),
        ["02"] = (DocumentTemplates.SupplementRequest, typeof(SupplementRequest)),
        ["03"] = (DocumentTemplates.RefusalNotice, typeof(RefusalNotice)),
        ["04"] = (DocumentTemplates.ApologyLetter, typeof(ApologyLetter)),
        ["05"] = (DocumentTemplates.ControlSlip, typeof(ControlSlip)),
        ["06"] = (DocumentTemplates.TrackingBook, typeof(TrackingBook)),
    };

    /// <summary>Renders, signs and keeps form <paramref name="formNumber"/>.</summary>
    /// <param name="formNumber">"01"…"06".</param>
    /// <param name="model">The form's model; its type must be the one the form takes.</param>
    /// <param name="unitCode">Issuing unit: picks the template override and the certificate.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The issued document: HTML bytes, SHA-256 and detached signature.</returns>
    /// <exception cref="ArgumentException">Unknown form number, or a model of another form.</exception>
    /// <exception cref="DocumentException">The template fails.</exception>
    /// <exception cref="SigningException">The unit cannot sign.</exception>
    public async Task<IssuedDocument> IssueAsync(string formNumber, IFormModel model, string unitCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!Forms.TryGetValue(formNumber, out var form))
            throw new ArgumentException($"form '{formNumber}' does not exist; forms are {string.Join(", ", Forms.Keys)}", nameof(formNumber));
        if (model.GetType() != form.Model)
            throw new ArgumentException($"form {formNumber} takes a {form.Model.Name}, not a {model.GetType().Name}", nameof(model));

        var content = Encoding.UTF8.GetBytes(renderer.Render(form.Template, (object)model, unitCode));
        var (signature, signedAt, certificate) = signer.Sign(content, unitCode, model.Agency.Name);
        var issued = new IssuedDocument(
            Guid.CreateVersion7(signedAt),
            formNumber,
            unitCode,
            DossierCodeOf(model),
            "text/html; charset=utf-8",
            content,
            Convert.ToHexStringLower(SHA256.HashData(content)),
            signature,
            signedAt,
            certificate.Subject,
            certificate.Thumbprint,
            UnitCertificates.IsDevelopment(certificate));
        await store.SaveAsync(issued, cancellationToken);
        return issued;
    }

    private static string DossierCodeOf(IFormModel model) => model switch
    {
        ReceiptSlip m => m.DossierCode,
        SupplementRequest m => m.DossierCode,
        RefusalNotice m => m.DossierCode,
        ApologyLetter m => m.DossierCode,
        ControlSlip m => m.DossierCode,
        _ => "",
    };
}
