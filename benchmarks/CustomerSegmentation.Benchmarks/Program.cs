using BenchmarkDotNet.Running;
using CustomerSegmentation.Benchmarks.Comparison;

// `compare ...` times this library against ML.NET on one dataset, `compare-clv ...` the lifetime fits against scipy, `compare-gmm ...` the Gaussian mixture against scikit-learn,
// `scaling ...` one Lloyd iteration and one elbow sweep along N, K and d, `compare-data ...` the customer and transaction CSV readers against pandas,
// `pipeline-memory ...` the pipeline's peak RSS on a large customer CSV
// (see benchmarks/README.md); anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "compare")
{
    return CompareCommand.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "compare-gmm")
{
    return GaussianMixtureCompareCommand.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "pipeline-memory")
{
    return PipelineMemoryCommand.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "compare-data")
{
    return DataCompareCommand.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "compare-clv")
{
    return LifetimeCompareCommand.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "scaling")
{
    return ScalingCommand.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
