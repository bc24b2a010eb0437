using BenchmarkDotNet.Running;
using Bpm.Benchmarks;

if (args is ["persisted", .. var rest])
{
    return await PersistedBenchmark.RunAsync(rest);
}

BenchmarkSwitcher.FromAssembly(typeof(EngineBenchmarks).Assembly).Run(args);
return 0;
