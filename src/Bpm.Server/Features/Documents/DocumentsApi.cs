using Bpm.Documents;
using Bpm.Documents.Signing;
using Bpm.Documents.Templates;
using Bpm.Persistence;
using Bpm.Server.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Features.Documents;

/// <summary>Issued forms: signing services for the dossier features, and the public verification endpoint.</summary>
public static class DocumentsApi
{
    /// <summary>
    /// Signing (<c>Bpm:Signing</c>), issued documents under <c>{data}/issued</c>, and templates with
    /// per-unit overrides (in memory, then the <c>template_overrides</c> table, then <c>{data}/templates/{unitCode}/</c>,
    /// then <c>workflows/templates</c>).
    /// </summary>
    public static void AddBpmDocuments(this WebApplicationBuilder builder, BpmPaths paths)
    {
        var signing = builder.Configuration.GetSection("Bpm:Signing").Get<SigningOptions>() ?? new SigningOptions();
        if (signing.DataFolder.Length == 0)
        {
            signing.DataFolder = paths.DataPath;
        }

        var services = builder.Services;
        services.AddSingleton(signing);
        services.AddSingleton<UnitCertificates>();
        services.AddSingleton<DocumentSigner>();
        services.AddSingleton(sp => new DocumentVerifier(sp.GetRequiredService<UnitCertificates>()));
        services.AddSingleton<IIssuedDocumentStore>(new FileIssuedDocumentStore(Path.Combine(paths.DataPath, "issued")));
        services.AddSingleton<InMemoryTemplateOverrides>();
        services.AddSingleton(sp => new DatabaseTemplateOverrides(sp.GetRequiredService<DbContextOptions<BpmDbContext>>(), sp.GetRequiredService<TimeProvider>()));
        // One source for the forms and the notices, so a unit's override of either is found the same way.
        services.AddSingleton(sp => new TemplateSource(
            Path.Combine(paths.RepositoryRoot, "workflows", "templates"),
            sp.GetRequiredService<InMemoryTemplateOverrides>(),
            sp.GetRequiredService<DatabaseTemplateOverrides>(),
            new FolderTemplateOverrides(Path.Combine(paths.DataPath, "templates"))));
        services.AddSingleton(sp => new FormIssuer(
            new DocumentRenderer(sp.GetRequiredService<TemplateSource>(), qr: new DossierQrCode(builder.Configuration["Bpm:Documents:PublicLookupUrl"])),
            sp.GetRequiredService<DocumentSigner>(),
            sp.GetRequiredService<IIssuedDocumentStore>()));
    }

    public static IEndpointRouteBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        // Anonymous on purpose: whoever holds a paper (a citizen, another agency) may check it.
        app.MapPost("/api/v1/documents/verify", VerifyDocument.HandleAsync)
            .WithTags("Văn bản")
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(VerifyDocument.MaxRequestBytes))
            .WithSummary("Kiểm tra một văn bản đã cấp: tệp và chữ ký số (multipart hoặc JSON base64)");
        return app;
    }
}
