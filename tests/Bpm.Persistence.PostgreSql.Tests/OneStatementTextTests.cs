using System.Data.Common;
using Bpm.Engine;
using Bpm.Persistence.Specification.Tests;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bpm.Persistence.PostgreSql.Tests;

/// <summary>
/// The one-statement write reaches Npgsql with positional parameters (<c>$1</c>, …, no names), the form
/// Npgsql sends as it is; with named parameters it parses the whole text on every execution to rewrite them.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class OneStatementTextTests(PostgresFixture fixture) : PersistenceTestBase<PostgresFixture>(fixture)
{
    [SkippableFact]
    public async Task Complete_StoredInstance_SendsTheWriteWithUnnamedPositionalParameters()
    {
        SkipUnlessAvailable();
        var (_, instanceId) = await StartTwoStepsAsync();
        var task = await OpenTaskAsync(instanceId);
        var seen = new WriteSeen();

        await using (var db = Context(seen))
        {
            var result = await Executor(db).ExecuteAsync(instanceId, new CompleteTask(task.TaskId) { Actor = "clerk" });
            Assert.True(result.Applied, result.Rejection?.Message);
        }

        var (text, names) = Assert.Single(seen.Writes);
        Assert.Contains("\"Revision\" = $2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("@p", text, StringComparison.Ordinal);
        Assert.All(names, name => Assert.Equal("", name));
        Assert.Equal(46, names.Count);
    }

    /// <summary>Keeps the text and the parameter names of each one-statement write.</summary>
    private sealed class WriteSeen : DbCommandInterceptor
    {
        public List<(string Text, List<string> Names)> Writes { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.TrimStart().StartsWith("WITH instance AS", StringComparison.Ordinal))
            {
                Writes.Add((command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => p.ParameterName).ToList()));
            }

            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
