namespace Bpm.Server.Features.Integration;

/// <summary>
/// <c>Bpm:Integration</c>: which adapter talks to the national portal and to the population
/// database (docs/integration.md). Both are <c>file</c> until set otherwise, so nothing leaves the machine by accident.
/// </summary>
public sealed class IntegrationOptions
{
    public const string Section = "Bpm:Integration";

    public PortalOptions Portal { get; set; } = new();

    public PopulationOptions Population { get; set; } = new();

    public sealed class PortalOptions
    {
        /// <summary><c>file</c> (default) or <c>http</c>.</summary>
        public string Transport { get; set; } = "file";

        /// <summary>The file adapter's JSON-lines file, under the data folder when relative.</summary>
        public string File { get; set; } = Path.Combine("integration", "national-portal.jsonl");

        /// <summary>The status and procedure code mapping, under the repository root when relative.</summary>
        public string Mapping { get; set; } = Path.Combine("workflows", "integration", "national-portal.json");

        public Uri? BaseAddress { get; set; }

        public string? Token { get; set; }

        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

        /// <summary>The background pass that tells the portal each committed status; off on a host that should not call.</summary>
        public bool SyncEnabled { get; set; } = true;

        public TimeSpan SyncInterval { get; set; } = TimeSpan.FromSeconds(15);
    }

    public sealed class PopulationOptions
    {
        /// <summary><c>file</c> (default) or <c>http</c>.</summary>
        public string Transport { get; set; } = "file";

        /// <summary>The file adapter's people (fictitious in the shipped sample), under the repository root when relative.</summary>
        public string File { get; set; } = Path.Combine("workflows", "integration", "population-sample.json");

        public Uri? BaseAddress { get; set; }

        public string? Token { get; set; }

        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
    }
}
