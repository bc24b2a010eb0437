using Bpm.Dossiers.Dossiers;
using Bpm.Persistence;
using Microsoft.Extensions.Time.Testing;

namespace Bpm.Dossiers.Tests.Dossiers;

/// <summary>Which published definition handles a procedure at a unit, chosen from the definitions table's procedure columns.</summary>
public abstract class ProcedureProcessesTestBase<TDatabase>(TDatabase database)
    where TDatabase : IDatabaseFixture
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 1, 0, 0, TimeSpan.Zero));

    /// <summary>Each test its own procedure code and definition ids, so tests on one database do not meet.</summary>
    private readonly string _key = Guid.NewGuid().ToString("N")[..10];

    private string Code => $"P{_key}";

    [SkippableFact]
    public async Task FindAsync_SeveralDefinitions_PrefersTheUnitsAgencyThenTheOrdinalFirstId()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        // Ordinal order puts 'Z' before 'a', where a culture's order would not.
        await PublishAsync($"{_key}-a", Code, "SO-TP");
        await PublishAsync($"{_key}-c", Code, "SO-TP");
        await PublishAsync($"{_key}-Z", Code, "UBND-XA");

        await using var db = database.CreateContext();

        Assert.Equal($"{_key}-a", await ProcedureProcesses.FindAsync(db, Code, "SO-TP.MOTCUA", default));
        Assert.Equal($"{_key}-Z", await ProcedureProcesses.FindAsync(db, Code, "UBND-XA.MOTCUA", default));
        Assert.Equal($"{_key}-Z", await ProcedureProcesses.FindAsync(db, Code, "SO-YT.MOTCUA", default));
        Assert.Null(await ProcedureProcesses.FindAsync(db, $"Q{_key}", "SO-TP.MOTCUA", default));
    }

    [SkippableFact]
    public async Task FindAtAgencyAsync_SeveralAgencies_TakesOnlyThatAgencysOwn()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        await PublishAsync($"{_key}-b", Code, "SO-TP");
        await PublishAsync($"{_key}-a", Code, "UBND-XA");

        await using var db = database.CreateContext();

        Assert.Equal($"{_key}-b", await ProcedureProcesses.FindAtAgencyAsync(db, Code, "SO-TP", default));
        Assert.Null(await ProcedureProcesses.FindAtAgencyAsync(db, Code, "SO-YT", default));
    }

    [SkippableFact]
    public async Task FindAsync_CodeOnlyMentionedOutsideTheMainProcess_IsNotChosen()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        // The code in the documentation and on a non-executable process: a LIKE over the XML matches it, the main process does not name it.
        await PublishAsync($"{_key}-mentions", $"Q{_key}", "SO-TP", mention: Code);

        await using var db = database.CreateContext();

        Assert.Null(await ProcedureProcesses.FindAsync(db, Code, "SO-TP.MOTCUA", default));
        Assert.Equal($"{_key}-mentions", await ProcedureProcesses.FindAsync(db, $"Q{_key}", "SO-TP.MOTCUA", default));
    }

    [SkippableFact]
    public async Task FindAsync_LatestVersionHandlesAnotherProcedure_TakesTheLatestOnly()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var id = $"{_key}-moved";
        await PublishAsync(id, Code, "SO-TP");
        await PublishAsync(id, $"Q{_key}", "SO-TP");

        await using var db = database.CreateContext();

        Assert.Null(await ProcedureProcesses.FindAsync(db, Code, "SO-TP.MOTCUA", default));
        Assert.Equal(id, await ProcedureProcesses.FindAsync(db, $"Q{_key}", "SO-TP.MOTCUA", default));

        // With the newer version retracted, new instances start on the older one again, and so it handles the first code.
        await new DefinitionStore(db, _time).RetractAsync(id, 2);
        Assert.Equal(id, await ProcedureProcesses.FindAsync(db, Code, "SO-TP.MOTCUA", default));
    }

    private async Task PublishAsync(string definitionId, string procedureCode, string decidingUnit, string mention = "OTHER")
    {
        await using var db = database.CreateContext();
        var store = new DefinitionStore(db, _time);
        await store.SaveDraftAsync(definitionId, ProcedureModels.ForProcedure("main", procedureCode, decidingUnit, mention), "designer");
        await store.PublishAsync(definitionId, "designer");
    }
}

public sealed class SqliteProcedureProcessesTests(SqliteFixture database)
    : ProcedureProcessesTestBase<SqliteFixture>(database), IClassFixture<SqliteFixture>;

public sealed class PostgreSqlProcedureProcessesTests(PostgresFixture database)
    : ProcedureProcessesTestBase<PostgresFixture>(database), IClassFixture<PostgresFixture>;

public sealed class SqlServerProcedureProcessesTests(SqlServerFixture database)
    : ProcedureProcessesTestBase<SqlServerFixture>(database), IClassFixture<SqlServerFixture>;
