using Microsoft.AspNetCore.Http.HttpResults;

namespace Bpm.Server.Hosting;

/// <summary>
/// Development only, for the browser tests: the server's clock, which a test moves forward
/// (<c>POST /dev/clock</c>) to watch a dossier go late against the real server process — the
/// apology timer firing through Quartz, the leader signing the letter. Switched on by
/// <c>Bpm:Testing:MovableClock=true</c>; the server refuses to start with it outside Development.
/// Durations (<see cref="GetTimestamp"/>) stay real: only the wall clock moves.
/// </summary>
public sealed class MovableClock(TimeProvider inner) : TimeProvider
{
    public const string Switch = "Bpm:Testing:MovableClock";

    private long _offsetTicks;

    public sealed record MoveRequest(DateTimeOffset? To);

    public sealed record Now(DateTimeOffset At, TimeSpan Offset);

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override long GetTimestamp() => inner.GetTimestamp();

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public static void AddIfSwitchedOn(WebApplicationBuilder builder)
    {
        if (!builder.Configuration.GetValue(Switch, false))
        {
            return;
        }

        if (!builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException($"{Switch} moves the server's clock for tests; it is refused outside the Development environment (here: {builder.Environment.EnvironmentName}).");
        }

        var clock = new MovableClock(TimeProvider.System);
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton<TimeProvider>(clock);
    }

    public static void MapIfSwitchedOn(WebApplication app)
    {
        if (app.Services.GetService<MovableClock>() is { } clock)
        {
            app.MapPost("/dev/clock", (MoveRequest request) => clock.MoveTo(request)).AllowAnonymous().ExcludeFromDescription();
        }
    }

    private Results<Ok<Now>, ProblemHttpResult> MoveTo(MoveRequest request)
    {
        var now = GetUtcNow();
        if (request.To is not { } to || to < now)
        {
            return Problems.BadRequest("to", $"Đồng hồ chỉ tiến: 'to' phải là thời điểm ISO 8601 từ {now:O} trở đi.");
        }

        Interlocked.Add(ref _offsetTicks, (to - now).Ticks);
        return TypedResults.Ok(new Now(GetUtcNow(), TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks))));
    }
}
