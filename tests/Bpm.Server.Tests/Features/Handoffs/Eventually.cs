namespace Bpm.Server.Tests.Features.Handoffs;

/// <summary>Waits for what a host's background work (outbox pump, senders) delivers: a bound on waiting, not on speed.</summary>
internal static class Eventually
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    public static async Task<T> ArrivesAsync<T>(Func<Task<T?>> probe, string what)
        where T : class
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            Assert.True(waited.Elapsed < Patience, $"nothing arrived within {Patience.TotalSeconds} s: {what}");
            await Task.Delay(200);
        }
    }
}
