using System.Globalization;
using Bpm.Dossiers.Catalog;
using Bpm.Engine.Calendar;
using Bpm.Reports.Simulation;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Cli;

/// <summary>
/// <c>bpm simulate province --scale S --seed N [--structure three-level|two-level] [--steps-per-transaction K] [--parallel N]</c>: the province's
/// dossiers (2019–2021 with districts, or 1 July 2025 – 30 June 2026 with two levels) through the
/// engine into the database given, on a simulated clock (docs/reports.md). The database must be
/// migrated and hold no dossier yet, so that the report over it is the simulation's alone.
/// </summary>
internal static class SimulateCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length > 0 && args[0] == "whatif")
        {
            return WhatIfCommand.Run(args.AsSpan(1), stdout, stderr);
        }

        if (args.Length == 0 || args[0] != "province")
        {
            throw new UsageException(args.Length == 0 ? "simulate needs province --scale S --seed N, or whatif --definition ID --candidate FILE" : $"unknown simulation '{args[0]}': use 'simulate province' or 'simulate whatif'");
        }

        var parsed = Arguments.Parse(args.AsSpan(1), ["--scale", "--seed", "--structure", "--steps-per-transaction", "--parallel"]);
        if (parsed.Positional.Count > 0)
        {
            throw new UsageException($"simulate province: unexpected argument '{parsed.Positional[0]}'");
        }

        var scaleText = parsed.Required("--scale", "simulate province");
        if (!decimal.TryParse(scaleText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var scale) || scale <= 0 || scale > 1)
        {
            throw new UsageException($"--scale '{scaleText}' must be a number greater than 0 and at most 1 (e.g. 0.01)");
        }

        var seed = parsed.Int("--seed") ?? throw new UsageException("simulate province needs --seed");
        var structureName = parsed["--structure"] ?? ProvinceStructure.ThreeLevelName;
        if (structureName is not (ProvinceStructure.ThreeLevelName or ProvinceStructure.TwoLevelName))
        {
            throw new UsageException($"--structure '{structureName}' is unknown: use {ProvinceStructure.ThreeLevelName} (2019–2021, with districts) or {ProvinceStructure.TwoLevelName} (from 1 July 2025)");
        }

        var stepsPerTransaction = parsed.Int("--steps-per-transaction") ?? 2000;
        if (stepsPerTransaction < 1)
        {
            throw new UsageException($"--steps-per-transaction '{stepsPerTransaction}' must be at least 1 (1 commits every step on its own)");
        }

        var parallel = parsed.Int("--parallel") ?? Environment.ProcessorCount;
        if (parallel < 1)
        {
            throw new UsageException($"--parallel '{parallel}' must be at least 1 (the number of connections that run the province's desks)");
        }

        var root = RepositoryRoot.Find();
        var catalogue = CatalogFile.Load(Path.Combine(root, "workflows", "catalog", "procedures.json"));
        if (!catalogue.IsValid)
        {
            stderr.WriteLine($"bpm: workflows/catalog/procedures.json: {catalogue.Errors[0].Message}");
            return Cli.Failed;
        }

        var calendar = VietnameseWorkingCalendar.Load(root);
        var structure = structureName == ProvinceStructure.TwoLevelName ? ProvinceStructure.TwoLevel(catalogue.Procedures) : ProvinceStructure.ThreeLevel;
        using (var db = Database.Open(parsed))
        {
            db.Database.Migrate();
            if (db.Dossiers.Any())
            {
                stderr.WriteLine("bpm: the database already holds dossiers; simulate into an empty database so that its report is the simulation's alone");
                return Cli.Failed;
            }
        }

        var simulator = new ProvinceSimulator(() => Database.Open(parsed), calendar, catalogue.Procedures, scale, seed, structure, stderr)
        {
            StepsPerTransaction = stepsPerTransaction,
            Parallel = parallel,
        };
        var result = simulator.RunAsync().GetAwaiter().GetResult();
        foreach (var (level, count) in result.Arrivals)
        {
            stdout.WriteLine($"{level}: {count} dossiers received");
        }

        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.Steps} steps through the engine; run 'bpm report onestop --from {structure.From:yyyy-MM-dd} --to {structure.To:yyyy-MM-dd}' for the report"));
        return Cli.Ok;
    }
}
