using Bpm.Dossiers.Catalog;
using Bpm.Server.Hosting;

namespace Bpm.Server.Features.Catalog;

/// <summary>
/// A first start imports <c>workflows/catalog/procedures.json</c> when the catalogue is empty
/// (<c>Bpm:ImportCatalog</c>, default true); later imports are <c>bpm catalog import</c>'s.
/// </summary>
internal static class CatalogSeed
{
    public static async Task ImportAsync(ProcedureCatalog catalog, BpmPaths paths, IConfiguration configuration, ILogger logger, CancellationToken cancellationToken)
    {
        var file = Path.Combine(paths.RepositoryRoot, "workflows", "catalog", "procedures.json");
        if (!configuration.GetValue("Bpm:ImportCatalog", true) || await catalog.AnyAsync(cancellationToken))
        {
            return;
        }

        if (!File.Exists(file))
        {
            logger.LogWarning("No procedure catalogue at {Path}; the catalogue stays empty", file);
            return;
        }

        var loaded = JsonCatalogReader.Read(await File.ReadAllTextAsync(file, cancellationToken));
        if (!loaded.IsValid)
        {
            logger.LogWarning("Procedure catalogue {Path} has {Count} error(s) and is not imported; first: {Error}", file, loaded.Errors.Count, loaded.Errors[0]);
            return;
        }

        var import = await catalog.ImportAsync(loaded.Procedures, cancellationToken);
        logger.LogInformation("Imported {Count} procedures from {Path}", import.Total, file);
    }
}
