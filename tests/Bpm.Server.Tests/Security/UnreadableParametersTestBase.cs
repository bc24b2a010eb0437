using System.Net;
using Bpm.Server.Tests.Infrastructure;

namespace Bpm.Server.Tests.Security;

/// <summary>
/// A query value the server cannot convert (a page number beyond any integer) is a 400 naming that
/// parameter in Vietnamese, like any other bad field; it is not reported as unreadable JSON in the
/// framework's English.
/// </summary>
public abstract class UnreadableParametersTestBase<TFixture>(TFixture fixture) : ServerTestBase<TFixture>(fixture)
    where TFixture : class, IServerFixture
{
    [SkippableTheory]
    [InlineData("/api/v1/tasks?page=99999999999", "page")]
    [InlineData("/api/v1/dossiers?pageSize=nhieu", "pageSize")]
    [InlineData("/api/v1/procedures?page=1.5", "page")]
    public async Task List_QueryValueThatIsNoNumber_BadRequestNamingTheParameter(string address, string parameter)
    {
        SkipUnlessAvailable();
        var reception = await SignInAsync("motcua.phuonglam");

        var problem = await ProblemAsync(await reception.GetAsync(address), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out var messages), problem.ToString());
        Assert.DoesNotContain("Failed to bind", messages[0].GetString());
        Assert.DoesNotContain("JSON", problem.GetProperty("detail").GetString());
    }
}

[Collection(SqliteServerCollection.Name)]
public sealed class SqliteUnreadableParametersTests(SqliteServerFixture fixture) : UnreadableParametersTestBase<SqliteServerFixture>(fixture);

[Collection(PostgresServerCollection.Name)]
public sealed class PostgreSqlUnreadableParametersTests(PostgresServerFixture fixture) : UnreadableParametersTestBase<PostgresServerFixture>(fixture);
