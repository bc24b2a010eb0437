namespace Bpm.Persistence;

/// <summary>EF Core's provider names, for the few writes that take a PostgreSQL-only form.</summary>
internal static class ProviderNames
{
    public const string Npgsql = "Npgsql.EntityFrameworkCore.PostgreSQL";
}
