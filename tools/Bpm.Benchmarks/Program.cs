using BenchmarkDotNet.Running;
using Bpm.Benchmarks;

if (args is ["persisted", .. var rest])
{
    return await PersistedBenchmark.RunAsync(rest);
}

if (args is ["corpus", .. var corpusOptions])
{
    return await CorpusBenchmark.RunAsync(corpusOptions);
}

if (args is ["million", .. var millionOptions])
{
    return await MillionDossiers.RunAsync(millionOptions);
}

if (args is ["inbox", .. var inbox])
{
    return await InboxRenderBenchmark.RunAsync(inbox);
}

if (args is ["twohosts", .. var twoHosts])
{
    return await TwoHostsBenchmark.RunAsync(twoHosts);
}

if (args is ["lookup", .. var lookup])
{
    return await ProcedureLookupBenchmark.RunAsync(lookup);
}

if (args is ["bench", .. var options])
{
    return await PostgresComparison.RunAsync(options);
}

BenchmarkSwitcher.FromAssembly(typeof(EngineBenchmarks).Assembly).Run(args);
return 0;
