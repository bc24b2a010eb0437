using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Bpm.Dossiers.Catalog;
using Bpm.Dossiers.Codes;
using Bpm.Dossiers.Dossiers;
using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Cli;

/// <summary>
/// <c>bpm dossiers receive FILE --unit UNIT --unit-identifier ID [--key KEY] [--by USER] | show CODE | list [--status S] [--q TEXT] | export --format csv</c>:
/// reception and reads for scripts, through the same <see cref="DossierReception"/> as the API.
/// </summary>
internal static class DossiersCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0)
        {
            throw new UsageException("dossiers needs receive FILE --unit UNIT --unit-identifier ID, show CODE or list [--status S] [--q TEXT]");
        }

        var parsed = Arguments.Parse(args.AsSpan(1), ["--unit", "--unit-identifier", "--key", "--by", "--status", "--q", "--format", "--output"]);
        return args[0] switch
        {
            "receive" => Receive(parsed, stdout, stderr),
            "show" => Show(parsed, stdout, stderr),
            "list" => List(parsed, stdout),
            "export" => DossierExportCommand.Run(parsed, stdout, stderr),
            _ => throw new UsageException($"unknown dossiers command '{args[0]}'"),
        };
    }

    /// <summary>FILE holds the API's reception body (docs/dossiers.md, "Reception API").</summary>
    private static int Receive(Arguments parsed, TextWriter stdout, TextWriter stderr)
    {
        var file = parsed.Single("dossiers receive");
        var unit = parsed.Required("--unit", "dossiers receive");
        var identifierText = parsed.Required("--unit-identifier", "dossiers receive");
        if (!UnitIdentifier.TryParse(identifierText, out var identifier))
        {
            throw new UsageException($"--unit-identifier '{identifierText}' is not in the national format (e.g. 000.00.12.H08)");
        }

        if (!File.Exists(file))
        {
            stderr.WriteLine($"bpm: no such file '{file}'");
            return Cli.Failed;
        }

        var bytes = File.ReadAllBytes(file);
        ReceptionRequest request;
        try
        {
            request = JsonSerializer.Deserialize<ReceptionRequest>(bytes, JsonSerializerOptions.Web)
                ?? throw new JsonException("the file holds null");
        }
        catch (JsonException e)
        {
            stderr.WriteLine($"bpm: {file}: not a reception request: {e.Message}");
            return Cli.Failed;
        }

        using var db = Database.Open(parsed);
        var time = TimeProvider.System;
        var reception = new DossierReception(db, EngineSettings.Executor(db, time), new ProcedureCatalog(db, time), time);
        var outcome = reception.ReceiveAsync(request, new Dictionary<string, string[]>(), unit, identifier, parsed["--by"] ?? Environment.UserName, parsed["--key"], Convert.ToHexStringLower(SHA256.HashData(bytes)))
            .GetAwaiter().GetResult();
        switch (outcome)
        {
            case ReceptionOutcome.Received or ReceptionOutcome.Replayed:
                var dossier = outcome is ReceptionOutcome.Received r ? r.Dossier : ((ReceptionOutcome.Replayed)outcome).Dossier;
                stdout.WriteLine($"{dossier.Code} {dossier.Status} due {Format(dossier.DueAt)}{(outcome is ReceptionOutcome.Replayed ? " (received earlier with this key)" : "")}");
                return Cli.Ok;
            case ReceptionOutcome.Invalid invalid:
                stderr.WriteLine($"bpm: {file}: not received, no code issued");
                foreach (var (field, messages) in invalid.Errors)
                {
                    stderr.WriteLine($"{file}: {field}: {string.Join(" ", messages)}");
                }

                return Cli.Failed;
            case ReceptionOutcome.KeyReused reused:
                stderr.WriteLine($"bpm: key '{parsed["--key"]}' already received dossier {reused.First.Code} with another request");
                return Cli.Failed;
            case ReceptionOutcome.Refused refused:
                stderr.WriteLine($"bpm: {refused.Message}");
                return Cli.Failed;
            default:
                throw new InvalidOperationException($"unexpected reception outcome {outcome.GetType().Name}");
        }
    }

    private static int Show(Arguments parsed, TextWriter stdout, TextWriter stderr)
    {
        var code = parsed.Single("dossiers show");
        using var db = Database.Open(parsed);
        var dossier = db.Dossiers.AsNoTracking().FirstOrDefault(d => d.Code == code);
        if (dossier is null)
        {
            stderr.WriteLine($"bpm: no dossier '{code}'");
            return Cli.Failed;
        }

        stdout.WriteLine($"{dossier.Code} {dossier.Status} ({DossierStatus.Label(dossier.Status)})");
        stdout.WriteLine($"procedure {dossier.ProcedureCode} at {dossier.ReceivingUnit}, instance {dossier.InstanceId}");
        stdout.WriteLine($"applicant {dossier.ApplicantName} ({dossier.ApplicantKind}, {dossier.IdentityNumber})");
        stdout.WriteLine($"received {Format(dossier.ReceivedAt)} by {dossier.ReceivedBy} ({dossier.Channel}), due {Format(dossier.DueAt)}");
        foreach (var e in db.DossierEvents.AsNoTracking().Where(e => e.DossierCode == code).OrderBy(e => e.Seq).ToList())
        {
            stdout.WriteLine($"  {e.Seq} {Format(e.At)} {e.Type} -> {e.Status} by {e.Actor}");
        }

        return Cli.Ok;
    }

    private static int List(Arguments parsed, TextWriter stdout)
    {
        using var db = Database.Open(parsed);
        var query = db.Dossiers.AsNoTracking();
        if (parsed["--status"] is { } status)
        {
            query = query.Where(d => d.Status == status);
        }

        if (parsed["--unit"] is { } unit)
        {
            query = query.Where(d => d.ReceivingUnit == unit);
        }

        if (parsed["--q"] is { } q)
        {
            query = query.Where(d => d.Code.Contains(q) || d.IdentityNumber == q || d.ApplicantName.Contains(q));
        }

        var rows = query.OrderBy(d => d.Code).ToList();
        foreach (var d in rows)
        {
            stdout.WriteLine($"{d.Code} {d.Status} {d.ProcedureCode} {d.ApplicantName}");
        }

        stdout.WriteLine($"{rows.Count} dossier(s)");
        return Cli.Ok;
    }

    /// <summary>dd/MM/yyyy HH:mm in Vietnam's time, as users read dates.</summary>
    private static string Format(DateTimeOffset? at) => at is { } moment ? DossierTime.Display(moment) : "-";
}
