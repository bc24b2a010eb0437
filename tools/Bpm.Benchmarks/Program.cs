using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Bpm.Benchmarks.EngineBenchmarks).Assembly).Run(args);
