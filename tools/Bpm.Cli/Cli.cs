namespace Bpm.Cli;

/// <summary>The <c>bpm</c> command: dispatches to a sub-command and turns every failure into a message and an exit code.</summary>
internal static class Cli
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    private const string Help = """
        usage: bpm <command> [arguments]

        commands:
          validate FILE...                         check BPMN files; prints OK FILE or FILE:LINE: ELEMENT_ID: message
          run FILE --script SCRIPT.json            run one instance in memory and print its journal as JSON lines
          calendar holidays --year YYYY            list the days off of a year
          calendar due --from ISO_DATETIME (--working-days N | --working-hours N) [--unit UNIT]
                                                   print a due date counted in working time
          db migrate                               create or update the database schema
          definitions import DIR | publish ID | list
                                                   versioned definitions in the database
          instances start ID --key CODE [--version N]
                                                   start an instance of the latest (or given) published version
          tasks list [--unit U] [--instance I] | complete INSTANCE TASK [--outcome O] [--by USER]
          verify --instance ID | --all             check journal hash chains
          documents verify FILE --signature SIG (--certificate CERT | --data DIR) [--unit CODE]
                                                   check an issued form against its detached signature
          catalog import FILE | list [--q TEXT]    the procedure catalogue (.json or .csv); search ignores diacritics
          dossiers receive FILE --unit UNIT --unit-identifier ID [--key KEY] | show CODE | list [--status S] [--q TEXT]
                                                   receive a dossier (the API's JSON body) and read dossiers
          dossiers export --format csv [--output FILE]
                                                   one row per dossier: code, level, unit, procedure, channel, times, status
          report onestop --from DATE --to DATE [--by level|agency|unit|sector|procedure|day|month|quarter|year]
                         [--format json|csv|xlsx] [--output FILE]
                                                   the one-stop report (received, on time, late, in progress, online)
          report recount                           rebuild the report's day counts from every dossier
          payments reconcile --date dd/MM/yyyy [--provider NAME] [--statement FILE.csv] [--csv RECEIPTS.csv]
                                                   the day's payments against the provider's statement (CSV)
          simulate province --scale S --seed N     a simulated province's dossiers through the engine (2019-2021)
          simulate whatif --definition ID --candidate FILE.bpmn [--months N] [--seed N] [--rate PER_DAY]
                          [--staff UNIT:role=N ...] [--format table|json]
                                                   the candidate beside the published version: on-time share, queues
          corpus generate --seed N --output DIR    the province's 2,257 internal procedures as .bpmn files
          (database commands take --database PATH_OR_CONNECTION_STRING and --provider sqlite|postgresql|sqlserver)

        documentation: docs/cli.md
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            (args.Length == 0 ? stderr : stdout).WriteLine(Help);
            return args.Length == 0 ? Usage : Ok;
        }

        try
        {
            return args[0] switch
            {
                "validate" => ValidateCommand.Run(args[1..], stdout, stderr),
                "run" => RunCommand.Run(args[1..], stdout, stderr),
                "calendar" => CalendarCommand.Run(args[1..], stdout, stderr, RepositoryRoot.Find()),
                "db" => DbCommand.Run(args[1..], stdout),
                "definitions" => DefinitionsCommand.Run(args[1..], stdout, stderr),
                "instances" => InstancesCommand.Run(args[1..], stdout, stderr),
                "tasks" => TasksCommand.Run(args[1..], stdout, stderr),
                "verify" => VerifyCommand.Run(args[1..], stdout, stderr),
                "documents" => DocumentsCommand.Run(args[1..], stdout, stderr),
                "catalog" => CatalogCommand.Run(args[1..], stdout, stderr),
                "dossiers" => DossiersCommand.Run(args[1..], stdout, stderr),
                "report" => ReportCommand.Run(args[1..], stdout, stderr),
                "payments" => PaymentsCommand.Run(args[1..], stdout, stderr),
                "simulate" => SimulateCommand.Run(args[1..], stdout, stderr),
                "corpus" => CorpusCommand.Run(args[1..], stdout, stderr),
                _ => UsageError(stderr, $"unknown command '{args[0]}'"),
            };
        }
        catch (Exception e) when (e is UsageException or Persistence.UnknownDatabaseProviderException)
        {
            return UsageError(stderr, e.Message);
        }
        catch (Exception e) when (e is Persistence.DefinitionException or System.Data.Common.DbException or Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            stderr.WriteLine($"bpm: {e.Message}");
            return Failed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Engine.Calendar.CalendarDataException or Engine.Calendar.CalendarCoverageException)
        {
            stderr.WriteLine($"bpm: {e.Message}");
            return Failed;
        }
#pragma warning disable CA1031 // The command line promises a message, never a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            stderr.WriteLine($"bpm: internal error ({e.GetType().Name}): {e.Message}");
            return Failed;
        }
    }

    public static int UsageError(TextWriter stderr, string message)
    {
        stderr.WriteLine($"bpm: {message}");
        stderr.WriteLine("run 'bpm --help' for usage");
        return Usage;
    }
}
