namespace Bpm.Dossiers.Catalog;

/// <summary>A procedure as a list shows it.</summary>
public sealed record ProcedureSummary(string Code, string Name, string Sector, IReadOnlyList<ProcedureLevel> Levels, TimeLimit? TimeLimit, OnlineLevel? OnlineLevel);

/// <summary>One page of a catalogue search and how many procedures match in all.</summary>
public sealed record ProcedurePage(IReadOnlyList<ProcedureSummary> Items, int Total);
