namespace Bpm.Benchmarks;

/// <summary>
/// The share of CPU time the hypervisor gave to other guests (<c>steal</c> in <c>/proc/stat</c>) over
/// an interval: on a shared VM it varies from run to run and takes from both sides of a comparison,
/// so the bench prints it beside each round's rates.
/// </summary>
internal readonly record struct CpuSteal(long Steal, long Total)
{
    /// <summary>Now; zeros where <c>/proc/stat</c> does not exist.</summary>
    public static CpuSteal Now()
    {
        if (!File.Exists("/proc/stat"))
        {
            return default;
        }

        // "cpu  user nice system idle iowait irq softirq steal guest guest_nice"
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(long.Parse).ToArray();
        return new CpuSteal(fields[7], fields.Sum());
    }

    /// <summary>"N.N%" of the CPU time since <paramref name="start"/>, or "n/a".</summary>
    public static string Since(CpuSteal start)
    {
        var now = Now();
        var total = now.Total - start.Total;
        return total > 0 ? $"{100.0 * (now.Steal - start.Steal) / total:F1}%" : "n/a";
    }
}
