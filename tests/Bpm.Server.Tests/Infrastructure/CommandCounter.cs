using System.Collections.Concurrent;
using System.Data.Common;
using Bpm.Organisation;
using Bpm.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Server.Tests.Infrastructure;

/// <summary>
/// Counts the database commands of the requests that carry <see cref="Header"/>, by its value, on
/// both of the server's contexts: the round trips a request costs, whatever background work
/// (outbox, timers) runs beside it.
/// </summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    public const string Header = "X-Test-Commands";

    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly HttpContextAccessor _http = new();

    public int Of(string request) => _counts.GetValueOrDefault(request);

    /// <summary>Adds the counter to the workflow context's options and the organisation context.</summary>
    public Action<IWebHostBuilder> Install() => b => b.ConfigureTestServices(s =>
    {
        var workflow = s.Single(d => d.ServiceType == typeof(DbContextOptions<BpmDbContext>));
        var options = (DbContextOptions<BpmDbContext>)workflow.ImplementationInstance!;
        s.Remove(workflow);
        s.AddSingleton(new DbContextOptionsBuilder<BpmDbContext>(options).AddInterceptors(this).Options);
        s.ConfigureDbContext<OrganisationDbContext>(o => o.AddInterceptors(this));
    });

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Count();
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Count();
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Count();
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    private void Count()
    {
        if (_http.HttpContext?.Request.Headers[Header].ToString() is { Length: > 0 } request)
        {
            _counts.AddOrUpdate(request, 1, (_, n) => n + 1);
        }
    }
}
