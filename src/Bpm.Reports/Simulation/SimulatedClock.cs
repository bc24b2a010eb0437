namespace Bpm.Reports.Simulation;

/// <summary>The simulation's clock: it stands still until the simulator moves it to the next event, and never goes back.</summary>
public sealed class SimulatedClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start.ToUniversalTime();

    public override DateTimeOffset GetUtcNow() => _now;

    public void MoveTo(DateTimeOffset at)
    {
        if (at < _now)
        {
            throw new InvalidOperationException($"the simulated clock is at {_now:O} and cannot go back to {at:O}");
        }

        _now = at.ToUniversalTime();
    }
}
