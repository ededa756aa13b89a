using BenchmarkDotNet.Running;

// `dotnet run -c Release --project bench/Playstream.Benchmarks -- --filter '*'`
BenchmarkSwitcher.FromAssembly(typeof(Playstream.Benchmarks.HotPathBenchmarks).Assembly).Run(args);
