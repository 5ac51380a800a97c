using BenchmarkDotNet.Attributes;
using CustomerSegmentation.Benchmarks.Datasets;
using CustomerSegmentation.Clustering;
using CustomerSegmentation.Clustering.Kernels;
using CustomerSegmentation.Data;

namespace CustomerSegmentation.Benchmarks.Clustering;

/// <summary>
/// Lloyd's algorithm's three ways of gathering the sums (internal <see cref="LloydPasses"/>: every row on every pass;
/// the default, moves of the changed rows between refreshes; moves with distance bounds): 21 iterations from the first K rows, tolerance 0, as the comparison script's per-iteration measure
/// runs them (divide by 21 for one iteration), and a whole default fit.
/// </summary>
[MemoryDiagnoser]
public class BoundedLloydBenchmarks : ClusteredBenchmark
{
    private FeatureMatrix _data = null!;
    private KMeansOptions _fixed = null!;
    private KMeansOptions _default = null!;

    /// <summary>How the passes gather their sums: every row on every pass, moves of changed rows between refreshes, or moves with distance bounds.</summary>
    [Params(nameof(LloydPasses.Full), nameof(LloydPasses.Moves), nameof(LloydPasses.Bounded))]
    public string Passes { get; set; } = nameof(LloydPasses.Moves);

    private LloydPasses Mode => Enum.Parse<LloydPasses>(Passes);

    /// <summary>Generates uniform data.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _data = SyntheticFeatures.Generate(DataShape.Uniform, N, D);
        _fixed = new KMeansOptions
        {
            K = K, Init = KMeansInitialization.FromCentroids(SyntheticFeatures.FirstRows(_data, K)), MaxIterations = 21, Tolerance = 0,
        };
        _default = new KMeansOptions { K = K, Seed = 1 };
    }

    /// <summary>21 iterations from fixed centres.</summary>
    [Benchmark]
    public ClusteringResult TwentyOneIterations() => new KMeansClusterer(_fixed, VectorWidths.Best, Mode).Fit(_data);

    /// <summary>A default fit (k-means++, tolerance 1e-4).</summary>
    [Benchmark]
    public ClusteringResult DefaultFit() => new KMeansClusterer(_default, VectorWidths.Best, Mode).Fit(_data);
}
